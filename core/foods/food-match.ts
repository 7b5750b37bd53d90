import type { FoodHit } from '../contract/foods.ts';
import { searchWords } from './search.ts';

/**
 * Picking a food from words typed at the command line ("log add --food banana"), where nobody sees the
 * list: the top search hit is taken only when it is an exact name or clearly the best; otherwise the
 * candidates are given back to be listed. The search scores (core/foods/search.ts `score`) decide:
 *
 * - exact: the words of one food's name are exactly the words typed ("bananas raw" → "Bananas, raw");
 * - clear: the best hit names every word typed as a whole word (a plural counts), scores at least
 *   STRONG_SCORE (its own food word comes first and matches: "Bananas, raw" for "banana" scores 14), and
 *   leads the next hit by at least CLEAR_MARGIN;
 * - otherwise weak (nothing names the words: "oat milk" only finds "Babyfood, cereal, oatmeal, prepared
 *   with whole milk", score −3) or ambiguous (two hits within the margin: "apple" → with or without
 *   skin), and nothing is logged.
 */
export const STRONG_SCORE = 10;
export const CLEAR_MARGIN = 1.5;

export type FoodMatch =
  | { kind: 'match'; hit: FoodHit; how: 'exact' | 'clear' }
  | { kind: 'weak' | 'ambiguous' | 'none'; candidates: FoodHit[] };

const plural = (word: string, q: string): boolean => word === q || word === `${q}s` || word === `${q}es`;

export function pickFood(query: string, hits: FoodHit[]): FoodMatch {
  if (hits.length === 0) return { kind: 'none', candidates: [] };
  const words = searchWords(query);
  const key = words.join(' ');
  const exact = hits.filter((h) => searchWords(h.name).join(' ') === key);
  if (exact.length === 1 && exact[0]) return { kind: 'match', hit: exact[0], how: 'exact' };
  const ranked = [...hits].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  const [best, next] = ranked;
  if (!best) return { kind: 'none', candidates: [] };
  const nameWords = searchWords(best.name);
  const named = words.every((q) => nameWords.some((w) => plural(w, q)));
  const score = best.score ?? -Infinity;
  if (!named || score < STRONG_SCORE) return { kind: 'weak', candidates: ranked };
  if (next && score - (next.score ?? -Infinity) < CLEAR_MARGIN) return { kind: 'ambiguous', candidates: ranked };
  return { kind: 'match', hit: best, how: 'clear' };
}
