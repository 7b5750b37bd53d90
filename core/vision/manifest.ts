import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';

/**
 * The manifest that travels with each detector model (models/<id>/manifest.json). onnxruntime-node's JS
 * API does not expose an ONNX model's metadata_props, so class names,
 * preprocessing and output names live here, next to the model, and are checked against the model at load.
 */
const Triple = z.tuple([z.number(), z.number(), z.number()]);

const FoodClass = z.object({
  foodId: z.string().min(1),
  foodName: z.string().min(1),
  defaultGrams: z.number().positive(),
  defaultPortion: z.string(),
  /** Box area (cm²) of the default portion seen from above: the grams scale with box area against it. */
  typicalAreaCm2: z.number().positive(),
  /**
   * Countable foods (whole fruit, doughnuts, sandwiches): proposed as a count of one household measure
   * ("2 × medium"). `measures` are the food table's own household measures, smallest to largest; `measure`
   * names the one a piece is taken as when the photo cannot tell its size; a count above `maxPerMeal` is
   * flagged, not proposed. Foods without it are amorphous: a default portion with a range.
   */
  countable: z
    .object({
      noun: z.string().min(1),
      plural: z.string().min(1),
      measures: z.array(z.object({ name: z.string().min(1), grams: z.number().positive() })).min(1),
      measure: z.string().min(1),
      maxPerMeal: z.number().int().positive(),
    })
    .refine((c) => c.measures.some((x) => x.name === c.measure), {
      message: 'countable.measure must be one of countable.measures.',
    })
    .optional(),
  /** Amorphous foods: the plausible range of one portion in grams (default: ½× to 2½× defaultGrams). */
  rangeGrams: z.tuple([z.number().positive(), z.number().positive()]).optional(),
});

const ReferenceClass = z.object({
  sizeCm: z.number().positive(),
  /** diameter: round things (plate, bowl, cup); length: cutlery; height: upright things (a wine glass). */
  measure: z.enum(['diameter', 'length', 'height']),
  /** Lowest detector score at which this object is trusted as a ruler (default 0.5). */
  minScore: z.number().min(0).max(1).optional(),
});

export const DetectorManifest = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    kind: z.enum(['nanodet', 'yolov8']),
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i),
    input: z.object({
      name: z.string().min(1),
      size: z.number().int().min(32).max(2048),
      layout: z.literal('NCHW'),
      channelOrder: z.enum(['BGR', 'RGB']),
      /** Per tensor channel, in the tensor's channel order (BGR means mean[0] is blue). */
      mean: Triple,
      std: Triple,
      /** Pixel value (0–255, before mean/std) of the letterbox border. */
      letterboxPad: z.number().min(0).max(255),
    }),
    outputs: z
      .object({
        scores: z.array(z.string()).optional(),
        boxes: z.array(z.string()).optional(),
        strides: z.array(z.number().int().positive()).optional(),
        bins: z.number().int().positive().optional(),
        /** YOLO: the single output's name. */
        output: z.string().optional(),
      })
      .default({}),
    classes: z.array(z.string().min(1)).min(1),
    foodClasses: z.record(z.string(), FoodClass).default({}),
    referenceClasses: z.record(z.string(), ReferenceClass).default({}),
    thresholds: z.object({
      score: z.number().min(0).max(1),
      nms: z.number().min(0).max(1),
      maxDetections: z.number().int().positive(),
    }),
    accuracyFloor: z.number().min(0).max(1).optional(),
    accuracyPhotos: z.array(z.object({ file: z.string(), expected: z.string() })).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'nanodet') {
      const o = m.outputs;
      const n = o.strides?.length ?? 0;
      if (n === 0 || o.scores?.length !== n || o.boxes?.length !== n || o.bins === undefined) {
        ctx.addIssue({ code: 'custom', message: 'A NanoDet manifest needs outputs.scores, boxes, strides and bins.' });
      }
    }
    for (const name of [...Object.keys(m.foodClasses), ...Object.keys(m.referenceClasses)]) {
      if (!m.classes.includes(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not one of the classes.` });
    }
  });
export type DetectorManifest = z.infer<typeof DetectorManifest>;
export type FoodClass = z.infer<typeof FoodClass>;
export type ReferenceClass = z.infer<typeof ReferenceClass>;

export function parseManifest(value: unknown): DetectorManifest {
  const r = DetectorManifest.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
    throw new AppError('invalid-input', `The meal detector's manifest is not valid${where}: ${first?.message ?? ''}`);
  }
  return r.data;
}

export async function loadManifest(modelDir: string): Promise<DetectorManifest> {
  let text: string;
  try {
    text = await readFile(join(modelDir, 'manifest.json'), 'utf8');
  } catch {
    throw new AppError('not-found', 'The meal detector is missing (no manifest.json). Reinstall the app.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('invalid-input', "The meal detector's manifest.json is not valid JSON. Reinstall the app.");
  }
  return parseManifest(json);
}
