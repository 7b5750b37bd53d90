import type { Sqlite } from '../db/open.ts';
import { bundledFoodId } from './bundled.ts';
import { SEARCH_QUALITY_SET, type QualityCase } from './search-quality-set.ts';
import { searchFoods } from './search.ts';

export interface QualityResult {
  cases: number;
  top1: number;
  top3: number;
  /** The searches whose meant food is not in the first three, with what came first instead. */
  misses: { q: string; got: string[] }[];
}

/** Top-1 and top-3 hit rates (0–1) of the search on a database holding the bundled foods. */
export function searchQuality(sqlite: Sqlite, set: QualityCase[] = SEARCH_QUALITY_SET): QualityResult {
  let top1 = 0;
  let top3 = 0;
  const misses: QualityResult['misses'] = [];
  for (const c of set) {
    const meant = new Set(c.foods.map(([ndb]) => bundledFoodId(ndb)));
    const hits = searchFoods(sqlite, { query: c.q, limit: 3 });
    if (hits[0] && meant.has(hits[0].id)) top1++;
    if (hits.some((h) => meant.has(h.id))) top3++;
    else misses.push({ q: c.q, got: hits.map((h) => h.name) });
  }
  return { cases: set.length, top1: top1 / set.length, top3: top3 / set.length, misses };
}
