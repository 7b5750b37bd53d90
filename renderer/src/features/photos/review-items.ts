import type { MethodInput } from '@contract/index.ts';
import type { FoodHit, Portion } from '@contract/foods.ts';
import type { Box, DetectedItem, PhotoAnalysis } from '@contract/photos.ts';
import { numberOrNull, type NumberField } from '../foods/custom-food-values.ts';
import { amountText } from '../log/log-text.ts';
import { itemLabel } from './photo-text.ts';

export type ReviewedItemInput = MethodInput<'photos.save'>['items'][number];
export type AmountMode = 'grams' | 'measure';

/** One food on the photo as the practitioner reviews it. */
export interface ReviewItem {
  /** Stable key: the detection's id, or `manual-<n>`. */
  key: string;
  origin: 'detected' | 'manual';
  /** What the detector said and proposed (null for an item entered by hand). */
  detected: {
    label: string;
    foodId: string | null;
    confidence: number;
    portionBasis: string | null;
    basisKind: DetectedItem['basisKind'];
    grams: number | null;
    count: number | null;
    measure: DetectedItem['measure'];
    range: DetectedItem['range'];
    flag: string | null;
  } | null;
  box: Box | null;
  hit: FoodHit | null;
  mode: AmountMode;
  grams: NumberField;
  count: NumberField;
  /** The household measure chosen in 'measure' mode. */
  portion: Portion | null;
  /**
   * A counted item starts in 'measure' mode on the food's measure of these grams (the detector's
   * household measure comes from the same food table); ItemAmount picks it once the food's measures load.
   */
  measureGrams: number | null;
  /** Why this food is saved although the client is allergic to it (asked only then). */
  allergyReason: string;
}

/** A FoodHit for a food the core already named (the picker shows its name). */
export function hitFor(id: string, name: string): FoodHit {
  return { id, name, foodGroup: null, source: 'usda-sr28', energyKcalPer100g: null, recent: false, allergens: [] };
}

export function itemsFromAnalysis(analysis: PhotoAnalysis): ReviewItem[] {
  return analysis.items.map((d) => {
    // A counted proposal is prefilled as that count of its household measure; a flagged one has no amount.
    const counted = d.basisKind === 'count' && d.count !== null && d.measure !== null && d.grams !== null;
    return {
      key: d.id,
      origin: 'detected',
      detected: {
        label: d.label,
        foodId: d.foodId,
        confidence: d.confidence,
        portionBasis: d.portionBasis,
        basisKind: d.basisKind,
        grams: d.grams,
        count: d.count,
        measure: d.measure,
        range: d.range,
        flag: d.flag,
      },
      box: d.box,
      hit: d.foodId && d.foodName ? hitFor(d.foodId, d.foodName) : null,
      mode: counted ? 'measure' : 'grams',
      grams: d.grams === null ? '' : Math.round(d.grams),
      count: counted ? d.count! : 1,
      portion: null,
      measureGrams: counted ? d.measure!.grams : null,
      allergyReason: '',
    };
  });
}

export function manualItem(key: string, box: Box | null = null): ReviewItem {
  return {
    key,
    origin: 'manual',
    detected: null,
    box,
    hit: null,
    mode: 'grams',
    grams: '',
    count: 1,
    portion: null,
    measureGrams: null,
    allergyReason: '',
  };
}

export interface ReviewPayload {
  items: ReviewedItemInput[];
  /** Item key → what is missing, when the list cannot be sent yet. */
  errors: Record<string, string>;
}

/**
 * The items as photos.save takes them, or per-item errors for what must be filled in first. An item whose
 * food is in `conflicting` (the client is allergic to it) needs its reason, which is sent with it.
 */
export function reviewPayload(
  items: readonly ReviewItem[],
  conflicting: ReadonlySet<string> = new Set(),
): ReviewPayload {
  const out: ReviewedItemInput[] = [];
  const errors: Record<string, string> = {};
  for (const item of items) {
    if (!item.hit) {
      errors[item.key] = 'Choose the food.';
      continue;
    }
    const reason = item.allergyReason.trim();
    if (conflicting.has(item.hit.id) && reason === '') {
      errors[item.key] = 'Give a reason to save this food despite the allergy.';
      continue;
    }
    const base = {
      foodId: item.hit.id,
      box: item.box,
      label: itemLabel(item.detected?.label ?? null, item.detected?.foodId ?? null, item.hit.id, item.hit.name),
      origin: item.origin,
      ...(conflicting.has(item.hit.id) ? { allergyConfirmation: { reason } } : {}),
    };
    if (item.mode === 'measure') {
      const count = numberOrNull(item.count);
      if (!item.portion || count === null || count <= 0) {
        errors[item.key] = 'Enter how many of the measure.';
        continue;
      }
      out.push({ ...base, grams: null, amount: amountText(count, item.portion) });
    } else {
      const grams = numberOrNull(item.grams);
      if (grams === null || grams <= 0) {
        errors[item.key] = 'Enter the amount in grams.';
        continue;
      }
      out.push({ ...base, grams, amount: null });
    }
  }
  return { items: out, errors };
}

/** Server field errors on items ("items.2.grams") by item key; the rest by field name. */
export function splitSaveErrors(
  fields: Record<string, string>,
  sentKeys: readonly string[],
): { items: Record<string, string>; other: Record<string, string> } {
  const items: Record<string, string> = {};
  const other: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^items\.(\d+)(?:\.|$)/.exec(path);
    const key = m ? sentKeys[Number(m[1])] : undefined;
    if (key !== undefined) items[key] = message;
    else other[path] = message;
  }
  return { items, other };
}

/** The item a box drawn now belongs to: the last item entered by hand that has no box yet (else a new one). */
export function drawTarget(items: readonly ReviewItem[]): ReviewItem | null {
  return [...items].reverse().find((i) => i.origin === 'manual' && i.box === null) ?? null;
}
