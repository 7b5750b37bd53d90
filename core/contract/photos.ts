import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { FileUpload, FoodId } from './foods.ts';
import { AllergyConfirmation, LocalTime, Meal } from './log.ts';
import { Empty, method } from './rpc.ts';

/** A box in the stored photo's pixels (after EXIF orientation): left, top, width, height. */
export const Box = z.object({
  x: z.number().min(0),
  y: z.number().min(0),
  w: z.number().positive(),
  h: z.number().positive(),
});
export type Box = z.infer<typeof Box>;

/** A plausible range of grams for a proposed amount (what one photo can and cannot tell). */
export const GramRange = z.object({ low: z.number().min(0), high: z.number().min(0) });
export type GramRange = z.infer<typeof GramRange>;

/**
 * How a proposed amount was reached: pieces counted × a household measure; box area scaled by a size
 * reference judged plausible; the food's default portion (no reliable reference); or no amount proposed
 * because the estimate was far outside typical meal sizes (see `flag`).
 */
export const PortionBasisKind = z.enum(['count', 'reference', 'default', 'flagged']);
export type PortionBasisKind = z.infer<typeof PortionBasisKind>;

/** One thing the detector proposed, mapped to a food with a portion estimate. */
export const DetectedItem = z.object({
  id: z.string(),
  /** The model's class name (COCO "banana", or a custom model's class). */
  label: z.string(),
  score: z.number(),
  box: Box,
  foodId: FoodId.nullable(),
  foodName: z.string().nullable(),
  grams: z.number().nullable(),
  /** The basis of the amount in words, shown beside it ("2 × medium (131 g), counted in the photo"). */
  portionBasis: z.string().nullable(),
  /** Detector score × mapping confidence, 0–1. */
  confidence: z.number(),
  /** Which kind of basis (older stored analyses lack it: read as 'default'). */
  basisKind: PortionBasisKind.default('default'),
  /** Countable foods: pieces counted (overlapping detections of one piece are merged first). */
  count: z.number().int().positive().nullable().default(null),
  /** The household measure a count is of ("medium", 131 g), for countable foods. */
  measure: z.object({ name: z.string(), grams: z.number().positive() }).nullable().default(null),
  /** Plausible range of the amount; null only when no amount is proposed. */
  range: GramRange.nullable().default(null),
  /** Why the practitioner should look at this item (set when no amount is proposed, or it is unusual). */
  flag: z.string().nullable().default(null),
  /** How many raw detections were merged into this item. */
  merged: z.number().int().positive().default(1),
});
export type DetectedItem = z.infer<typeof DetectedItem>;

export const PhotoAnalysis = z.object({
  photoId: Id,
  clientId: Id,
  width: z.number(),
  height: z.number(),
  /** Foods found (tableware used only as a size reference is not listed). */
  items: z.array(DetectedItem),
  /** Plates, bowls and cups seen (used to scale portions). */
  references: z.array(z.object({ label: z.string(), box: Box })),
  nothingFound: z.boolean(),
  modelId: z.string(),
  provider: z.string(),
  timings: z.object({ preprocessMs: z.number(), inferenceMs: z.number(), totalMs: z.number() }),
  takenDate: IsoDate.nullable(),
  /** Whole-photo warnings (e.g. the total proposed is far above a typical meal). */
  flags: z.array(z.string()).default([]),
  /** Set when this photo is one half of a before-and-after pair. */
  pair: z
    .object({ role: z.enum(['before', 'after']), photoId: Id })
    .nullable()
    .default(null),
});
export type PhotoAnalysis = z.infer<typeof PhotoAnalysis>;

export const ReviewedItem = z
  .object({
    foodId: FoodId,
    grams: z.number().gt(0, { message: 'The amount must be more than 0 g.' }).max(5000).nullable().default(null),
    amount: z.string().trim().max(100).nullable().default(null),
    box: Box.nullable().default(null),
    /** The class name as the practitioner confirmed it (for dataset export). */
    label: z.string().trim().min(1).max(100),
    origin: z.enum(['detected', 'manual']),
    /**
     * Before-and-after photos: the share of this item eaten (0–1, in steps of 0.1); the entry logs
     * grams × share. Null for a single photo (all of it eaten).
     */
    eatenShare: z.number().min(0).max(1).nullable().default(null),
    /** Needed when this item's food contains an allergen of the client (kept with its entry). */
    allergyConfirmation: AllergyConfirmation.nullable().optional(),
  })
  .refine((i) => (i.grams === null) !== (i.amount === null || i.amount === ''), {
    message: 'Give either grams or a household measure for each item.',
    path: ['grams'],
  });
export type ReviewedItem = z.infer<typeof ReviewedItem>;

