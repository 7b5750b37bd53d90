import { asc, eq } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { Allergen } from '../contract/common.ts';
import { PlanUse, type Food, type Nutrients } from '../contract/foods.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { foodDatasets, foodPortions, foods, recipeIngredients } from '../db/schema.ts';
import { recipeAllergenUnion, sortAllergens } from './allergen-flags.ts';
import { scaleNutrients, type NutrientValues } from './nutrients.ts';
import { formatAmount } from './portions.ts';

export type FoodRow = typeof foods.$inferSelect;

export const SOURCE_NAMES: Record<string, string> = {
  'usda-sr28': 'USDA SR28',
  fdc: 'USDA FoodData Central import',
  csv: 'Imported table',
  custom: 'Custom food',
  recipe: 'Recipe',
};
/** Reads food rows and turns them into the API's Food: portions, provenance, recipe, allergens. */
export function createFoodRows(db: Db, sqlite: Sqlite) {
  const load = (id: string, opts: { deleted?: boolean } = {}): FoodRow => {
    const row = db.select().from(foods).where(eq(foods.id, id)).get();
    if (!row || (row.deletedAt !== null && !opts.deleted)) {
      throw new AppError('not-found', 'That food is not in the food database (it may have been deleted).');
    }
    return row;
  };

  const portionsOf = (id: string): (typeof foodPortions.$inferSelect)[] =>
    db.select().from(foodPortions).where(eq(foodPortions.foodId, id)).orderBy(asc(foodPortions.seq)).all();

  const provenance = (row: FoodRow): string => {
    if (row.source === 'custom') return 'Custom food: values entered by the practitioner.';
    if (row.source === 'recipe') {
      return "Recipe: computed from its ingredients (each nutrient is the sum of the ingredients' known values).";
    }
    const ds = row.datasetId
      ? db.select().from(foodDatasets).where(eq(foodDatasets.id, row.datasetId)).get()
      : undefined;
    if (!ds) return SOURCE_NAMES[row.source] ?? row.source;
    return ds.citation ? `${ds.name}. ${ds.citation}` : ds.name;
  };

  const recipeOf = (row: FoodRow): Food['recipe'] => {
    if (row.source !== 'recipe') return null;
    const ingredients = db
      .select({ foodId: recipeIngredients.foodId, name: foods.name, grams: recipeIngredients.grams })
      .from(recipeIngredients)
      .innerJoin(foods, eq(foods.id, recipeIngredients.foodId))
      .where(eq(recipeIngredients.recipeId, row.id))
      .orderBy(asc(recipeIngredients.seq))
      .all();
    const servings = row.servings ?? 1;
    const totalGrams = row.finalWeightG ?? ingredients.reduce((s, i) => s + i.grams, 0);
    const perServing = scaleNutrients(row.nutrients as NutrientValues, totalGrams / servings);
    return { ingredients, servings, totalGrams, perServing: perServing as Nutrients };
  };

  /** Stored flags; a recipe's are also recomputed from its ingredients, so a stale row never hides one. */
  const allergensOfRow = (row: FoodRow): Allergen[] =>
    row.source === 'recipe'
      ? sortAllergens([...row.allergens, ...recipeAllergenUnion(sqlite, row.id)])
      : sortAllergens(row.allergens);

  /** The stored plan setting as the contract has it (a row synced from a faulty computer reads as none). */
  const planUseOf = (row: FoodRow): PlanUse | null => {
    const parsed = PlanUse.safeParse(row.planUse);
    return parsed.success && parsed.data.mealTypes.length > 0 ? parsed.data : null;
  };

  const allergenBasis = (row: FoodRow): Food['allergenBasis'] =>
    row.source === 'recipe' ? 'ingredients' : row.source === 'custom' ? 'practitioner' : 'derived';

  const toFood = (row: FoodRow): Food => ({
    id: row.id,
    name: row.name,
    foodGroup: row.foodGroup,
    brand: row.brand,
    gtin: row.gtin,
    ingredients: row.ingredients,
    source: row.source as Food['source'],
    sourceId: row.sourceId,
    provenance: provenance(row),
    nutrients: row.nutrients as Nutrients,
    portions: portionsOf(row.id).map((p) => ({
      id: p.id,
      amount: p.amount,
      unit: p.unit,
      label: `${formatAmount(p.amount)} ${p.unit}`,
      grams: p.grams,
    })),
    editable: row.source === 'custom' || row.source === 'recipe',
    allergens: allergensOfRow(row),
    allergenBasis: allergenBasis(row),
    recipe: recipeOf(row),
    planUse: row.source === 'custom' || row.source === 'recipe' ? planUseOf(row) : null,
    updatedAt: row.updatedAt,
  });

  const editable = (id: string, kind: 'custom' | 'recipe'): FoodRow => {
    const row = load(id);
    if (row.source === kind) return row;
    if (row.source === 'recipe') throw new AppError('invalid-input', `${row.name} is a recipe: edit it as a recipe.`);
    if (row.source === 'custom') throw new AppError('invalid-input', `${row.name} is a custom food, not a recipe.`);
    throw new AppError(
      'invalid-input',
      `${row.name} comes from ${SOURCE_NAMES[row.source] ?? row.source} and cannot be changed. Create a custom food with your own values instead.`,
    );
  };

  return { load, portionsOf, recipeOf, allergensOfRow, toFood, editable, planUseOf };
}
