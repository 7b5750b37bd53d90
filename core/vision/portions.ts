import type { XywhBox } from './boxes.ts';
import type { Detection } from './detector.ts';
import type { DetectorManifest, FoodClass, ReferenceClass } from './manifest.ts';

/**
 * Detections → proposed food items with a portion estimate, for the practitioner to review.
 *
 * One camera photo has no depth, so what it can tell is limited and every proposal says how it was reached:
 * - countable foods (whole fruit, doughnuts, sandwiches) are counted: overlapping or nested detections of
 *   one piece are merged first, and the count is proposed as pieces of one household measure;
 * - amorphous foods get their default portion, or box area scaled by a size reference (a bowl, a cup, a
 *   fork) when that reference is plausible;
 * - anything far outside a usual meal (more pieces than a meal holds, an area estimate several portions
 *   large, a photo total over MEAL_MAX_GRAMS) is flagged with its reason and no amount, for the
 *   practitioner to enter. Nothing is silently clamped. docs/decisions/photo-portions.md gives the reasons
 *   for each threshold.
 */
export type BasisKind = 'count' | 'reference' | 'default' | 'flagged';

export interface PortionItem {
  id: string;
  classIndex: number;
  label: string;
  score: number;
  /** The union of the merged detections' boxes. */
  box: XywhBox;
  foodId: string;
  foodName: string;
  /** Null when flagged: no amount is proposed. */
  grams: number | null;
  defaultPortion: string;
  basisKind: BasisKind;
  /** The basis in words, shown beside the amount. */
  portionBasis: string;
  count: number | null;
  measure: { name: string; grams: number } | null;
  range: { low: number; high: number } | null;
  flag: string | null;
  /** Raw detections merged into this item. */
  merged: number;
  /** The detector's best score among the merged detections (the class → food mapping is one-to-one). */
  confidence: number;
}

export interface PortionReference {
  label: string;
  score: number;
  box: XywhBox;
  /** Centimetres per image pixel this reference implies. */
  cmPerPixel: number;
  /** Null when trusted as a ruler; otherwise why not. */
  rejected: string | null;
}

export interface PortionResult {
  items: PortionItem[];
  /** Every reference object seen, best score first; `rejected` says whether and why it was not used. */
  references: PortionReference[];
  /** Whole-photo warnings. */
  flags: string[];
  /** Sum of the proposed grams (flagged items count 0). */
  totalGrams: number;
  /**
   * What the item rules proposed before the whole-photo check (which withdraws every amount of a photo
   * above MEAL_MAX_GRAMS): the figure the photo-set test bounds and the bench reports.
   */
  proposedGrams: number;
}

/**
 * A reference is trusted only when it agrees with the food beside it: the linear size it implies for a
 * whole piece of a countable food must lie within this factor of that food's typical size (area within
 * its square). A half kiwi taken for a 15 cm bowl makes an orange look 2–3× its real width; a real bowl
 * beside a real orange puts it within 1.5×, since fruit sizes vary about that much (USDA small vs large
 * orange: 2-3/8" vs 3-1/16" diameter, a factor 1.3).
 */
export const REFERENCE_LINEAR_TOLERANCE = 1.6;
/** Default lowest score for a reference to be used as a ruler (foods are reported from the model's 0.35). */
export const REFERENCE_MIN_SCORE = 0.5;
/** A reference smaller than this share of the image's long side is too few pixels to measure by. */
export const REFERENCE_MIN_IMAGE_SHARE = 0.08;
/** A round reference whose box is more elongated than this is cut off by the frame or a false detection. */
export const REFERENCE_MAX_ASPECT = 3;
/** An area estimate above this multiple of the default portion is flagged, not proposed. */
export const MAX_PORTION_FACTOR = 3;
/** An area estimate below this multiple of the default means a mis-scaled reference: the default is used. */
export const MIN_PORTION_FACTOR = 0.25;
/** The plausible range of an amorphous default portion, as multiples of it. */
export const DEFAULT_RANGE: readonly [number, number] = [0.5, 2.5];
/** The plausible range around an area estimate (no depth: height and density are unknown). */
export const REFERENCE_RANGE: readonly [number, number] = [0.6, 1.6];
/**
 * A photo whose proposed total is above this is flagged and nothing is proposed. A large restaurant meal
 * is about 1–1.5 kg of food; 2.5 kg leaves room for a shared plate but not for a detector counting a pile
 * of slices as whole fruit (24 oranges ≈ 3 kg).
 */
