import type { FoodHit } from '@contract/foods.ts';
import { call } from '../../lib/api.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useQuery, type Query } from '../../lib/use-query.ts';

export const FOOD_SEARCH_DEBOUNCE_MS = 250;

export interface FoodSearch extends Query<FoodHit[]> {
  /** The query the shown results answer (trimmed, debounced). */
  searched: string;
}

/** Food search as you type: debounced, and an empty query asks nothing of the core. */
export function useFoodSearch(text: string, options: { clientId?: string; limit?: number } = {}): FoodSearch {
  const searched = useDebounced(text.trim(), FOOD_SEARCH_DEBOUNCE_MS);
  const { clientId, limit = 25 } = options;
  const query = useQuery(JSON.stringify(['foods.search', searched, clientId ?? null, limit]), () =>
    searched === ''
      ? Promise.resolve([])
      : call('foods.search', { query: searched, limit, ...(clientId ? { clientId } : {}) }),
  );
  return { ...query, searched };
}
