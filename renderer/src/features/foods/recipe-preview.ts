import type { Food, FoodHit, Nutrients } from '@contract/foods.ts';
import type { ApiError } from '../../lib/api.ts';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { scaleNutrients, sumNutrients } from '../../lib/nutrients.ts';
import type { FieldErrors } from '../../lib/use-form-save.ts';
import { numberOrNull, type NumberField } from './custom-food-values.ts';

export interface IngredientValues {
  key: number;
  hit: FoodHit | null;
  grams: NumberField;
}

export interface RecipeValues {
  name: string;
  servings: NumberField;
  /** Weight after cooking, '' when not weighed. */
  cookedWeightG: NumberField;
  ingredients: IngredientValues[];
}

export interface RecipePreview {
  /** Weight the per-100 g values refer to: the cooked weight when given, else the ingredients' sum. */
  totalGrams: number;
  servingGrams: number;
  perServing: Nutrients;
  per100g: Nutrients;
  /** Ingredients left out of the preview (no food chosen, no grams, or nutrients still loading). */
  incomplete: number;
}

/**
 * The live preview while a recipe is typed, from each ingredient's per-100 g values (foods.get).
 * The core computes the stored values; this mirrors its arithmetic: nutrients add up over the raw
 * ingredients, and a cooked weight only changes what 100 g of the dish contains.
 */
export function recipePreview(values: RecipeValues, foods: ReadonlyMap<string, Food>): RecipePreview | null {
  const parts: Nutrients[] = [];
  let rawGrams = 0;
  let incomplete = 0;
  for (const ing of values.ingredients) {
    const grams = numberOrNull(ing.grams);
    const food = ing.hit ? foods.get(ing.hit.id) : undefined;
    if (!food || grams === null || grams <= 0) {
      incomplete++;
      continue;
    }
    rawGrams += grams;
    parts.push(scaleNutrients(food.nutrients, grams));
  }
  if (parts.length === 0) return null;
  const total = sumNutrients(parts);
  const cooked = numberOrNull(values.cookedWeightG);
  const totalGrams = cooked !== null && cooked > 0 ? cooked : rawGrams;
  const servingsRaw = numberOrNull(values.servings);
  const servings = servingsRaw !== null && servingsRaw > 0 ? servingsRaw : 1;
  return {
    totalGrams,
    servingGrams: totalGrams / servings,
    perServing: scaleNutrients(total, 100 / servings),
    per100g: scaleNutrients(total, (100 * 100) / totalGrams),
    incomplete,
  };
}

export function emptyRecipe(): RecipeValues {
  return { name: '', servings: 1, cookedWeightG: '', ingredients: [{ key: 1, hit: null, grams: '' }] };
}

/** The form's values for an existing recipe (ingredients as minimal search hits). */
export function recipeValuesFromFood(food: Food): RecipeValues {
  const recipe = food.recipe;
  if (!recipe) return { ...emptyRecipe(), name: food.name };
  const rawGrams = recipe.ingredients.reduce((sum, i) => sum + i.grams, 0);
  return {
    name: food.name,
    servings: recipe.servings,
    cookedWeightG: Math.abs(recipe.totalGrams - rawGrams) < 0.5 ? '' : recipe.totalGrams,
    ingredients: recipe.ingredients.map((i, n) => ({
      key: n + 1,
      grams: i.grams,
      hit: {
        id: i.foodId,
        name: i.name,
        foodGroup: null,
        source: 'usda-sr28',
        energyKcalPer100g: null,
        recent: false,
        allergens: [],
      },
    })),
  };
}

/** The contract's RecipeInput from the form (unchosen foods are left for the core to refuse). */
export function recipeInputFromValues(values: RecipeValues): {
  name: string;
  servings: number;
  finalWeightG: number | null;
  ingredients: { foodId: string; grams: number }[];
} {
  const cooked = numberOrNull(values.cookedWeightG);
  return {
    name: values.name.trim(),
    servings: numberOrNull(values.servings) ?? Number.NaN,
    finalWeightG: cooked,
    ingredients: values.ingredients
      .filter((i) => i.hit !== null)
      .map((i) => ({ foodId: i.hit?.id ?? '', grams: numberOrNull(i.grams) ?? Number.NaN })),
  };
}

const RECIPE_FIELDS = ['name', 'servings', 'finalWeightG', 'ingredients'];

/** The core's refusal of a recipe (an edit nests it under `recipe`); each ingredient's fields are shown in its row. */
export function recipeFieldErrors(error: ApiError, editing: boolean): FieldErrors {
  const fields = fieldErrorsFor(error, editing ? 'recipe' : '');
  return { fields, shown: [...RECIPE_FIELDS, ...Object.keys(fields).filter((k) => k.includes('.'))] };
}
