import { Checkbox, Group, Stack, Text } from '@mantine/core';
import { ALLERGEN_LABELS, type Allergen } from '../../../lib/labels.ts';

const CHOICES = Object.keys(ALLERGEN_LABELS) as Allergen[];

interface AllergenChecksProps {
  value: readonly Allergen[];
  onChange: (allergens: Allergen[]) => void;
  /** True while the ticks are the suggestion derived from the name (not yet checked by hand). */
  suggested: boolean;
}

/** The major allergens of a custom food, as the practitioner checks them against the label or recipe. */
export function AllergenChecks({ value, onChange, suggested }: AllergenChecksProps): React.JSX.Element {
  return (
    <Stack gap={4}>
      <Checkbox.Group
        label="Allergens it contains"
        description={
          suggested
            ? 'Suggested from the name (a safety net, not a guarantee): check them against the label or recipe.'
            : 'As you checked them. Logging warns when a client is allergic to one of these.'
        }
        value={[...value]}
        onChange={(v) => onChange(CHOICES.filter((a) => v.includes(a)))}
        data-testid="custom-food-allergens"
      >
        <Group mt={6} gap="md">
          {CHOICES.map((a) => (
            <Checkbox key={a} value={a} label={ALLERGEN_LABELS[a]} data-testid={`custom-food-allergen-${a}`} />
          ))}
        </Group>
      </Checkbox.Group>
      {value.length === 0 && (
        <Text size="xs" c="dimmed">
          None ticked: the food is saved as free of the major allergens.
        </Text>
      )}
    </Stack>
  );
}