export const PhotoSummary = z.object({
  id: Id,
  clientId: Id,
  status: z.enum(['pending', 'saved', 'discarded']),
  localDate: IsoDate.nullable(),
  width: z.number(),
  height: z.number(),
  itemCount: z.number(),
  createdAt: z.number(),
  /** Set when this photo is one half of a before-and-after pair. */
  pair: z
    .object({ role: z.enum(['before', 'after']), photoId: Id })
    .nullable()
    .default(null),
});

export const VisionStatus = z.object({
  provider: z.string().nullable(),
  providersTried: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string().nullable() })),
  model: z.object({ id: z.string(), name: z.string(), kind: z.string(), foodClasses: z.array(z.string()) }),
  models: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), active: z.boolean(), builtIn: z.boolean() }),
  ),
});

export const InstallModelInput = FileUpload.extend({
  name: z.string().trim().min(1, { message: 'Name the model.' }).max(100),
  /** Class names in the model's output order. */
  classes: z.array(z.string().trim().min(1).max(100)).min(1, { message: 'List the model classes.' }).max(1000),
  /** Class name → food id, for the classes that are foods. */
  foodMap: z.record(z.string().max(100), FoodId),
  /** Default portion in grams per food class (used when no plate is seen). */
  defaultGrams: z.record(z.string().max(100), z.number().positive().max(5000)).default({}),
});

export const SavePhotoInput = z.object({
  photoId: Id,
  date: IsoDate,
  time: LocalTime.nullable().default(null),
  meal: Meal.nullable().default(null),
  items: z.array(ReviewedItem).min(1, { message: 'Add at least one food before saving the meal.' }).max(50),
  confirm: z.boolean().default(false),
});

/** Before and after photos: the proposed share eaten of one item of the before photo. */
export const PairProposal = z.object({
  beforeItemId: z.string(),
  /** The item it was matched with in the after photo; null when the food was not seen there. */
  afterItemId: z.string().nullable(),
  /** 0–1 in steps of 0.1. */
  share: z.number().min(0).max(1),
  /** Why, in words ("Not seen in the after photo"). */
  basis: z.string(),
  areaShare: z.number().nullable(),
  pixelShare: z.number().nullable(),
});
export type PairProposal = z.infer<typeof PairProposal>;

export const PhotoPairing = z.object({
  beforeId: Id,
  afterId: Id,
  /** What the two photos were measured against: the plate seen in both, else the whole image. */
  frame: z.enum(['plate', 'image']),
  /** One per item of the before photo, in its order. */
  items: z.array(PairProposal),
});
export type PhotoPairing = z.infer<typeof PhotoPairing>;

export const photosMethods = {
  /** Analyses one meal photo on this machine and keeps it (encrypted) for review. */
  'photos.analyze': method(FileUpload.extend({ clientId: Id }).strict(), PhotoAnalysis),
  'photos.get': method(z.object({ photoId: Id }).strict(), PhotoAnalysis),
  'photos.image': method(
    z.object({ photoId: Id, variant: z.enum(['full', 'thumb']).default('full') }).strict(),
    z.object({ mime: z.string(), dataBase64: z.string() }),
  ),
  'photos.list': method(
    z.object({ clientId: Id, status: z.enum(['pending', 'saved', 'discarded']).optional() }).strict(),
    z.array(PhotoSummary),
  ),
  /** Saves the reviewed items as diet entries linked to the photo. */
  'photos.save': method(
    SavePhotoInput.strict(),
    z.object({ photoId: Id, entryIds: z.array(Id), warnings: z.array(z.string()) }),
  ),
  /**
   * Discards a photo; when it is half of a pair, the other photo stays pending, unpaired. Discarding
   * both is two calls.
   */
  'photos.discard': method(z.object({ photoId: Id }).strict(), z.object({ photoId: Id })),
  /**
   * Pairs two pending photos of one client as before and after the meal: matches the foods across them
   * and proposes the share of each eaten. Saving the before photo then logs the eaten amounts.
   */
  'photos.pair': method(z.object({ beforeId: Id, afterId: Id }).strict(), PhotoPairing),
  /** The pairing of a paired photo (either half). */
  'photos.pairing': method(z.object({ photoId: Id }).strict(), PhotoPairing),
  /** Undoes a pairing of two pending photos (either half given); both stay pending. */
  'photos.unpair': method(z.object({ photoId: Id }).strict(), z.object({ beforeId: Id, afterId: Id })),
  /** Reviewed photos with their boxes and final labels, as a COCO or YOLO dataset zip. */
  'photos.exportDataset': method(
    z.object({ format: z.enum(['coco', 'yolo']) }).strict(),
    z.object({ fileName: z.string(), dataBase64: z.string(), images: z.number(), annotations: z.number() }),
  ),

  'vision.status': method(Empty, VisionStatus),
  'vision.installModel': method(InstallModelInput.strict(), VisionStatus),
  'vision.setActiveModel': method(z.object({ id: z.string().min(1).max(80) }).strict(), VisionStatus),
} as const;
