import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../contract/errors.ts';
import type { Logger } from '../logging/log.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import { sha256Hex, validateYoloModel } from '../vision/detector.ts';
import { loadManifest, parseManifest, type DetectorManifest } from '../vision/manifest.ts';
import { createDetectorWorker, type DetectorWorker } from '../vision/worker.ts';

/**
 * The detector the app uses now: the bundled NanoDet-g, or a practitioner's own YOLO model installed
 * from Settings (kept in <data folder>/models/<id>/ with its manifest: models are not client data).
 * Inference runs in a worker thread (core/vision/worker.ts), started on first use and reused.
 */
export interface VisionRuntime {
  detector(): Promise<DetectorWorker>;
  status(): Promise<VisionStatusView>;
  install(input: InstallInput): Promise<VisionStatusView>;
  setActive(id: string): Promise<VisionStatusView>;
  close(): Promise<void>;
}

export interface InstallInput {
  name: string;
  modelBytes: Uint8Array;
  classes: string[];
  foodMap: Record<string, string>;
  defaultGrams: Record<string, number>;
  /** Food names for the mapped ids (looked up by the caller). */
  foodNames: Record<string, string>;
}

export interface VisionStatusView {
  provider: string | null;
  providersTried: { name: string; ok: boolean; message: string | null }[];
  model: { id: string; name: string; kind: string; foodClasses: string[] };
  models: { id: string; name: string; kind: string; active: boolean; builtIn: boolean }[];
}

export function defaultModelDir(): string {
  return fileURLToPath(new URL('../../models/meal-detector', import.meta.url));
}

/** Typical portion area when a custom model's class has no better figure (a palm-sized portion). */
const DEFAULT_AREA_CM2 = 80;

export function createVisionRuntime(options: {
  builtInDir?: string;
  customDir: string;
  workerPath?: string;
  log: Logger;
}): VisionRuntime {
  const builtInDir = options.builtInDir ?? defaultModelDir();
  const activeFile = path.join(options.customDir, 'active.json');
  let current: { id: string; worker: Promise<DetectorWorker> } | null = null;

  const customModels = (): { dir: string; manifest: DetectorManifest }[] => {
    if (!fs.existsSync(options.customDir)) return [];
    const out: { dir: string; manifest: DetectorManifest }[] = [];
    for (const entry of fs.readdirSync(options.customDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(options.customDir, entry.name);
      try {
        out.push({
          dir,
          manifest: parseManifest(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))),
        });
      } catch {
        options.log.warn('skipping an unreadable custom model folder');
      }
    }
    return out;
  };

  const activeId = (): string | null => {
    try {
      const v = JSON.parse(fs.readFileSync(activeFile, 'utf8')) as { id?: unknown };
      return typeof v.id === 'string' ? v.id : null;
    } catch {
      return null;
    }
  };

  const resolveActive = async (): Promise<{ dir: string; manifest: DetectorManifest; builtIn: boolean }> => {
    const id = activeId();
    const custom = id ? customModels().find((m) => m.manifest.id === id) : undefined;
    if (custom) return { ...custom, builtIn: false };
    return { dir: builtInDir, manifest: await loadManifest(builtInDir), builtIn: true };
  };

  const detector = async (): Promise<DetectorWorker> => {
    const active = await resolveActive();
    if (current?.id !== active.manifest.id) {
      const previous = current;
      const worker = createDetectorWorker({
        modelPath: path.join(active.dir, active.manifest.file),
        manifest: active.manifest,
        ...(options.workerPath ? { workerPath: options.workerPath } : {}),
      });
      current = { id: active.manifest.id, worker };
      // A failed start is not cached: the next call tries again.
      worker.catch(() => {
        if (current?.worker === worker) current = null;
      });
      if (previous) void previous.worker.then((w) => w.close()).catch(() => undefined);
    }
    return current.worker;
  };

  const status = async (): Promise<VisionStatusView> => {
    const active = await resolveActive();
    let provider: string | null = null;
    let providersTried: VisionStatusView['providersTried'];
    try {
      const w = await detector();
      provider = w.provider;
      providersTried = [...w.providersTried];
    } catch (err) {
      providersTried = [{ name: 'load', ok: false, message: err instanceof Error ? err.message : String(err) }];
    }
    const builtIn = await loadManifest(builtInDir);
    return {
      provider,
      providersTried,
      model: {
        id: active.manifest.id,
        name: active.manifest.name,
        kind: active.manifest.kind,
        foodClasses: Object.keys(active.manifest.foodClasses),
      },
      models: [
        { id: builtIn.id, name: builtIn.name, kind: builtIn.kind, active: active.builtIn, builtIn: true },
        ...customModels().map((m) => ({
          id: m.manifest.id,
          name: m.manifest.name,
          kind: m.manifest.kind,
          active: m.manifest.id === active.manifest.id,
          builtIn: false,
        })),
      ],
    };
  };

  return {
    detector,
    status,

    async install(input) {
      for (const cls of Object.keys(input.foodMap)) {
        if (!input.classes.includes(cls)) {
          throw new AppError('invalid-input', `"${cls}" is mapped to a food but is not one of the listed classes.`, {
            foodMap: `"${cls}" is not one of the classes.`,
          });
        }
      }
      if (new Set(input.classes).size !== input.classes.length) {
        throw new AppError('invalid-input', 'The class list has duplicates.', { classes: 'Each class once.' });
      }
      const shape = await validateYoloModel(input.modelBytes, input.classes);
      const id = `custom-${randomUUID().slice(0, 8)}`;
      const manifest = parseManifest({
        id,
        name: input.name,
        kind: 'yolov8',
        file: 'model.onnx',
        sha256: sha256Hex(input.modelBytes),
        // Ultralytics exports: RGB, pixels / 255, letterboxed with grey 114.
        input: {
          name: shape.inputName,
          size: shape.inputSize,
          layout: 'NCHW',
          channelOrder: 'RGB',
          mean: [0, 0, 0],
          std: [255, 255, 255],
          letterboxPad: 114,
        },
        outputs: { output: shape.outputName },
        classes: input.classes,
        foodClasses: Object.fromEntries(
          Object.entries(input.foodMap).map(([cls, foodId]) => [
            cls,
            {
              foodId,
              foodName: input.foodNames[foodId] ?? foodId,
              defaultGrams: input.defaultGrams[cls] ?? 100,
              defaultPortion: `${input.defaultGrams[cls] ?? 100} g`,
              typicalAreaCm2: DEFAULT_AREA_CM2,
            },
          ]),
        ),
        referenceClasses: {},
        thresholds: { score: 0.35, nms: 0.5, maxDetections: 50 },
      });
      const dir = path.join(options.customDir, id);
      fs.mkdirSync(dir, { recursive: true });
      writeFileAtomic(path.join(dir, 'model.onnx'), Buffer.from(input.modelBytes), 0o644);
      writeFileAtomic(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
      writeFileAtomic(activeFile, JSON.stringify({ id }), 0o644);
      options.log.info('custom detector installed', { id, classes: input.classes.length });
      return status();
    },

    async setActive(id) {
      const builtIn = await loadManifest(builtInDir);
      if (id !== builtIn.id && !customModels().some((m) => m.manifest.id === id)) {
        throw new AppError('not-found', 'That detector is not installed.');
      }
      fs.mkdirSync(options.customDir, { recursive: true });
      writeFileAtomic(activeFile, JSON.stringify({ id: id === builtIn.id ? null : id }), 0o644);
      return status();
    },

    async close() {
      const c = current;
      current = null;
      if (c) await c.worker.then((w) => w.close()).catch(() => undefined);
    },
  };
}
