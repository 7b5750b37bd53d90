import { applyGuardrails } from '../../rules/guardrails.ts';
import { allergenConflicts } from '../../foods/allergens.ts';
import type { TargetValue } from '../../contract/targets.ts';
import type { NutrientKey } from '../../contract/foods.ts';
import type { GenerateInput, PlanFood } from '../generator-api.ts';

/** Pool groups (and SR28 food groups, for practitioner foods) that decide a food's diet tags. */
const GROUP_TAGS: Record<string, string[]> = {
  dairy: ['animal-product', 'dairy'],
  eggs: ['animal-product', 'egg'],
  poultry: ['animal-product', 'poultry'],
  meat: ['animal-product', 'meat'],
  fish: ['animal-product', 'fish'],
  shellfish: ['animal-product', 'shellfish'],
  'Dairy and Egg Products': ['animal-product'],
  'Poultry Products': ['animal-product', 'poultry'],
  'Beef Products': ['animal-product', 'meat'],
  'Pork Products': ['animal-product', 'meat'],
  'Lamb, Veal, and Game Products': ['animal-product', 'meat'],
  'Sausages and Luncheon Meats': ['animal-product', 'meat'],
  'Finfish and Shellfish Products': ['animal-product', 'fish'],
};
/** Allergen flags that also say what kind of animal food it is (butter, a cheese sauce, a fish cake). */
const ALLERGEN_TAGS: Record<string, string[]> = {
  milk: ['animal-product', 'dairy'],
  egg: ['animal-product', 'egg'],
  fish: ['animal-product', 'fish'],
  shellfish: ['animal-product', 'shellfish'],
};

/** The diet tags (as the rule guardrails know them) of a plan food, from its group, allergens and name. */
export function dietTags(food: Pick<PlanFood, 'foodGroup' | 'allergens' | 'name'>): string[] {
  const tags = new Set<string>(GROUP_TAGS[food.foodGroup] ?? []);
  for (const a of food.allergens) for (const t of ALLERGEN_TAGS[a] ?? []) tags.add(t);
  if (/\bhoney\b/i.test(food.name)) tags.add('honey');
  if (/\bgelatin\b/i.test(food.name)) tags.add('gelatin').add('animal-product');
  // "Coconut milk", "almond milk", "peanut butter" carry no milk flag, so name words alone never tag.
  return [...tags];
}

/**
 * The foods the client may be given: the diet pattern judged by the same guardrail that filters rule
 * suggestions, no food with one of the client's allergens (or named after a recorded allergy), and
 * none the plan excludes.
 */
export function eligibleFoods(
  foods: readonly PlanFood[],
  input: Pick<GenerateInput, 'client' | 'excludedFoodIds'>,
): PlanFood[] {
  const excluded = new Set(input.excludedFoodIds);
  const client = { allergies: input.client.allergies, conditions: [] as string[] };
  const candidates = foods.filter((f) => !excluded.has(f.foodId) && allergenConflicts(f, client).length === 0);
  const { suggestions } = applyGuardrails(
    {
      then: {
        message: '',
        clientMessage: null,
        rationale: '',
        severity: 'info',
        category: 'meal-plan',
        suggestions: candidates.map((f) => ({ text: f.foodId, tags: dietTags(f), contains: [] })),
        alternatives: [],
      },
      guardrails: { calorieFocused: false, pregnancy: 'none' },
    },
    { dietPattern: input.client.dietPattern, allergies: [], lifeStage: 'none', edSensitive: false },
    '',
  );
  const kept = new Set(suggestions.map((s) => s.text));
  return candidates.filter((f) => kept.has(f.foodId));
}

/**
 * A judged target as bounds on the day's total: `lo`/`hi` are the dashboard's (core/features/dashboard.ts
 * statusOf) edges of "ok"; `hard` is an upper bound never to be passed (a limit, a CDRR, or the UL that
 * caps an RDA/AI).
 */
export interface TargetRange {
  key: NutrientKey;
  target: TargetValue;
  lo: number | null;
  hi: number | null;
  hard: number | null;
}

/** Targets the food data can judge (tracked, not 'info'), with their ranges. */
export function targetRanges(targets: readonly TargetValue[]): TargetRange[] {
  const out: TargetRange[] = [];
  for (const t of targets) {
    if (!t.tracked || t.kind === 'info') continue;
    // Total water comes mostly from drinks, which a meal plan does not list: not a target for its foods.
    if (t.key === 'waterL') continue;
    const key = t.key as NutrientKey;
    switch (t.kind) {
      case 'limit':
      case 'cdrr':
        out.push({ key, target: t, lo: null, hi: t.max ?? t.value, hard: t.max ?? t.value });
        break;
      case 'goal':
      case 'amdr':
        out.push({ key, target: t, lo: t.min, hi: t.max, hard: t.ul });
        break;
      default:
        out.push({ key, target: t, lo: t.min ?? t.value, hi: t.max, hard: t.max ?? t.ul });
    }
  }
  return out;
}

/** Nutrients of `grams` of a food (unknown counts as 0). */
export function amountOf(per100g: Partial<Record<string, number>>, key: string, grams: number): number {
  const v = per100g[key];
  return typeof v === 'number' && Number.isFinite(v) ? (v * grams) / 100 : 0;
}
