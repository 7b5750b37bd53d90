import { Badge, Group, Text } from '@mantine/core';
import { ALLERGEN_LABELS } from '../../../lib/labels.ts';
import { sortAllergens } from '../allergen-text.ts';

interface AllergenBadgesProps {
  allergens: readonly string[];
  /** Shown when there are none; nothing at all when not given. */
  noneText?: string;
  size?: 'xs' | 'sm';
  testId?: string;
}

/** One badge per major allergen a food contains (data-allergen carries the id for tests). */
export function AllergenBadges({ allergens, noneText, size = 'xs', testId = 'allergen-badges' }: AllergenBadgesProps) {
  const list = sortAllergens(allergens);
  if (list.length === 0) {
    return noneText ? (
      <Text size="xs" c="dimmed" data-testid={testId}>
        {noneText}
      </Text>
    ) : null;
  }
  return (
    <Group gap={4} data-testid={testId} aria-label={`Allergens: ${list.map((a) => ALLERGEN_LABELS[a]).join(', ')}`}>
      {list.map((a) => (
        <Badge key={a} size={size} variant="light" color="orange" data-testid="allergen-badge" data-allergen={a}>
          {ALLERGEN_LABELS[a]}
        </Badge>
      ))}
    </Group>
  );
}
