import { Alert, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Food } from '@contract/foods.ts';
import { useCalls, useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { FoodEditorForm } from '../FoodEditorForm/FoodEditorForm.tsx';
import { planUseInput, planUseValuesFrom, type PlanUseValues } from '../plan-use-values.ts';
import { PlanUseSection } from '../PlanUseSection/PlanUseSection.tsx';
import { useFoodForm, type FoodSaved } from '../FoodEditorForm/use-food-form.ts';
import {
  emptyRecipe,
  recipeInputFromValues,
  recipeFieldErrors,
  recipePreview,
  recipeValuesFromFood,
  type RecipeValues,
} from '../recipe-preview.ts';
import { containsText, sortAllergens } from '../allergen-text.ts';
import { AllergenBadges } from '../AllergenBadges/AllergenBadges.tsx';
import { IngredientRows } from './IngredientRows.tsx';
import { RecipePreviewTable } from './RecipePreviewTable.tsx';

interface RecipeFormProps {
  recipe: Food | null;
  onSaved: (saved: FoodSaved) => void;
  onCancel: () => void;
}

/** A recipe: ingredients by weight, servings, optional cooked weight, and a live nutrition preview. */
export function RecipeForm({ recipe, onSaved, onCancel }: RecipeFormProps): React.JSX.Element {
  const [values, setValues] = useState<RecipeValues>(() => (recipe ? recipeValuesFromFood(recipe) : emptyRecipe()));
  const [planUse, setPlanUse] = useState<PlanUseValues>(() => planUseValuesFrom(recipe));

  const ids = [...new Set(values.ingredients.flatMap((i) => (i.hit ? [i.hit.id] : [])))].sort();
  const foodsQuery = useCalls(
    'foods.get',
    ids.map((id) => ({ id })),
    { staleTime: Infinity },
  );
  const foods = useMemo(() => new Map(foodsQuery.data.map((f) => [f.id, f])), [foodsQuery.data]);
  const update = useMutation('foods.updateRecipe', { invalidates: ['foods', ...LOG_DATA] });
  const create = useMutation('foods.createRecipe', { invalidates: ['foods'] });
  const preview = recipePreview(values, foods);
  // What the saved recipe will be flagged with: every allergen of its ingredients (the core's union).
  const allergens = sortAllergens(
    values.ingredients.flatMap((i) => (i.hit ? (foods.get(i.hit.id)?.allergens ?? []) : [])),
  );

  const send = async (applyToPast: boolean): Promise<FoodSaved> => {
    const input = { ...recipeInputFromValues(values), planUse: planUseInput(planUse) };
    if (!recipe) return { food: await create.run(input), updatedPast: 0 };
    const { food: saved, updatedPast } = await update.run({ id: recipe.id, recipe: input, applyToPast });
    return { food: saved, updatedPast };
  };
  const form = useFoodForm({ food: recipe, onSaved, onCancel, send, fieldErrors: recipeFieldErrors });
  const { errors } = form.state;

  return (
    <FoodEditorForm form={form} kind="recipe" values={values} onValuesChange={setValues}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label="Servings"
          withAsterisk
          min={0}
          clampBehavior="none"
          value={values.servings}
          onChange={(v) => setValues({ ...values, servings: v })}
          error={errors.servings}
          data-testid="recipe-servings"
        />
        <NumberInput
          label="Cooked weight (g)"
          description="Optional: weigh the dish after cooking to account for water lost or gained"
          min={0}
          clampBehavior="none"
          value={values.cookedWeightG}
          onChange={(v) => setValues({ ...values, cookedWeightG: v })}
          error={errors.finalWeightG}
          data-testid="recipe-cooked-weight"
        />
      </SimpleGrid>
      <IngredientRows
        ingredients={values.ingredients}
        errors={errors}
        onChange={(ingredients) => setValues({ ...values, ingredients })}
      />
      {foodsQuery.error && (
        <Alert color="yellow" role="alert">
          The preview is incomplete: {foodsQuery.error.message}
        </Alert>
      )}
      {ids.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600} data-testid="recipe-allergens">
            {containsText(allergens)}
          </Text>
          <AllergenBadges allergens={allergens} testId="recipe-allergen-badges" />
        </Stack>
      )}
      <RecipePreviewTable preview={preview} loading={foodsQuery.loading} />
      <PlanUseSection
        values={planUse}
        onChange={setPlanUse}
        errors={errors}
        defaultServing={preview ? `1 serving (${Math.round(preview.servingGrams)} g)` : '1 serving'}
        testIdPrefix="recipe"
      />
    </FoodEditorForm>
  );
}
