import { Paper, Text } from '@mantine/core';
import type { Food } from '@contract/foods.ts';
import { formatNumber, formatNutrient } from '../../../lib/format.ts';
import { scaleNutrients } from '../../../lib/nutrients.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

/** Live estimate of what the entry adds: energy, protein, fibre for the chosen amount. */
export function DietPreview({ food, grams }: { food: Food | undefined; grams: number | null }): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  let text = hideEnergy
    ? 'Choose a food and an amount to see what it adds.'
    : 'Choose a food and an amount to see its energy.';
  if (food && grams !== null && grams > 0) {
    const n = scaleNutrients(food.nutrients, grams);
    const parts = [
      hideEnergy ? null : n.energyKcal === undefined ? 'energy unknown' : formatNutrient(n.energyKcal, 'kcal'),
      n.proteinG === undefined ? null : `protein ${formatNutrient(n.proteinG, 'g')}`,
      n.fibreG === undefined ? null : `fibre ${formatNutrient(n.fibreG, 'g')}`,
    ].filter(Boolean);
    text = `${formatNumber(grams)} g ≈ ${parts.join(' · ')}`;
  }
  return (
    <Paper withBorder p="xs" aria-live="polite">
      <Text size="sm" data-testid="log-preview">
        {text}
      </Text>
    </Paper>
  );
}
