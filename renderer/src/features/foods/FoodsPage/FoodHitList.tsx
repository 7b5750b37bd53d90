import { Badge, Group, Paper, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { FoodHit } from '@contract/foods.ts';
import { formatNumber } from '../../../lib/format.ts';
import { FOOD_SOURCE_COLORS, FOOD_SOURCE_LABELS } from '../../../lib/labels.ts';

interface FoodHitListProps {
  hits: FoodHit[];
  selectedId: string | null;
  onSelect: (hit: FoodHit) => void;
}

/** Search results: one button per food (name, group, kcal per 100 g, where it comes from). */
export function FoodHitList({ hits, selectedId, onSelect }: FoodHitListProps): React.JSX.Element {
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Foods found">
      {hits.map((hit) => (
        <li key={hit.id}>
          <Paper withBorder radius="md" bg={hit.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}>
            <UnstyledButton
              onClick={() => onSelect(hit)}
              w="100%"
              p="sm"
              aria-current={hit.id === selectedId ? 'true' : undefined}
              data-testid="food-hit"
              data-food-id={hit.id}
            >
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate="end" data-testid="food-hit-name">
                    {hit.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {hit.foodGroup ?? 'No food group'}
                    {hit.recent ? ' · logged before by this client' : ''}
                  </Text>
                </div>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="food-hit-kcal">
                    {hit.energyKcalPer100g === null ? '– kcal' : `${formatNumber(hit.energyKcalPer100g, 0)} kcal`}
                    /100 g
                  </Text>
                  {hit.source !== 'usda-sr28' && (
                    <Badge variant="light" color={FOOD_SOURCE_COLORS[hit.source]} data-testid="food-hit-badge">
                      {FOOD_SOURCE_LABELS[hit.source]}
                    </Badge>
                  )}
                </Group>
              </Group>
            </UnstyledButton>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

export function FoodHitListSkeleton(): React.JSX.Element {
  return (
    <Stack gap={6} aria-busy="true" aria-label="Searching the foods">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} height={58} />
      ))}
    </Stack>
  );
}
