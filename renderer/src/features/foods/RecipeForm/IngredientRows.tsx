import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { FoodPicker } from '../FoodPicker/FoodPicker.tsx';
import type { IngredientValues } from '../recipe-preview.ts';

interface IngredientRowsProps {
  ingredients: IngredientValues[];
  errors: Record<string, string>;
  onChange: (ingredients: IngredientValues[]) => void;
}

/** Each ingredient: a food chosen through search, and its raw weight in grams. */
export function IngredientRows({ ingredients, errors, onChange }: IngredientRowsProps): React.JSX.Element {
  const update = (key: number, patch: Partial<IngredientValues>): void =>
    onChange(ingredients.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const add = (): void =>
    onChange([...ingredients, { key: Math.max(0, ...ingredients.map((i) => i.key)) + 1, hit: null, grams: '' }]);

  return (
    <Stack gap="xs" role="group" aria-label="Ingredients">
      <Text size="sm" fw={500}>
        Ingredients (raw weights)
      </Text>
      {errors.ingredients && (
        <Text size="sm" c="red" role="alert">
          {errors.ingredients}
        </Text>
      )}
      {ingredients.map((ing, i) => (
        <Group key={ing.key} align="flex-start" gap="xs" wrap="nowrap" data-testid="recipe-ingredient">
          <div style={{ flex: 1 }}>
            <FoodPicker
              label={`Ingredient ${i + 1}`}
              value={ing.hit}
              onChange={(hit) => update(ing.key, { hit })}
              error={errors[`ingredients.${i}.foodId`]}
              testId="recipe-ingredient-search"
              optionTestId="recipe-ingredient-option"
            />
          </div>
          <NumberInput
            label="Grams"
            w={110}
            min={0}
            clampBehavior="none"
            value={ing.grams}
            onChange={(v) => update(ing.key, { grams: v })}
            error={errors[`ingredients.${i}.grams`]}
            data-testid="recipe-ingredient-grams"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mt={26}
            disabled={ingredients.length === 1}
            aria-label={`Remove ingredient ${i + 1}`}
            onClick={() => onChange(ingredients.filter((x) => x.key !== ing.key))}
            data-testid="recipe-ingredient-remove"
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={add} data-testid="recipe-ingredient-add">
          Add an ingredient
        </Button>
      </Group>
    </Stack>
  );
}
