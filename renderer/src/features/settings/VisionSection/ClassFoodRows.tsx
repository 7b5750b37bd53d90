import { Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import type { ClassMapping } from '../vision-values.ts';

interface ClassFoodRowsProps {
  classes: string[];
  mappings: Record<string, ClassMapping>;
  onChange: (className: string, mapping: ClassMapping) => void;
  errors: Record<string, string>;
}

const EMPTY: ClassMapping = { hit: null, grams: '' };

/** Per model class: the food it is (leave empty for plates, cutlery, people…) and its usual portion. */
export function ClassFoodRows({ classes, mappings, onChange, errors }: ClassFoodRowsProps): React.JSX.Element {
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Foods per class">
      {classes.map((name) => {
        const m = mappings[name] ?? EMPTY;
        return (
          <Paper withBorder p="xs" component="li" key={name} data-testid="vision-install-class">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Text size="sm" fw={500} w={140} pt={30} truncate title={name}>
                {name}
              </Text>
              <div style={{ flex: 1, minWidth: 220 }}>
                <FoodPicker
                  label={`Food for “${name}”`}
                  placeholder="Not a food (leave empty)"
                  value={m.hit}
                  onChange={(hit) => onChange(name, { ...m, hit })}
                  error={errors[`foodMap.${name}`]}
                  testId="vision-install-food"
                  optionTestId="vision-install-food-option"
                />
              </div>
              <NumberInput
                label="Usual portion (g)"
                w={150}
                min={0}
                clampBehavior="none"
                decimalScale={1}
                value={m.grams}
                onChange={(grams) => onChange(name, { ...m, grams })}
                disabled={!m.hit}
                error={errors[`defaultGrams.${name}`]}
                data-testid="vision-install-grams"
              />
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
