import { Table, Text } from '@mantine/core';
import type { Nutrients } from '@contract/foods.ts';
import { formatNutrient } from '../../../lib/format.ts';
import { NUTRIENT_INFO, NUTRIENT_KEYS } from '../../../lib/nutrients.ts';

interface NutrientTableProps {
  nutrients: Nutrients;
  caption: string;
  testIdPrefix?: string;
}

/** Known nutrient values (an unknown value is left out, never shown as 0). */
export function NutrientTable({ nutrients, caption, testIdPrefix = 'food-nutrient' }: NutrientTableProps) {
  const keys = NUTRIENT_KEYS.filter((k) => typeof nutrients[k] === 'number');
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No nutrient values are recorded for this food.
      </Text>
    );
  }
  return (
    <Table striped withTableBorder>
      <caption style={{ captionSide: 'top', textAlign: 'left' }}>
        <Text size="sm" fw={600} component="span">
          {caption}
        </Text>
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Nutrient</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => (
          <Table.Tr key={key} data-testid={`${testIdPrefix}-${key}`}>
            <Table.Td>{NUTRIENT_INFO[key].label}</Table.Td>
            <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
              {formatNutrient(nutrients[key] ?? 0, NUTRIENT_INFO[key].unit)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
