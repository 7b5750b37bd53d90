import type { Food, Portion } from '../../contract/foods.ts';
import type { Plan } from '../../contract/plans.ts';
import { formatGrams, measureHead, measureLabel } from '../../foods/portions.ts';

/**
 * The shopping list of a plan: what to buy for the main entries of every day (an "or" alternative is a
 * choice, not an extra meal, so it is not bought twice). A recipe is bought as its ingredients, scaled
 * from the recipe's total weight to the grams the plan uses. Items are grouped by store section
 * (from the plan-ready food pool; "Other" for foods outside it) and summed per food.
 */

export interface ShoppingLookup {
  food(id: string): Food | null;
  /** The store section of a food, or null when the pool does not know it. */
  section(id: string): string | null;
}

export interface ShoppingListItem {
  storeSection: string;
  foodId: string;
  name: string;
  grams: number;
  amountLabel: string;
}

export const OTHER_SECTION = 'Other';

/** Recipes inside recipes are expanded to this depth (a cycle cannot make the list endless). */
const MAX_RECIPE_DEPTH = 4;

export function buildShoppingList(plan: Pick<Plan, 'entries'>, lookup: ShoppingLookup): ShoppingListItem[] {
  const grams = new Map<string, { name: string; grams: number }>();
  const add = (foodId: string, name: string, g: number, depth: number): void => {
    const food = lookup.food(foodId);
    const recipe = food?.recipe;
    if (recipe && recipe.totalGrams > 0 && depth < MAX_RECIPE_DEPTH) {
      for (const ing of recipe.ingredients) add(ing.foodId, ing.name, (g * ing.grams) / recipe.totalGrams, depth + 1);
      return;
    }
    const prior = grams.get(foodId);
    grams.set(foodId, { name: food?.name ?? prior?.name ?? name, grams: (prior?.grams ?? 0) + g });
  };
  for (const e of plan.entries) if (e.altOf === null) add(e.food.id, e.food.name, e.food.grams, 0);

  const items = [...grams].map(([foodId, { name, grams: g }]) => ({
    storeSection: lookup.section(foodId) ?? OTHER_SECTION,
    foodId,
    name,
    grams: Math.round(g * 10) / 10,
    amountLabel: shoppingAmount(g, lookup.food(foodId)?.portions ?? []),
  }));
  return items.sort(
    (a, b) =>
      Number(a.storeSection === OTHER_SECTION) - Number(b.storeSection === OTHER_SECTION) ||
      a.storeSection.localeCompare(b.storeSection) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * Measures a shopper counts whole items in come first ("3 medium" bananas rather than "2 cups,
 * mashed"), the usual size before the others.
 */
const ITEM_MEASURES = [
  /^medium\b/,
  /^(large|small|whole|fruit|egg)\b/,
  /^(slice|piece|fillet|breast|clove|stalk|bar|can)\b/,
];
const itemRank = (p: Portion): number => {
  const i = ITEM_MEASURES.findIndex((re) => re.test(measureHead(p.unit)));
  return i === -1 ? ITEM_MEASURES.length : i;
};

/**
 * "about 3 1/2 cups (420 g)" when the food has a household measure, else the weight ("420 g",
 * "1.2 kg"). The count is rounded to halves; a measure under 5 g (a teaspoon) or a count above 40 says
 * more in weight.
 */
export function shoppingAmount(grams: number, portions: readonly Portion[]): string {
  const weight = grams >= 1000 ? `${Math.round(grams / 100) / 10} kg` : `${formatGrams(grams)} g`;
  const usable = portions.filter((p) => p.grams >= 5 && p.amount > 0);
  // The best-ranked measure; among equals, the first listed (the food table lists the usual one first).
  const portion = usable.reduce<Portion | undefined>(
    (best, p) => (!best || itemRank(p) < itemRank(best) ? p : best),
    undefined,
  );
  if (!portion) return weight;
  const count = Math.round((grams / (portion.grams / portion.amount)) * 2) / 2;
  if (count < 0.5 || count > 40) return weight;
  return `about ${measureLabel(count, measureHead(portion.unit))} (${weight})`;
}
