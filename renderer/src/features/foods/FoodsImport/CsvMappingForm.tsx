import { Accordion, Group, NativeSelect, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { CsvMapping } from '@contract/foods.ts';
import { MAIN_NUTRIENTS, NUTRIENT_INFO, NUTRIENT_KEYS } from '../../../lib/nutrients.ts';
import { withNutrientColumn } from './import-mapping.ts';

interface CsvMappingFormProps {
  headers: string[];
  mapping: CsvMapping;
  onChange: (mapping: CsvMapping) => void;
  disabled?: boolean;
}

const NONE = '';
const EXTRA = NUTRIENT_KEYS.filter((k) => !MAIN_NUTRIENTS.includes(k));

/** Which column holds each field, per 100 g; starts from the core's guess. */
export function CsvMappingForm({ headers, mapping, onChange, disabled }: CsvMappingFormProps): React.JSX.Element {
  const options = [{ value: NONE, label: '— not in the file —' }, ...headers.map((h) => ({ value: h, label: h }))];
  const column = (
    label: string,
    value: string | null,
    set: (v: string) => void,
    testId: string,
    required = false,
  ): React.JSX.Element => (
    <NativeSelect
      key={testId}
      label={label}
      withAsterisk={required}
      data={options}
      value={value ?? NONE}
      onChange={(e) => set(e.currentTarget.value)}
      disabled={disabled}
      data-testid={testId}
    />
  );
  const nutrient = (key: (typeof NUTRIENT_KEYS)[number]): React.JSX.Element =>
    column(
      `${NUTRIENT_INFO[key].label} (${key === 'energyKcal' && mapping.energyInKj ? 'kJ' : NUTRIENT_INFO[key].unit})`,
      mapping.nutrients[key] ?? null,
      (v) => onChange(withNutrientColumn(mapping, key, v)),
      `foods-import-map-${key}`,
    );

  return (
    <Stack gap="sm" data-testid="foods-import-mapping">
      <Text size="sm" fw={600}>
        Columns
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {column('Food name', mapping.name, (v) => onChange({ ...mapping, name: v }), 'foods-import-map-name', true)}
        {column('Food id', mapping.id, (v) => onChange({ ...mapping, id: v || null }), 'foods-import-map-id')}
        {column(
          'Food group',
          mapping.foodGroup,
          (v) => onChange({ ...mapping, foodGroup: v || null }),
          'foods-import-map-group',
        )}
      </SimpleGrid>
      <Text size="sm" fw={600}>
        Nutrients per 100 g
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {MAIN_NUTRIENTS.map(nutrient)}
      </SimpleGrid>
      <Accordion variant="contained">
        <Accordion.Item value="more">
          <Accordion.Control data-testid="foods-import-map-more">More nutrients</Accordion.Control>
          <Accordion.Panel>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              {EXTRA.map(nutrient)}
            </SimpleGrid>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Group gap="xl">
        <Switch
          label="Energy is in kJ (converted at 4.184 kJ/kcal)"
          checked={mapping.energyInKj}
          onChange={(e) => onChange({ ...mapping, energyInKj: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="foods-import-kj"
        />
        <Switch
          label="Decimal comma (12,5 means 12.5)"
          checked={mapping.decimalComma}
          onChange={(e) => onChange({ ...mapping, decimalComma: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="foods-import-decimal-comma"
        />
      </Group>
    </Stack>
  );
}
