import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { timestamps } from './columns.ts';

/**
 * Foods: the bundled USDA SR28 table, imported datasets, custom foods and recipes. Nutrients are per
 * 100 g edible portion, as JSON keyed by core/foods/nutrients.ts; an absent key means unknown.
 * Full-text search is the foods_fts FTS5 table (migration 0002), kept in step by triggers.
 */
export const foods = sqliteTable(
  'foods',
  {
    id: text('id').primaryKey(),
    /** 'usda-sr28' | 'fdc' | 'csv' | 'custom' | 'recipe' */
    source: text('source').notNull(),
    /** The id in the source (NDB number, FDC id, row key), for re-imports and provenance. */
    sourceId: text('source_id'),
    datasetId: text('dataset_id'),
    name: text('name').notNull(),
    foodGroup: text('food_group'),
    brand: text('brand'),
    nutrients: text('nutrients', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** Recipes: how many servings the recipe makes and its cooked weight (null = sum of ingredients). */
    servings: real('servings'),
    finalWeightG: real('final_weight_g'),
    /** Added in 0006: major allergens the food contains (core/foods/allergens.ts), e.g. ["milk","gluten"]. */
    allergens: text('allergens', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /**
     * Added in 0010: custom foods and recipes the meal-plan generator may use, as
     * { mealTypes, main, measure } (core/contract/foods.ts PlanUse); null = not in the plan pool.
     */
    planUse: text('plan_use', { mode: 'json' }).$type<{
      mealTypes: string[];
      main: boolean;
      measure: { label: string; grams: number } | null;
    }>(),
    /**
     * Added in 0015: the package's barcode as a GTIN-14 (zero-padded: UPC-A, EAN-13 and EAN-8 forms of one
     * number are one key), from FoodData Central's Branded Foods gtin_upc; null for unpackaged foods.
     */
    gtin: text('gtin'),
    /** Added in 0015: the ingredient list as printed on the package (Branded Foods). */
    ingredients: text('ingredients'),
    ...timestamps,
  },
  (t) => [
    index('foods_source_idx').on(t.source, t.sourceId),
    index('foods_dataset_idx').on(t.datasetId),
    index('foods_gtin_idx').on(t.gtin),
  ],
);

/** Household measures: "1 medium" = 118 g. */
export const foodPortions = sqliteTable(
  'food_portions',
  {
    id: text('id').primaryKey(),
    foodId: text('food_id')
      .notNull()
      .references(() => foods.id),
    seq: integer('seq').notNull(),
    amount: real('amount').notNull(),
    /** The measure's own words: 'medium (7" to 7-7/8" long)', 'cup, sliced'. */
    unit: text('unit').notNull(),
    grams: real('grams').notNull(),
  },
  (t) => [index('food_portions_food_idx').on(t.foodId, t.seq)],
);

export const recipeIngredients = sqliteTable(
  'recipe_ingredients',
  {
    id: text('id').primaryKey(),
    recipeId: text('recipe_id')
      .notNull()
      .references(() => foods.id),
    foodId: text('food_id')
      .notNull()
      .references(() => foods.id),
    grams: real('grams').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('recipe_ingredients_recipe_idx').on(t.recipeId, t.seq)],
);

/** One row per import (and one for the bundled table): where foods came from. */
export const foodDatasets = sqliteTable('food_datasets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  format: text('format').notNull(),
  fileName: text('file_name'),
  citation: text('citation'),
  version: text('version'),
  foodCount: integer('food_count').notNull(),
  importedAt: integer('imported_at').notNull(),
});
