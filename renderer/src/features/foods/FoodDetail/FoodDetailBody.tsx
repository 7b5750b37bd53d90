import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { formatNumber } from '../../../lib/format.ts';
import { FOOD_SOURCE_COLORS, FOOD_SOURCE_LABELS } from '../../../lib/labels.ts';
import { ALLERGEN_BASIS_TEXT } from '../allergen-text.ts';
import { AllergenBadges } from '../AllergenBadges/AllergenBadges.tsx';
import { NutrientTable } from './NutrientTable.tsx';

interface FoodDetailBodyProps {
  food: Food;
  onEdit: () => void;
  onDelete: () => void;
}

/** One food: provenance, nutrients per 100 g, household measures, a recipe's ingredients. */
export function FoodDetailBody({ food, onEdit, onDelete }: FoodDetailBodyProps): React.JSX.Element {
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={2} size="h3" data-testid="food-detail-name">
            {food.name}
          </Title>
          <Badge variant="light" color={FOOD_SOURCE_COLORS[food.source]}>
            {FOOD_SOURCE_LABELS[food.source]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {[food.foodGroup, food.brand].filter(Boolean).join(' · ') || 'No food group'}
        </Text>
        <Text size="xs" c="dimmed" data-testid="food-detail-provenance">
          Source: {food.provenance}
          {food.sourceId ? ` (id ${food.sourceId})` : ''}
        </Text>
        {food.gtin && (
          <Text size="xs" c="dimmed" data-testid="food-detail-barcode">
            Barcode (GTIN) {food.gtin}
          </Text>
        )}
      </Stack>
      <Stack gap={4} data-testid="food-detail-allergens">
        <Text size="sm" fw={600}>
          Allergens
        </Text>
        <AllergenBadges allergens={food.allergens} noneText="None of the major allergens flagged." size="sm" />
        <Text size="xs" c="dimmed">
          {food.allergenBasis === 'derived' && food.ingredients
            ? ALLERGEN_BASIS_TEXT.derivedWithIngredients
            : ALLERGEN_BASIS_TEXT[food.allergenBasis]}
        </Text>
        {food.ingredients && (
          <Text size="xs" data-testid="food-detail-ingredients">
            Ingredients (as on the label): {food.ingredients}
          </Text>
        )}
      </Stack>
      {food.editable && (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onEdit} data-testid="food-edit">
            Edit
          </Button>
          <Button size="xs" color="red" variant="light" onClick={onDelete} data-testid="food-delete">
            Delete
          </Button>
        </Group>
      )}
      {food.recipe && (
        <Stack gap={4} data-testid="food-recipe">
          <Text size="sm" fw={600}>
            Recipe: {formatNumber(food.recipe.servings)} {food.recipe.servings === 1 ? 'serving' : 'servings'},{' '}
            {formatNumber(food.recipe.totalGrams, 0)} g in all
          </Text>
          <Table withTableBorder>
            <Table.Tbody>
              {food.recipe.ingredients.map((ing, i) => (
                <Table.Tr key={`${ing.foodId}:${i}`}>
                  <Table.Td>{ing.name}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(ing.grams)} g</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <NutrientTable nutrients={food.nutrients} caption="Nutrients per 100 g" />
      {food.recipe && (
        <NutrientTable nutrients={food.recipe.perServing} caption="Per serving" testIdPrefix="food-serving-nutrient" />
      )}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Household measures
        </Text>
        {food.portions.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="food-measures-empty">
            No household measures; log this food in grams.
          </Text>
        ) : (
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Measure</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Weight</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {food.portions.map((p) => (
                <Table.Tr key={p.id} data-testid="food-measure">
                  <Table.Td>{p.label}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p.grams)} g</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
