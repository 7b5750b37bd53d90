import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import type {
  CustomFoodInput,
  Food,
  FoodDataset,
  FoodHit,
  FoodUsage,
  PlanUse,
  RecipeInput,
} from '../contract/foods.ts';
import type { Audit } from '../audit/audit.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { events, foodDatasets, foods } from '../db/schema.ts';
import type { Allergen } from '../contract/common.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { refreshRecipeAllergens, sortAllergens } from './allergen-flags.ts';
import { deriveAllergens } from './allergen-table.ts';
import { createFoodRows, SOURCE_NAMES, type FoodRow } from './food-rows.ts';
import { createFoodWrites } from './food-writes.ts';
import { scaleNutrients, type NutrientValues } from './nutrients.ts';
import { formatGrams, resolvePortion } from './portions.ts';
import { cleanNutrients } from './recipe-math.ts';
import { searchFoods } from './search.ts';

type Usage = z.infer<typeof FoodUsage>;
type Dataset = z.infer<typeof FoodDataset>;

export interface ResolvedAmount {
  grams: number;
  /** "1 medium (118 g)", "150 g" */
  label: string;
  /** In `grams` of the food; unknown nutrients are absent. */
  nutrients: NutrientValues;
  foodName: string;
  /** The food's allergens (a recipe's include its ingredients' as they are now). */
  allergens: Allergen[];
}

export interface FoodUpdateResult {
  food: Food;
  /** Diet entries that use this food. */
  pastEntries: number;
  /** Of those, the entries recomputed with the new values (0 unless applyToPast). */
  updatedPast: number;
}

