import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { RecipeInput } from '../contract/foods.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { events, foodPortions, foods, recipeIngredients } from '../db/schema.ts';
import { eventNutrientValues } from '../log/event-columns.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { recipeAllergenUnion } from './allergen-flags.ts';
import type { FoodRow } from './food-rows.ts';
import { scaleNutrients, type NutrientValues } from './nutrients.ts';
import { recipeNutrients } from './recipe-math.ts';

/**
 * The writes behind custom foods and recipes: household measures, a recipe's row and ingredients
 * (with the check that a recipe never contains itself), and past diet entries recomputed from their
 * grams when a food's values change. Callers run them inside their transaction.
 */
export function createFoodWrites(db: Db, sqlite: Sqlite, now: () => number) {
  const replacePortions = (foodId: string, portions: { amount: number; unit: string; grams: number }[]): void => {
    db.delete(foodPortions).where(eq(foodPortions.foodId, foodId)).run();
    portions.forEach((p, i) => {
      db.insert(foodPortions)
        .values({ id: uuidv7(now()), foodId, seq: i + 1, amount: p.amount, unit: p.unit.trim(), grams: p.grams })
        .run();
    });
  };

  /** Recomputes past diet entries of a food from their stored grams; returns [entries, updated]. */
  const applyToEntries = (row: FoodRow, per100g: NutrientValues, apply: boolean): [number, number] => {
    const past = db
      .select({ id: events.id, detail: events.detail })
      .from(events)
      .where(and(eq(events.foodId, row.id), eq(events.kind, 'diet'), isNull(events.deletedAt)))
      .all();
    if (!apply) return [past.length, 0];
    let updated = 0;
    const t = now();
    for (const e of past) {
      const grams = e.detail.grams;
      // An entry without its grams cannot be recomputed; it keeps its values.
      if (typeof grams !== 'number' || !(grams > 0)) continue;
      const nutrients = scaleNutrients(per100g, grams);
      db.update(events)
        .set({
          ...eventNutrientValues(nutrients),
          detail: { ...e.detail, foodName: row.name, nutrients },
          updatedAt: t,
        })
        .where(eq(events.id, e.id))
        .run();
      updated += 1;
    }
    return [past.length, updated];
  };

  const checkIngredients = (recipeId: string | null, recipeName: string, input: RecipeInput): FoodRow[] =>
    input.ingredients.map((ing, i) => {
      const row = db.select().from(foods).where(eq(foods.id, ing.foodId)).get();
      if (!row || row.deletedAt !== null) {
        throw new AppError(
          'invalid-input',
          `Ingredient ${i + 1} is not in the food database (it may have been deleted). Choose another food.`,
        );
      }
      if (recipeId !== null && containsRecipe(ing.foodId, recipeId)) {
        throw new AppError(
          'invalid-input',
          ing.foodId === recipeId
            ? `${recipeName} cannot be an ingredient of itself.`
            : `${row.name} already contains ${recipeName}, so it cannot be one of its ingredients (a recipe cannot contain itself).`,
        );
      }
      return row;
    });

  /** Whether `foodId` is `target` or a recipe that uses it, at any depth. */
  const containsRecipe = (foodId: string, target: string, seen = new Set<string>()): boolean => {
    if (foodId === target) return true;
    if (seen.has(foodId)) return false;
    seen.add(foodId);
    const children = db
      .select({ id: recipeIngredients.foodId })
      .from(recipeIngredients)
      .where(eq(recipeIngredients.recipeId, foodId))
      .all();
    return children.some((c) => containsRecipe(c.id, target, seen));
  };

  /** Writes a recipe's row, ingredients and "1 serving" portion; returns its per-100 g nutrients. */
  const saveRecipe = (
    id: string,
    input: RecipeInput,
    rows: FoodRow[],
    t: number,
    create: boolean,
    planUse: FoodRow['planUse'] | null,
  ): NutrientValues => {
    const math = recipeNutrients(
      rows.map((r, i) => ({ nutrients: r.nutrients as NutrientValues, grams: input.ingredients[i]!.grams })),
      input.finalWeightG,
      input.servings,
    );
    const values = {
      name: input.name,
      foodGroup: input.foodGroup,
      nutrients: math.per100g as Record<string, number>,
      servings: input.servings,
      finalWeightG: input.finalWeightG,
      planUse,
      updatedAt: t,
    };
    // The union of the ingredients' flags, set once the ingredients are in (below).
    if (create) {
      db.insert(foods)
        .values({
          id,
          source: 'recipe',
          sourceId: null,
          datasetId: null,
          brand: null,
          createdAt: t,
          deletedAt: null,
          ...values,
        })
        .run();
    } else {
      db.update(foods).set(values).where(eq(foods.id, id)).run();
      db.delete(recipeIngredients).where(eq(recipeIngredients.recipeId, id)).run();
    }
    input.ingredients.forEach((ing, i) => {
      db.insert(recipeIngredients)
        .values({ id: uuidv7(t), recipeId: id, foodId: ing.foodId, grams: ing.grams, seq: i + 1 })
        .run();
    });
    replacePortions(id, [{ amount: 1, unit: 'serving', grams: math.totalGrams / input.servings }]);
    db.update(foods)
      .set({ allergens: recipeAllergenUnion(sqlite, id) })
      .where(eq(foods.id, id))
      .run();
    return math.per100g;
  };

  return { replacePortions, applyToEntries, checkIngredients, saveRecipe };
}
