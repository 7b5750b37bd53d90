import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Food, PlanUse } from '../contract/foods.ts';
import type { Db } from '../db/open.ts';
import { foods as foodsTable } from '../db/schema.ts';
import { formatGrams } from '../foods/portions.ts';
import { DIET_EXCLUDES } from '../rules/guardrails.ts';
import { foodDietTags } from './diet.ts';
import { dietTags } from './generator/constraints.ts';
import type { PlanFood } from './generator-api.ts';

/**
 * The practitioner's plan-ready custom foods and recipes (a plan setting with at least one meal type)
 * as foods of the generator's pool, and which of them fit a client's diet pattern.
 *
 * Foods carry no diet tags, so a food's are read from what it says, as for the curated pool and the
 * plan's diet flags: its food group, its allergen flags and its name (honey, gelatin). A recipe's are
 * the union of its ingredients', at any depth. For a restricted diet pattern a food whose suitability
 * cannot be read is left out rather than guessed: a custom food whose food group is not one the app
 * knows (or empty), and a recipe with such an ingredient.
 */

/** The pool's own group words (resources/plans/pool.json), besides the food database's groups. */
const POOL_GROUPS = [
  'dairy',
  'drinks',
  'eggs',
  'fats',
  'fish',
  'fruit',
  'grains',
  'legumes',
  'meat',
  'nuts-seeds',
  'poultry',
  'shellfish',
  'soy',
  'sweets',
  'vegetables',
];

/** Where a recipe's ingredients stop being followed (a cycle cannot make the walk endless). */
const MAX_DEPTH = 4;

/** The store section of a recipe in the pool: it is bought as its ingredients, never as itself. */
export const RECIPE_SECTION = 'Recipes';

export interface PractitionerFood {
  food: PlanFood;
  /** The diet tags read from the food (a recipe: its ingredients'), or null when they cannot be read. */
  dietTags: string[] | null;
  /** A recipe's ingredients at every depth (a plan that excludes one excludes the recipe too). */
  ingredientIds: string[];
}

type FoodLike = Pick<Food, 'name' | 'foodGroup' | 'allergens' | 'recipe'>;

/** The serving the generator counts in: the setting's, else the food's first household measure. */
export function planMeasure(food: Food, use: PlanUse): { label: string; grams: number } | null {
  const m = use.measure ?? (food.portions[0] ? { label: food.portions[0].label, grams: food.portions[0].grams } : null);
  if (!m) return null;
  // The label carries its weight, as the curated pool's do ("1 bowl (350 g)").
  const label = /\(\s*[\d.,]+\s*g\)$/.test(m.label) ? m.label : `${m.label} (${formatGrams(m.grams)} g)`;
  return { label, grams: m.grams };
}

/** Every plan-ready custom food and recipe, with the diet tags read from its data. */
export function practitionerFoods(db: Db, getFood: (id: string) => Food): PractitionerFood[] {
  const rows = db
    .select({ id: foodsTable.id })
    .from(foodsTable)
    .where(
      and(
        inArray(foodsTable.source, ['custom', 'recipe']),
        isNull(foodsTable.deletedAt),
        isNotNull(foodsTable.planUse),
      ),
    )
    .all();
  const known = knownGroups(db);
  const cache = new Map<string, Food | null>();
  const food = (id: string): Food | null => {
    if (!cache.has(id)) {
      try {
        cache.set(id, getFood(id));
      } catch {
        // A deleted ingredient is still read by its row for its tags; one missing altogether is unknown.
        cache.set(id, null);
      }
    }
    return cache.get(id) ?? null;
  };
  const deletedIngredient = (id: string): FoodLike | null => {
    const row = db.select().from(foodsTable).where(eq(foodsTable.id, id)).get();
    return row
      ? { name: row.name, foodGroup: row.foodGroup, allergens: row.allergens as Food['allergens'], recipe: null }
      : null;
  };

  /**
   * The diet tags of a food (a recipe: of its ingredients), or null when they cannot be read; a
   * recipe's ingredient ids are added to `ingredients` on the way.
   */
  const tagsOf = (f: FoodLike, depth: number, ingredients: Set<string>): Set<string> | null => {
    const tags = new Set<string>([...dietTags({ ...f, foodGroup: f.foodGroup ?? '' }), ...foodDietTags(f)]);
    if (f.recipe) {
      if (depth >= MAX_DEPTH) return null;
      let known = true;
      for (const ing of f.recipe.ingredients) {
        ingredients.add(ing.foodId);
        const child = food(ing.foodId) ?? deletedIngredient(ing.foodId);
        const childTags = child ? tagsOf(child, depth + 1, ingredients) : null;
        if (childTags) childTags.forEach((t) => tags.add(t));
        else known = false;
      }
      return known ? tags : null;
    }
    return f.foodGroup !== null && known.has(f.foodGroup.trim().toLowerCase()) ? tags : null;
  };

  const out: PractitionerFood[] = [];
  for (const { id } of rows) {
    const f = food(id);
    const use = f?.planUse;
    if (!f || !use || use.mealTypes.length === 0) continue;
    const measure = planMeasure(f, use);
    if (!measure) continue;
    const ingredients = new Set<string>();
    const tags = tagsOf(f, 0, ingredients);
    const isRecipe = f.source === 'recipe';
    out.push({
      food: {
        foodId: f.id,
        name: f.name,
        mealTypes: [...use.mealTypes],
        measure,
        main: use.main,
        foodGroup: f.foodGroup ?? (isRecipe ? RECIPE_SECTION : 'Other'),
        storeSection: isRecipe ? RECIPE_SECTION : (f.foodGroup ?? 'Other'),
        per100g: { ...f.nutrients },
        allergens: [...f.allergens],
        origin: 'practitioner',
      },
      dietTags: tags ? [...tags] : null,
      ingredientIds: [...ingredients],
    });
  }
  return out;
}

/**
 * Whether a practitioner's food may go into a plan for this diet pattern: any food for a pattern
 * without exclusions; for a restricted one, only a food whose tags are known and hit none of them.
 */
export function fitsDiet(food: PractitionerFood, dietPattern: string): boolean {
  const diet = DIET_EXCLUDES[dietPattern];
  if (!diet) return true;
  return food.dietTags !== null && !food.dietTags.some((t) => diet.tags.includes(t));
}

/** Whether the plan excludes the food itself or, for a recipe, one of its ingredients. */
export function excludedBy(food: PractitionerFood, excludedFoodIds: readonly string[]): boolean {
  const excluded = new Set(excludedFoodIds);
  return excluded.has(food.food.foodId) || food.ingredientIds.some((id) => excluded.has(id));
}

/** Food groups a food's diet tags can be read from: the food database's groups and the pool's. */
function knownGroups(db: Db): Set<string> {
  const groups = new Set(POOL_GROUPS);
  const rows = db
    .selectDistinct({ g: foodsTable.foodGroup })
    .from(foodsTable)
    .where(and(eq(foodsTable.source, 'usda-sr28'), isNotNull(foodsTable.foodGroup)))
    .all();
  for (const r of rows) if (r.g) groups.add(r.g.trim().toLowerCase());
  return groups;
}
