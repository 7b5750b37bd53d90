import { z } from 'zod';
import { FileUpload, Nutrients } from './foods.ts';
import { Empty, method } from './rpc.ts';

/**
 * Nutrition labels: a photo of a nutrition panel read on this machine (core/labels/), shown for review
 * beside the crops the values came from; saving goes through foods.createCustom like any custom food.
 */
export const LABEL_FIELD_KEYS = [
  'energyKcal',
  'energyKj',
  'fatG',
  'satFatG',
  'transFatG',
  'cholesterolMg',
  'sodiumMg',
  'saltG',
  'carbG',
  'sugarG',
  'addedSugarG',
  'fibreG',
  'proteinG',
] as const;
export const LabelFieldKey = z.enum(LABEL_FIELD_KEYS);

/** A crop of the photo as a small JPEG, with its box in the photo's (EXIF-oriented) pixels. */
const Crop = z.object({
  jpegBase64: z.string(),
  box: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
});

export const LabelField = z.object({
  key: LabelFieldKey,
  /** The field's name as the review shows it ("Saturated fat"). */
  name: z.string(),
  /** As printed, in `unit`, per the reading's basis. */
  value: z.number(),
  unit: z.enum(['kcal', 'kJ', 'g', 'mg']),
  /** The text the value was read from. */
  text: z.string(),
  /** The reader's confidence for that line, 0–100. */
  confidence: z.number(),
  crop: Crop,
  /** Whether the app keeps it (trans fat and kJ are shown, not stored). */
  stored: z.boolean(),
});
export type LabelField = z.infer<typeof LabelField>;

export const LabelReading = z.object({
  layout: z.enum(['us', 'eu']),
  /** What the printed values are per. */
  basis: z.enum(['serving', '100g', '100ml']),
  serving: z.object({ grams: z.number(), text: z.string(), crop: Crop }).nullable(),
  fields: z.array(LabelField),
  /** The per-100 g values that would be saved, from the fields as read; null until a serving weight is known. */
  per100g: Nutrients.nullable(),
  width: z.number(),
  height: z.number(),
  timings: z.object({ ocrMs: z.number(), totalMs: z.number() }),
});
export type LabelReading = z.infer<typeof LabelReading>;

export const foodLabelsMethods = {
  /** Reads the nutrition panel in a photo (nothing is stored: the review saves via foods.createCustom). */
  'labels.read': method(FileUpload.strict(), LabelReading),
  /** Stops the label being read (its labels.read answers with "cancelled"); false when none is. */
  'labels.cancel': method(Empty, z.object({ cancelled: z.boolean() })),
};
