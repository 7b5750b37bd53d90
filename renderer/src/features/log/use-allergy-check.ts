import { useCall } from '../../lib/query.ts';
import type { AllergyConflict } from '../foods/allergen-text.ts';

export interface AllergyCheckState {
  /** Food id → its conflict with the client's recorded allergies. */
  conflicts: ReadonlyMap<string, AllergyConflict>;
  /** Until the check answers, a save could miss a warning: forms wait. */
  checking: boolean;
  /** Asks again (after the core refused a save the check had not flagged). */
  recheck: () => void;
}

/** Which of these foods the client is allergic to (foods.allergyCheck), rechecked when the list changes. */
export function useAllergyCheck(clientId: string, foodIds: readonly string[]): AllergyCheckState {
  const ids = [...new Set(foodIds)].sort();
  const query = useCall('foods.allergyCheck', { clientId, foodIds: ids }, { enabled: ids.length > 0 });
  const conflicts = new Map((query.data?.conflicts ?? []).map((c) => [c.foodId, c]));
  return {
    conflicts: ids.length === 0 ? new Map() : conflicts,
    checking: ids.length > 0 && query.loading,
    recheck: query.reload,
  };
}
