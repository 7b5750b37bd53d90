import { Badge, Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useState } from 'react';
import type { FoodHit } from '@contract/foods.ts';
import { formatNumber } from '../../../lib/format.ts';
import { FOOD_SOURCE_COLORS, FOOD_SOURCE_LABELS } from '../../../lib/labels.ts';
import { AllergenBadges } from '../AllergenBadges/AllergenBadges.tsx';
import { useFoodSearch } from '../use-food-search.ts';
import { useCall } from '../../../lib/query.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

interface FoodPickerProps {
  label: string;
  value: FoodHit | null;
  onChange: (hit: FoodHit | null) => void;
  /** Ranks this client's favourites and recent foods first (and lists them before anything is typed). */
  clientId?: string;
  error?: string;
  description?: string;
  placeholder?: string;
  autoFocus?: boolean;
  testId: string;
  optionTestId: string;
}

/**
 * Search-as-you-type food choice: type part of a name, move through the options with the arrow
 * keys, Enter (or a click) chooses one. Editing the text after a choice clears it.
 */
export function FoodPicker({
  label,
  value,
  onChange,
  clientId,
  error,
  description,
  placeholder = 'Type part of a food name',
  autoFocus,
  testId,
  optionTestId,
}: FoodPickerProps): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [text, setText] = useState(value?.name ?? '');
  const typing = value === null || text !== value.name;
  const search = useFoodSearch(typing ? text : '', { clientId, limit: 20 });
  // Before anything is typed: the client's favourites, then the foods they logged lately.
  const empty = text.trim() === '';
  const own = useCall(
    'foods.search',
    { query: '', clientId: clientId ?? '', limit: 20 },
    { enabled: clientId !== undefined && typing && empty },
  );
  const hits = empty ? (clientId !== undefined ? (own.data ?? []) : []) : (search.data ?? []);
  const settled = !search.loading && search.searched === text.trim();

  const choose = (id: string): void => {
    const hit = hits.find((h) => h.id === id);
    if (!hit) return;
    setText(hit.name);
    onChange(hit);
    combobox.closeDropdown();
  };

  let status: React.JSX.Element | null = null;
  if (search.error) status = <Combobox.Empty>{search.error.message}</Combobox.Empty>;
  else if (empty && hits.length === 0) status = <Combobox.Empty>Type to search the foods.</Combobox.Empty>;
  else if (settled && hits.length === 0) status = <Combobox.Empty>No food matches “{text.trim()}”.</Combobox.Empty>;
  else if (hits.length === 0) status = <Combobox.Empty>Searching…</Combobox.Empty>;

  return (
    <Combobox store={combobox} onOptionSubmit={choose} withinPortal>
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          placeholder={placeholder}
          value={text}
          error={error}
          autoFocus={autoFocus}
          autoComplete="off"
          rightSection={search.loading && text.trim() !== '' ? <Loader size="xs" aria-hidden /> : null}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (value) onChange(null);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => typing && text.trim() !== '' && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          data-testid={testId}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
          {status ??
            hits.map((hit) => (
              <Combobox.Option value={hit.id} key={hit.id} data-testid={optionTestId}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <div>
                    <Text size="sm">{hit.name}</Text>
                    <Text size="xs" c="dimmed">
                      {[
                        hit.foodGroup,
                        hit.energyKcalPer100g === null || hideEnergy
                          ? null
                          : `${formatNumber(hit.energyKcalPer100g, 0)} kcal/100 g`,
                        hit.favourite ? '★ favourite' : null,
                        hit.recent ? 'logged before' : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    <AllergenBadges allergens={hit.allergens} testId="food-option-allergens" />
                  </div>
                  {hit.source !== 'usda-sr28' && (
                    <Badge size="xs" variant="light" color={FOOD_SOURCE_COLORS[hit.source]}>
                      {FOOD_SOURCE_LABELS[hit.source]}
                    </Badge>
                  )}
                </Group>
              </Combobox.Option>
            ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
