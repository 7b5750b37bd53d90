import type { XywhBox } from './boxes.ts';
import type { Detection } from './detector.ts';
import type { DetectorManifest, ReferenceClass } from './manifest.ts';

/**
 * Detections → proposed food items with a portion estimate, for the practitioner to review. The estimate
 * is deliberately coarse: a single camera photo has no depth, so grams follow box area against a typical
 * portion's area, scaled by a reference object of known size when one is visible, and are clamped.
 */
export interface PortionItem {
  id: string;
  classIndex: number;
  label: string;
  score: number;
  box: XywhBox;
  foodId: string;
  foodName: string;
  grams: number;
  defaultPortion: string;
  portionBasis: 'plate reference' | 'default portion';
  /** The detector's score: the class → food mapping is one-to-one and certain. */
  confidence: number;
}

export interface PortionReference {
  label: string;
  score: number;
  box: XywhBox;
  /** Centimetres per image pixel this reference implies. */
  cmPerPixel: number;
}

export interface PortionResult {
  items: PortionItem[];
  /** Every reference seen; the first (highest score) is the one used for scale. */
  references: PortionReference[];
}

/** Clamp range for the area-based estimate, as a multiple of the default portion. */
export const MIN_FACTOR = 0.25;
export const MAX_FACTOR = 4;

/**
 * The reference's real size in pixels. A round plate, bowl or cup seen at an angle is an ellipse whose
 * long axis is the true diameter (tilting only foreshortens the other axis), so a diameter is max(w, h),
 * not the mean, which would shrink with the camera angle. A fork, knife or spoon is thin and can lie at
 * any angle: its length is the box diagonal √(w² + h²), which max(w, h) would underestimate by up to 29 %
 * at 45°; the overestimate from the object's own width is small for cutlery. A 'height' is the box height.
 */
export function referencePixels(box: XywhBox, ref: ReferenceClass): number {
  if (ref.measure === 'diameter') return Math.max(box.w, box.h);
  // An upright object (a wine glass) stands vertical in the photo once EXIF orientation is applied.
  if (ref.measure === 'height') return box.h;
  return Math.hypot(box.w, box.h);
}

export function roundGrams(g: number): number {
  return Math.max(5, Math.round(g / 5) * 5);
}

export function estimatePortions(detections: readonly Detection[], manifest: DetectorManifest): PortionResult {
  const references: PortionReference[] = [];
  for (const d of detections) {
    const ref = manifest.referenceClasses[d.label];
    if (!ref) continue;
    const px = referencePixels(d.box, ref);
    if (px > 0) references.push({ label: d.label, score: d.score, box: d.box, cmPerPixel: ref.sizeCm / px });
  }
  references.sort((a, b) => b.score - a.score);
  const scale = references[0]?.cmPerPixel ?? null;

  const items: PortionItem[] = [];
  for (const d of detections) {
    const food = manifest.foodClasses[d.label];
    if (!food) continue; // tableware used as a reference and any other class is not a food item
    let grams = food.defaultGrams;
    let basis: PortionItem['portionBasis'] = 'default portion';
    if (scale !== null) {
      const areaCm2 = d.box.w * d.box.h * scale * scale;
      const raw = (food.defaultGrams * areaCm2) / food.typicalAreaCm2;
      grams = Math.min(MAX_FACTOR * food.defaultGrams, Math.max(MIN_FACTOR * food.defaultGrams, raw));
      basis = 'plate reference';
    }
    items.push({
      id: `d${items.length + 1}`,
      classIndex: d.classIndex,
      label: d.label,
      score: d.score,
      box: d.box,
      foodId: food.foodId,
      foodName: food.foodName,
      grams: roundGrams(grams),
      defaultPortion: food.defaultPortion,
      portionBasis: basis,
      confidence: d.score,
    });
  }
  return { items, references };
}