export const MEAL_MAX_GRAMS = 2500;
/** Two boxes of one food are the same piece when the smaller lies this much inside the larger. */
export const NESTED_SHARE = 0.6;
/** A detection inside a larger one of the same food, at most this share of its area, may be one of its pieces. */
export const BUNCH_PIECE_SHARE = 0.6;
/** …or when they overlap this much (intersection over union). */
export const SAME_PIECE_IOU = 0.45;
/**
 * Two detections of different foods on nearly the same box are one object the model could not decide
 * on (an orange also scored as an apple): only the surer one is kept, so one piece is not counted twice.
 */
export const SAME_OBJECT_IOU = 0.6;

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

function iouOf(a: XywhBox, b: XywhBox): number {
  const inter = intersection(a, b);
  return inter === 0 ? 0 : inter / (a.w * a.h + b.w * b.h - inter);
}

/**
 * Food detections less the weaker of any two of different foods on nearly the same box; `alsoSeenAs`
 * gives, per kept detection, the other foods it was scored as (shown in the basis for the practitioner).
 */
export function dropCrossClassDuplicates(foods: readonly Detection[]): {
  kept: Detection[];
  alsoSeenAs: Map<Detection, Set<string>>;
} {
  const sorted = [...foods].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  const alsoSeenAs = new Map<Detection, Set<string>>();
  for (const d of sorted) {
    const same = kept.find((k) => k.label !== d.label && iouOf(k.box, d.box) >= SAME_OBJECT_IOU);
    if (!same) kept.push(d);
    else alsoSeenAs.set(same, new Set([...(alsoSeenAs.get(same) ?? []), d.label]));
  }
  return { kept, alsoSeenAs };
}

function intersection(a: XywhBox, b: XywhBox): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return iw > 0 && ih > 0 ? iw * ih : 0;
}

/** Whether two detections of one food are the same piece (a duplicate, or one nested in the other). */
export function samePiece(a: XywhBox, b: XywhBox): boolean {
  const inter = intersection(a, b);
  if (inter === 0) return false;
  const aa = a.w * a.h;
  const ba = b.w * b.h;
  return inter / Math.min(aa, ba) >= NESTED_SHARE || inter / (aa + ba - inter) >= SAME_PIECE_IOU;
}

function union(boxes: readonly XywhBox[]): XywhBox {
  const x1 = Math.min(...boxes.map((b) => b.x));
  const y1 = Math.min(...boxes.map((b) => b.y));
  const x2 = Math.max(...boxes.map((b) => b.x + b.w));
  const y2 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/**
 * Groups detections that are the same piece: largest first, each joins the first group whose largest box
 * it is the same piece as, else starts a group. Not transitive on purpose: a box straddling two oranges
 * overlaps both, and chaining through it would merge two oranges into one.
 */
export function mergePieces<T extends { box: XywhBox }>(dets: readonly T[]): T[][] {
  const groups: T[][] = [];
  const byArea = [...dets].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h);
  for (const d of byArea) {
    const home = groups.find((g) => samePiece(g[0]!.box, d.box));
    if (home) home.push(d);
    else groups.push([d]);
  }
  return groups;
}

/** The piece's box: the largest of its merged detections (the whole piece, not a part of it). */
function pieceBox(group: readonly { box: XywhBox }[]): XywhBox {
  return group.reduce((a, d) => (d.box.w * d.box.h > a.w * a.h ? d.box : a), group[0]!.box);
}

/**
 * A merged group whose largest box holds two or more separate, clearly smaller detections is a bunch and
 * its pieces (a hand of bananas boxed whole and banana by banana): it counts as those pieces, not as one.
 * Each piece's box is its own; the bunch's box and any other detection go with the first piece.
 */
export function splitBunch<T extends { box: XywhBox }>(group: readonly T[]): { dets: T[]; box: XywhBox }[] {
  const whole = [{ dets: [...group], box: pieceBox(group) }];
  if (group.length < 3) return whole;
  const big = whole[0]!.box;
  const inner = group.filter((d) => d.box !== big && d.box.w * d.box.h <= BUNCH_PIECE_SHARE * big.w * big.h);
  if (inner.length < 2) return whole;
  const pieces = mergePieces(inner).map((dets) => ({ dets, box: pieceBox(dets) }));
  if (pieces.length < 2) return whole;
  pieces[0]!.dets.push(...group.filter((d) => !inner.includes(d)));
  return pieces;
}