export interface FoodsService {
  search(query: string, clientId: string | undefined, limit: number): FoodHit[];
  get(id: string): Food;
  resolveAmount(foodId: string, amount: { grams: number } | { text: string }): ResolvedAmount;
  usage(id: string): Usage;
  createCustom(input: CustomFoodInput): Food;
  updateCustom(id: string, input: CustomFoodInput, applyToPast: boolean): FoodUpdateResult;
  createRecipe(input: RecipeInput): Food;
  updateRecipe(id: string, input: RecipeInput, applyToPast: boolean): FoodUpdateResult;
  remove(id: string): { id: string };
  /** A food's allergens, with a recipe's ingredients read as they are now (never stale). */
  allergensOf(id: string): { name: string; allergens: Allergen[] };
  datasets(): Dataset[];
  /** The food a name (or id) in an imported log file means, or null: the practitioner's own foods first. */
  /** The food with this id or exact (case-insensitive) name; 'ambiguous' when several share the name. */
  idByName(name: string): string | 'ambiguous' | null;
}
export function createFoodsService(db: Db, sqlite: Sqlite, deps: { audit: Audit; now: () => number }): FoodsService {
  const { audit, now } = deps;
  const { load, portionsOf, recipeOf, allergensOfRow, toFood, editable } = createFoodRows(db, sqlite);
  const { replacePortions, applyToEntries, checkIngredients, saveRecipe } = createFoodWrites(db, sqlite, now);

  /** A custom food's flags as the practitioner set them, or derived from its name when not given. */
  const customAllergens = (input: CustomFoodInput): Allergen[] =>
    input.allergens === undefined
      ? deriveAllergens({ name: input.name, foodGroup: input.foodGroup })
      : sortAllergens(input.allergens);

  /**
   * The plan setting to store: null when the food leaves the plan pool (no meal type), the stored one
   * when an edit leaves it out. A food with no household measure needs its serving named.
   */
  const planUseFor = (
    input: { planUse?: PlanUse | null | undefined },
    stored: FoodRow['planUse'] | null,
    hasMeasure: boolean,
    name: string,
  ): FoodRow['planUse'] | null => {
    if (input.planUse === undefined) return stored;
    if (input.planUse === null || input.planUse.mealTypes.length === 0) return null;
    if (input.planUse.measure === null && !hasMeasure) {
      throw new AppError(
        'invalid-input',
        `${name} has no household measure: name the serving meal plans use (e.g. "1 bowl", 300 g).`,
      );
    }
    return { mealTypes: [...input.planUse.mealTypes], main: input.planUse.main, measure: input.planUse.measure };
  };

  const changed = (before: Record<string, unknown>, after: Record<string, unknown>): string[] =>
    Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

  return {
    search(query, clientId, limit) {
      return searchFoods(sqlite, { query, clientId, limit });
    },

    get(id) {
      return toFood(load(id));
    },

    resolveAmount(foodId, amount) {
      // Deleted foods still resolve, so an old entry that uses one can be edited.
      const row = load(foodId, { deleted: true });
      let grams: number;
      let label: string;
      if ('grams' in amount) {
        if (!(amount.grams > 0)) throw new AppError('invalid-input', 'The amount must be more than 0 g.');
        grams = amount.grams;
        label = `${formatGrams(grams)} g`;
      } else {
        ({ grams, label } = resolvePortion(portionsOf(foodId), amount.text, row.name));
      }
      return {
        grams,
        label,
        nutrients: scaleNutrients(row.nutrients as NutrientValues, grams),
        foodName: row.name,
        allergens: allergensOfRow(row),
      };
    },

    usage(id) {
      load(id, { deleted: true });
      const r = db
        .select({
          entries: sql<number>`count(*)`,
          clients: sql<number>`count(DISTINCT ${events.clientId})`,
          lastUsed: sql<string | null>`max(${events.localDate})`,
        })
        .from(events)
        .where(and(eq(events.foodId, id), eq(events.kind, 'diet'), isNull(events.deletedAt)))
        .get();
      return { entries: r?.entries ?? 0, clients: r?.clients ?? 0, lastUsed: r?.lastUsed ?? null };
    },

    createCustom(input) {
      const id = uuidv7(now());
      const t = now();
      db.transaction(() => {
        db.insert(foods)
          .values({
            id,
            source: 'custom',
            sourceId: null,
            datasetId: null,
            name: input.name,
            foodGroup: input.foodGroup,
            brand: input.brand,
            nutrients: cleanNutrients(input.nutrients) as Record<string, number>,
            servings: null,
            finalWeightG: null,
            allergens: customAllergens(input),
            planUse: planUseFor(input, null, input.portions.length > 0, input.name),
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          })
          .run();
        replacePortions(id, input.portions);
        audit.record('food', id, 'create', [
          'name',
          'foodGroup',
          'brand',
          'nutrients',
          'portions',
          'allergens',
          ...(input.planUse ? ['planUse'] : []),
        ]);
      });
      return toFood(load(id));
    },

    updateCustom(id, input, applyToPast) {
      const before = editable(id, 'custom');
      const nutrients = cleanNutrients(input.nutrients);
      const beforePortions = portionsOf(id).map((p) => ({ amount: p.amount, unit: p.unit, grams: p.grams }));
      const after = {
        name: input.name,
        foodGroup: input.foodGroup,
        brand: input.brand,
        nutrients,
        allergens: customAllergens(input),
        planUse: planUseFor(input, before.planUse, input.portions.length > 0, input.name),
      };
      const fields = changed({ ...before, portions: beforePortions }, { ...after, portions: input.portions });
      let counts: [number, number] = [0, 0];
      db.transaction(() => {
        db.update(foods)
          .set({
            ...after,
            nutrients: nutrients as Record<string, number>,
            updatedAt: Math.max(now(), before.updatedAt + 1),
          })
          .where(eq(foods.id, id))
          .run();
        replacePortions(id, input.portions);
        // Recipes that use this food take its new flags (at any depth).
        refreshRecipeAllergens(sqlite, now(), [id]);
        counts = applyToEntries({ ...before, name: input.name }, nutrients, applyToPast);
        audit.record('food', id, 'update', counts[1] > 0 ? [...fields, 'pastEntries'] : fields);
      });
      return { food: toFood(load(id)), pastEntries: counts[0], updatedPast: counts[1] };
    },

    createRecipe(input) {
      const id = uuidv7(now());
      const rows = checkIngredients(null, input.name, input);
      // A recipe always has its "1 serving" measure.
      const planUse = planUseFor(input, null, true, input.name);
      db.transaction(() => {
        saveRecipe(id, input, rows, now(), true, planUse);
        audit.record('food', id, 'create', [
          'name',
          'foodGroup',
          'ingredients',
          'servings',
          'finalWeightG',
          ...(planUse ? ['planUse'] : []),
        ]);
      });
      return toFood(load(id));
    },

    updateRecipe(id, input, applyToPast) {
      const before = editable(id, 'recipe');
      const rows = checkIngredients(id, input.name, input);
      const beforeIngredients = recipeOf(before)!.ingredients.map((i) => ({ foodId: i.foodId, grams: i.grams }));
      const planUse = planUseFor(input, before.planUse, true, input.name);
      const fields = changed(
        { ...before, ingredients: beforeIngredients },
        {
          name: input.name,
          foodGroup: input.foodGroup,
          ingredients: input.ingredients,
          servings: input.servings,
          finalWeightG: input.finalWeightG,
          planUse,
        },
      );
      let counts: [number, number] = [0, 0];
      db.transaction(() => {
        const per100g = saveRecipe(id, input, rows, Math.max(now(), before.updatedAt + 1), false, planUse);
        refreshRecipeAllergens(sqlite, now(), [id]);
        counts = applyToEntries({ ...before, name: input.name }, per100g, applyToPast);
        audit.record('food', id, 'update', counts[1] > 0 ? [...fields, 'pastEntries'] : fields);
      });
      return { food: toFood(load(id)), pastEntries: counts[0], updatedPast: counts[1] };
    },

    remove(id) {
      const row = load(id);
      if (row.source !== 'custom' && row.source !== 'recipe') {
        throw new AppError(
          'invalid-input',
          `${row.name} comes from ${SOURCE_NAMES[row.source] ?? row.source} and cannot be deleted. Only custom foods and recipes can be deleted.`,
        );
      }
      const t = Math.max(now(), row.updatedAt + 1);
      db.transaction(() => {
        // Past entries keep their stored values; recipes that use it keep theirs too.
        db.update(foods).set({ deletedAt: t, updatedAt: t }).where(eq(foods.id, id)).run();
        audit.record('food', id, 'delete');
      });
      return { id };
    },

    allergensOf(id) {
      const row = load(id, { deleted: true });
      return { name: row.name, allergens: allergensOfRow(row) };
    },

    datasets() {
      return db
        .select()
        .from(foodDatasets)
        .orderBy(asc(foodDatasets.importedAt))
        .all()
        .map((d) => ({
          id: d.id,
          name: d.name,
          format: d.format,
          fileName: d.fileName,
          citation: d.citation,
          foodCount: d.foodCount,
          importedAt: d.importedAt,
        }));
    },

    idByName(name) {
      const text = name.trim();
      if (!text) return null;
      const byId = sqlite.prepare('SELECT id FROM foods WHERE deleted_at IS NULL AND id = ?').get(text) as
        { id: string } | undefined;
      if (byId) return byId.id;
      const rows = sqlite
        .prepare('SELECT id FROM foods WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE LIMIT 2')
        .all(text) as { id: string }[];
      // Two foods with the same name (e.g. an FDC import beside SR28): refuse to guess.
      if (rows.length > 1) return 'ambiguous';
      return rows[0]?.id ?? null;
    },
  };
}
