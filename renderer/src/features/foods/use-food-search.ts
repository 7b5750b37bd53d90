import type { FoodHit } from '@contract/foods.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useCall, type Query } from '../../lib/query.ts';

export const FOOD_SEARCH_DEBOUNCE_MS = 250;

export interface FoodSearch extends Query<FoodHit[]> {
  /** The query the shown results answer (trimmed, debounced). */
  searched: string;
}

/** Food search as you type: debounced, and an empty query asks nothing of the core. */
export function useFoodSearch(text: string, options: { clientId?: string; limit?: number } = {}): FoodSearch {
  const searched = useDebounced(text.trim(), FOOD_SEARCH_DEBOUNCE_MS);
  const { clientId, limit = 25 } = options;
  const query = useCall(
    'foods.search',
    { query: searched, limit, ...(clientId ? { clientId } : {}) },
    // While the next query loads, the last hits stay (marked as searching) so the list does not flash.
    { enabled: searched !== '', keepPrevious: true },
  );
  // An empty query asks nothing and shows no hits (not the last query's).
  return searched === '' ? { ...query, data: [], loading: false, searched } : { ...query, searched };
}
