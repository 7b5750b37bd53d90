import fs from 'node:fs';
import path from 'node:path';
import type { LabelReading } from '../../contract/food-labels.ts';

/**
 * The nutrition-label test set (made by scripts/make-label-set.ts): rendered US and EU/UK labels
 * photographed with perspective, rotation, blur, noise and JPEG loss, with the printed values.
 */
export const LABEL_SET = path.join(import.meta.dirname, 'label-set');

export interface LabelTruth {
  file: string;
  layout: 'us' | 'eu';
  basis: 'serving' | '100g' | '100ml';
  servingG: number | null;
  printed: Record<string, number>;
  per100g: Record<string, number>;
  font: string;
  distortion: string;
}

export function loadTruth(): LabelTruth[] {
  return JSON.parse(fs.readFileSync(path.join(LABEL_SET, 'truth.json'), 'utf8')) as LabelTruth[];
}

/** A value is right within 2% (plus 0.01 for zeros and rounding). */
export const withinTolerance = (got: number, want: number): boolean =>
  Math.abs(got - want) <= 0.01 + 0.02 * Math.abs(want);

export interface AccuracyReport {
  right: number;
  total: number;
  share: number;
  /** Per field key: right / total. */
  byField: Record<string, { right: number; total: number }>;
}

/** Share of printed fields read right (a photo refused counts all its fields wrong). */
export function fieldAccuracy(results: { truth: LabelTruth; reading: LabelReading | null }[]): AccuracyReport {
  const byField: AccuracyReport['byField'] = {};
  let right = 0;
  let total = 0;
  for (const { truth, reading } of results) {
    const got = Object.fromEntries((reading?.fields ?? []).map((f) => [f.key, f.value]));
    for (const [key, want] of Object.entries(truth.printed)) {
      const ok = got[key] !== undefined && withinTolerance(got[key], want);
      const f = (byField[key] ??= { right: 0, total: 0 });
      f.total++;
      total++;
      if (ok) {
        f.right++;
        right++;
      }
    }
  }
  return { right, total, share: total ? right / total : 0, byField };
}