const g = (n: number): string => `${roundGrams(n)} g`;

/** Judges each reference on its own: class score, size in the image, aspect. */
function judgeReference(
  d: Detection,
  ref: ReferenceClass,
  image: { width: number; height: number } | null,
): PortionReference {
  const px = referencePixels(d.box, ref);
  let rejected: string | null = null;
  const minScore = ref.minScore ?? REFERENCE_MIN_SCORE;
  const aspect = Math.max(d.box.w, d.box.h) / Math.max(1e-9, Math.min(d.box.w, d.box.h));
  if (d.score < minScore) rejected = `the ${d.label} was recognised with too little confidence`;
  else if (image && px < REFERENCE_MIN_IMAGE_SHARE * Math.max(image.width, image.height))
    rejected = `the ${d.label} is too small in the photo to measure by`;
  else if (ref.measure === 'diameter' && aspect > REFERENCE_MAX_ASPECT)
    rejected = `the ${d.label} is cut off or not round in the photo`;
  return { label: d.label, score: d.score, box: d.box, cmPerPixel: px > 0 ? ref.sizeCm / px : 0, rejected };
}

/** Ratio of the implied area to the food's typical area under a given scale. */
function areaRatio(box: XywhBox, food: FoodClass, cmPerPixel: number): number {
  return (box.w * box.h * cmPerPixel * cmPerPixel) / food.typicalAreaCm2;
}

/**
 * A reference must agree with every whole countable piece in the photo: fruit are a better ruler than a
 * detector's guess at what is a bowl. A bowl smaller than the orange next to it is not a bowl.
 */
function disagreesWithFood(
  r: PortionReference,
  pieces: readonly { label: string; box: XywhBox; food: FoodClass }[],
): string | null {
  const tol = REFERENCE_LINEAR_TOLERANCE ** 2;
  for (const p of pieces) {
    if (!p.food.countable) continue;
    const ratio = areaRatio(p.box, p.food, r.cmPerPixel);
    if (ratio > tol || ratio < 1 / tol) {
      const linear = Math.sqrt(ratio);
      return `taking it as a ${r.label} would make a ${p.label} ${linear.toFixed(1)}× its usual size`;
    }
  }
  return null;
}

/** The first shapeless food the reference would put outside [MIN_PORTION_FACTOR, MAX_PORTION_FACTOR]. */
function disagreesWithPortion(
  r: PortionReference,
  groups: readonly { label: string; box: XywhBox; food: FoodClass }[],
): string | null {
  for (const p of groups) {
    if (p.food.countable) continue;
    const ratio = areaRatio(p.box, p.food, r.cmPerPixel);
    if (ratio > MAX_PORTION_FACTOR || ratio < MIN_PORTION_FACTOR)
      return `taking it as a ${r.label} would make the ${p.label} ${ratio < 1 ? ratio.toFixed(2) : ratio.toFixed(1)}× a usual portion`;
  }
  return null;
}

function nearestMeasure(food: FoodClass, grams: number): { name: string; grams: number } {
  const ms = food.countable!.measures;
  return ms.reduce((a, m) => (Math.abs(Math.log(m.grams / grams)) < Math.abs(Math.log(a.grams / grams)) ? m : a));
}

