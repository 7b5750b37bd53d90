import { Loader, Paper, Table, Text } from '@mantine/core';
import { formatNumber, formatNutrient } from '../../../lib/format.ts';
import { MACROS, NUTRIENT_INFO } from '../../../lib/nutrients.ts';
import type { RecipePreview } from '../recipe-preview.ts';

interface RecipePreviewTableProps {
  preview: RecipePreview | null;
  loading: boolean;
}

/** Energy and macros per serving and per 100 g, recomputed as the recipe is typed. */
export function RecipePreviewTable({ preview, loading }: RecipePreviewTableProps): React.JSX.Element {
  return (
    <Paper withBorder p="sm" data-testid="recipe-preview" aria-live="polite">
      {!preview ? (
        <Text size="sm" c="dimmed">
          {loading ? <Loader size="xs" aria-label="Loading the ingredients" /> : null} Choose ingredients and their
          weights to see the recipe’s values.
        </Text>
      ) : (
        <Table>
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text size="sm" fw={600} component="span">
              Preview: {formatNumber(preview.totalGrams, 0)} g in all, {formatNumber(preview.servingGrams, 0)} g per
              serving
              {preview.incomplete > 0 ? ` (${preview.incomplete} incomplete ingredient rows left out)` : ''}
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th style={{ textAlign: 'right' }}>Per serving</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Per 100 g</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {MACROS.map((key) => {
              const { label, unit } = NUTRIENT_INFO[key];
              const serving = preview.perServing[key];
              const per100 = preview.per100g[key];
              return (
                <Table.Tr key={key} data-testid={`recipe-preview-${key}`}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {serving === undefined ? '–' : formatNutrient(serving, unit)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {per100 === undefined ? '–' : formatNutrient(per100, unit)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
