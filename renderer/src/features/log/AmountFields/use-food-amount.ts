import { useState } from 'react';
import type { Food, FoodHit, Portion } from '@contract/foods.ts';
import type { ApiError } from '../../../lib/api.ts';
import { useCall } from '../../../lib/query.ts';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { amountText, measureFromText, measureGrams } from '../log-text.ts';

export type AmountMode = 'measure' | 'grams';

/** The amount of a chosen food, as a count of one of its household measures or in grams. */
export interface FoodAmount {
  /** The food chosen, if any. */
  hit: FoodHit | null;
  /** Chooses another food (or none), forgetting the measure and mode chosen for the previous one. */
  choose: (hit: FoodHit | null) => void;
  /** The chosen food's record (its measures), once loaded for the current choice. */
  food: Food | undefined;
  foodError: ApiError | null;
  portions: readonly Portion[];
  mode: AmountMode;
  setMode: (mode: AmountMode) => void;
  /** The measure counted (the first one until another is chosen). */
  portion: Portion | undefined;
  setPortionId: (id: string) => void;
  count: NumberField;
  setCount: (count: NumberField) => void;
  grams: NumberField;
  setGrams: (grams: NumberField) => void;
  /** The amount in grams as entered so far, or null while incomplete. */
  gramsValue: number | null;
  /** What the core is sent: grams, or a household amount ("2 cup"), the other null. */
  payload: () => { grams: number | null; amount: string | null };
}

/** A saved entry's food as the food picker's current choice (only its id and name are known). */
function chosenFood(food: { id: string; name: string } | null | undefined): FoodHit | null {
  if (!food) return null;
  const { id, name } = food;
  return { id, name, foodGroup: null, source: 'usda-sr28', energyKcalPer100g: null, recent: true, allergens: [] };
}

/**
 * The food chosen and its amount. A food with household measures starts on "1 × its first measure";
 * one without, or an edit (`editing`: the saved food and grams, if any), starts in grams.
 */
export function useFoodAmount(editing?: {
  food: { id: string; name: string } | null | undefined;
  grams: number | null;
  /** The household amount the entry was saved with ("2 cup, chopped"), if any: it reopens as that. */
  amountText?: string | null;
}): FoodAmount {
  const [hit, setHit] = useState<FoodHit | null>(() => chosenFood(editing?.food));
  const [mode, setModeState] = useState<AmountMode | null>(editing && !editing.amountText ? 'grams' : null);
  const [portionId, setPortionId] = useState<string | null>(null);
  // null until the practitioner types one: the saved measure's count, or 1.
  const [countInput, setCount] = useState<NumberField | null>(null);
  const [grams, setGrams] = useState<NumberField>(editing?.grams ?? '');
  const [restoring, setRestoring] = useState(Boolean(editing?.amountText));
  const foodQuery = useCall('foods.get', { id: hit?.id ?? '' }, { enabled: hit !== null, staleTime: Infinity });
  const food = hit && foodQuery.data?.id === hit.id ? foodQuery.data : undefined;
  const portions = food?.portions ?? [];
  // The saved household amount, matched against the food's measures once they are loaded.
  const restored = restoring ? measureFromText(portions, editing?.amountText) : null;
  const effectiveMode: AmountMode =
    mode ?? (restoring && food ? (restored ? 'measure' : 'grams') : portions.length > 0 ? 'measure' : 'grams');
  const portion = portions.find((p) => p.id === portionId) ?? restored?.portion ?? portions[0];
  const count: NumberField = countInput ?? restored?.count ?? 1;
  const countValue = numberOrNull(count);
  const gramsValue =
    effectiveMode === 'measure'
      ? portion && countValue !== null
        ? measureGrams(countValue, portion)
        : null
      : numberOrNull(grams);
  return {
    food,
    foodError: hit ? foodQuery.error : null,
    portions,
    mode: effectiveMode,
    // Switching between a measure and grams keeps the amount: 2 × cup (240 g) becomes 240 g, and back.
    setMode: (next) => {
      if (next === effectiveMode) return;
      if (next === 'grams' && gramsValue !== null) setGrams(Math.round(gramsValue * 10) / 10);
      const typed = numberOrNull(grams);
      if (next === 'measure' && portion && typed !== null && typed > 0) {
        setCount(Math.round((typed / portion.grams) * 100) / 100);
        if (portionId === null) setPortionId(portion.id);
      }
      setModeState(next);
    },
    portion,
    setPortionId,
    count,
    setCount,
    grams,
    setGrams,
    gramsValue,
    payload: () => {
      if (effectiveMode === 'grams') return { grams: numberOrNull(grams), amount: null };
      return { grams: null, amount: portion && countValue !== null ? amountText(countValue, portion) : '' };
    },
    hit,
    choose: (next) => {
      setHit(next);
      setPortionId(null);
      setModeState(null);
      setCount(null);
      setRestoring(false);
    },
  };
}