export function estimatePortions(
  detections: readonly Detection[],
  manifest: DetectorManifest,
  image: { width: number; height: number } | null = null,
): PortionResult {
  // Pieces per food class, after merging duplicates and nested detections.
  const byClass = new Map<string, Detection[]>();
  // Tableware and other classes are not food items.
  const { kept: foods, alsoSeenAs } = dropCrossClassDuplicates(
    detections.filter((d) => manifest.foodClasses[d.label] !== undefined),
  );
  for (const d of foods) byClass.set(d.label, [...(byClass.get(d.label) ?? []), d]);
  const groups: { label: string; food: FoodClass; dets: Detection[]; box: XywhBox }[] = [];
  for (const [label, dets] of byClass) {
    const food = manifest.foodClasses[label]!;
    for (const dg of mergePieces(dets)) {
      // A bunch is split into its pieces only for countable foods; a pizza and its slices stay one.
      if (food.countable) for (const piece of splitBunch(dg)) groups.push({ label, food, ...piece });
      else groups.push({ label, food, dets: dg, box: pieceBox(dg) });
    }
  }

  const references: PortionReference[] = [];
  for (const d of detections) {
    const ref = manifest.referenceClasses[d.label];
    if (!ref) continue;
    const r = judgeReference(d, ref, image);
    if (r.rejected === null) r.rejected = disagreesWithFood(r, groups);
    // With no whole piece of fruit to confirm it, a reference that would make a shapeless food far from
    // any usual portion is doubted, not the food: a half kiwi taken for a bowl makes the pizza beside it
    // 20 portions large.
    if (r.rejected === null && !groups.some((x) => x.food.countable)) r.rejected = disagreesWithPortion(r, groups);
    references.push(r);
  }
  references.sort((a, b) => b.score - a.score);
  const ruler = references.find((r) => r.rejected === null) ?? null;
  const noRuler =
    references.length === 0
      ? 'no size reference recognised (the detector knows bowls, cups and cutlery, not plates)'
      : `no reliable size reference (${references[0]!.rejected ?? 'not usable'})`;

  const items: PortionItem[] = [];
  /** Each item's own merged detections (for naming what else those boxes were scored as). */
  const itemDets = new Map<string, Detection[]>();
  const track = (id: string, dets: Detection[]): string => (itemDets.set(id, dets), id);
  const base = (label: string, food: FoodClass, dets: Detection[]) => ({
    id: track(`d${items.length + 1}`, dets),
    classIndex: dets[0]!.classIndex,
    label,
    score: Math.max(...dets.map((d) => d.score)),
    box: union(dets.map((d) => d.box)),
    foodId: food.foodId,
    foodName: food.foodName,
    defaultPortion: food.defaultPortion,
    merged: dets.length,
    confidence: Math.max(...dets.map((d) => d.score)),
  });

  // Countable foods: one item per food, a count of pieces × one household measure.
  const countableLabels = [...new Set(groups.filter((x) => x.food.countable).map((x) => x.label))];
  for (const label of countableLabels) {
    const pieces = groups.filter((x) => x.label === label);
    const food = pieces[0]!.food;
    const c = food.countable!;
    const dets = pieces.flatMap((p) => p.dets);
    const n = pieces.length;
    const mergedNote = dets.length > n ? ` (${dets.length} overlapping detections merged)` : '';
    if (n > c.maxPerMeal) {
      items.push({
        ...base(label, food, dets),
        grams: null,
        basisKind: 'flagged',
        portionBasis: `${n} ${c.plural} seen${mergedNote}; no amount proposed`,
        count: null,
        measure: null,
        range: null,
        flag: `${n} ${c.plural} is more than a meal usually holds (at most ${c.maxPerMeal}): they are probably slices or pieces. Enter the amount.`,
        merged: dets.length,
      });
      continue;
    }
    let measure = c.measures.find((m) => m.name === c.measure)!;
    let how = `${ruler ? 'size not measured' : noRuler}, taken as ${measure.name}`;
    if (ruler) {
      // The mean piece area under the ruler picks the nearest household size.
      const meanRatio = pieces.reduce((s, p) => s + areaRatio(p.box, food, ruler.cmPerPixel), 0) / n;
      const defaultGrams = c.measures.find((m) => m.name === c.measure)!.grams;
      measure = nearestMeasure(food, defaultGrams * meanRatio);
      how = `size from the ${ruler.label}`;
    }
    // Exact multiples of the food table's measures (not rounded to 5 g), so the amount agrees with what
    // the same count of that measure gives wherever else it is shown.
    const grams = n * measure.grams;
    const lows = Math.min(...c.measures.map((m) => m.grams));
    const highs = Math.max(...c.measures.map((m) => m.grams));
    items.push({
      ...base(label, food, dets),
      grams,
      basisKind: 'count',
      portionBasis: `${n} × ${measure.name} (${measure.grams} g), counted in the photo${mergedNote}; ${how}`,
      count: n,
      measure: { name: measure.name, grams: measure.grams },
      range: { low: n * lows, high: n * highs },
      flag: null,
      merged: dets.length,
    });
  }

  // Shapeless foods: one item per food. Separate boxes of one (florets, slices, two bits of cake) are
  // parts of one serving as far as one photo can tell: never a default portion each.
  const amorphousLabels = [...new Set(groups.filter((x) => !x.food.countable).map((x) => x.label))];
  for (const label of amorphousLabels) {
    const parts = groups.filter((x) => x.label === label);
    const food = parts[0]!.food;
    const dets = parts.flatMap((p) => p.dets);
    const notes: string[] = [];
    if (parts.length > 1) notes.push(`${parts.length} separate parts seen, taken as one serving`);
    if (dets.length > parts.length) notes.push(`${dets.length - parts.length} overlapping detections merged`);
    const mergedNote = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    const [dl, dh] = food.rangeGrams ?? [food.defaultGrams * DEFAULT_RANGE[0], food.defaultGrams * DEFAULT_RANGE[1]];
    const asDefault = (reason: string): PortionItem => ({
      ...base(label, food, dets),
      grams: food.defaultGrams,
      basisKind: 'default',
      portionBasis: `default portion, ${food.defaultPortion} (${food.defaultGrams} g); ${reason}${mergedNote}`,
      count: null,
      measure: null,
      // Several parts may be more than one serving: the range reaches one default portion per part.
      range: {
        low: roundGrams(Math.min(dl, food.defaultGrams)),
        high: roundGrams(Math.max(dh, parts.length * food.defaultGrams)),
      },
      flag: null,
    });
    if (!ruler) {
      items.push(asDefault(noRuler));
      continue;
    }
    const ratio = parts.reduce((sum, p) => sum + areaRatio(p.box, food, ruler.cmPerPixel), 0);
    const raw = food.defaultGrams * ratio;
    if (ratio < MIN_PORTION_FACTOR) {
      items.push(asDefault(`the ${ruler.label} makes it under ¼ of a usual portion, so it was not used`));
    } else if (ratio > MAX_PORTION_FACTOR) {
      // Only reached when whole fruit confirmed the reference's scale: the food itself looks that large.
      items.push({
        ...base(label, food, dets),
        grams: null,
        basisKind: 'flagged',
        portionBasis: `the ${ruler.label} suggests about ${g(raw)}${mergedNote}; no amount proposed`,
        count: null,
        measure: null,
        range: null,
        flag: `About ${g(raw)} by the ${ruler.label}: over ${MAX_PORTION_FACTOR}× a usual portion (${food.defaultPortion}, ${food.defaultGrams} g). Check the photo and enter the amount.`,
      });
    } else {
      items.push({
        ...base(label, food, dets),
        grams: roundGrams(raw),
        basisKind: 'reference',
        portionBasis: `area against the ${ruler.label} (taken as ${manifest.referenceClasses[ruler.label]!.sizeCm} cm)${mergedNote}`,
        count: null,
        measure: null,
        range: { low: roundGrams(raw * REFERENCE_RANGE[0]), high: roundGrams(raw * REFERENCE_RANGE[1]) },
        flag: null,
      });
    }
  }

  // Name the other foods the model also scored these boxes as, so a wrong class is easy to correct.
  for (const item of items) {
    const others = new Set((itemDets.get(item.id) ?? []).flatMap((d) => [...(alsoSeenAs.get(d) ?? [])]));
    if (others.size > 0) item.portionBasis += `; also scored as ${[...others].sort().join(', ')}`;
  }

  const flags: string[] = [];
  let total = items.reduce((s, i) => s + (i.grams ?? 0), 0);
  const proposedGrams = total;
  if (total > MEAL_MAX_GRAMS) {
    flags.push(
      `The amounts found add up to ${(total / 1000).toFixed(1)} kg, far above one meal (at most ${MEAL_MAX_GRAMS / 1000} kg): no amounts are proposed. Enter each amount.`,
    );
    for (const i of items) {
      if (i.grams === null) continue;
      i.flag = `Part of a photo whose total (${(total / 1000).toFixed(1)} kg) is far above one meal; proposed ${g(i.grams)} was withdrawn.`;
      i.portionBasis = `withdrawn (photo total too high): ${i.portionBasis}`;
      i.grams = null;
      i.basisKind = 'flagged';
      i.range = null;
      i.count = null;
      i.measure = null;
    }
    total = 0;
  }
  if (items.some((i) => i.basisKind === 'flagged') && flags.length === 0)
    flags.push('Some items have no amount proposed: enter their amounts.');
  const rejected = references.filter((r) => r.rejected !== null);
  if (ruler === null && rejected.length > 0 && items.length > 0)
    flags.push(`Not used as a size reference: ${rejected.map((r) => `${r.label} (${r.rejected})`).join('; ')}.`);
  // Ids follow the final order.
  items.forEach((i, n) => (i.id = `d${n + 1}`));
  return { items, references, flags, totalGrams: total, proposedGrams };
}
