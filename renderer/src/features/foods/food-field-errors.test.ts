import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import type { FieldErrors } from '../../lib/use-form-save.ts';
import { customFoodFieldErrors } from './custom-food-values.ts';
import { recipeFieldErrors } from './recipe-preview.ts';

interface Case {
  name: string;
  map: (error: ApiError, editing: boolean) => FieldErrors;
  editing: boolean;
  /** The core's field messages, as it sends them. */
  sent: Record<string, string>;
  fields: Record<string, string>;
  shown: string[];
}

// A refusal of the custom-food and recipe forms: an edit's fields come nested (`food.`, `recipe.`)
// and each form shows some of them beside an input; the others go in the form's alert.
const CASES: Case[] = [
  {
    name: 'a custom food edit: nesting stripped, portions named measures, list-wide messages in the alert',
    map: customFoodFieldErrors,
    editing: true,
    sent: { 'food.name': 'Enter a name.', 'food.portions.0.grams': 'Enter the weight.', 'food.nutrients': 'Energy?' },
    fields: { name: 'Enter a name.', 'measures.0.grams': 'Enter the weight.', nutrients: 'Energy?' },
    shown: ['name', 'measures.0.grams'],
  },
  {
    name: 'a new custom food: nothing to strip',
    map: customFoodFieldErrors,
    editing: false,
    sent: { 'food.name': 'x', brand: 'Too long.' },
    fields: { 'food.name': 'x', brand: 'Too long.' },
    shown: ['food.name', 'brand'],
  },
  {
    name: 'a recipe edit: its own fields and each ingredient row are shown, an unknown field is not',
    map: recipeFieldErrors,
    editing: true,
    sent: { 'recipe.servings': 'At least 1.', 'recipe.ingredients.1.grams': 'More than 0 g.', 'recipe.note': 'No.' },
    fields: { servings: 'At least 1.', 'ingredients.1.grams': 'More than 0 g.', note: 'No.' },
    shown: ['name', 'servings', 'finalWeightG', 'ingredients', 'ingredients.1.grams'],
  },
  {
    name: 'a new recipe: nothing to strip',
    map: recipeFieldErrors,
    editing: false,
    sent: { 'recipe.name': 'x' },
    fields: { 'recipe.name': 'x' },
    shown: ['name', 'servings', 'finalWeightG', 'ingredients', 'recipe.name'],
  },
];

describe('the food forms’ field errors', () => {
  it.each(CASES)('$name', ({ map, editing, sent, fields, shown }) => {
    const result = map(new ApiError('validation', 'Invalid.', sent), editing);
    expect(result.fields).toEqual(fields);
    expect([...result.shown].sort()).toEqual([...shown].sort());
  });
});
