import { Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { MEAL_TYPE_LABELS, PLAN_MEAL_TYPE_ORDER, type PlanMealType, type PlanUseValues } from '../plan-use-values.ts';

interface PlanUseSectionProps {
  values: PlanUseValues;
  onChange: (values: PlanUseValues) => void;
  /** The form's field errors, under the contract's names (planUse.measure.grams …). */
  errors: Record<string, string | undefined>;
  /** The serving meal plans use when none is named ("1 bowl (300 g)"), or null when the food has none. */
  defaultServing: string | null;
  /** Test ids start with it (custom-food, recipe). */
  testIdPrefix: string;
}

/**
 * "Use in meal plans": the meal types the food suits (none: the generator never uses it), whether it
 * is a main dish, and the serving the plan counts in.
 */
export function PlanUseSection({
  values,
  onChange,
  errors,
  defaultServing,
  testIdPrefix: p,
}: PlanUseSectionProps): React.JSX.Element {
  const inPool = values.mealTypes.length > 0;
  return (
    <Fieldset legend="Use in meal plans" data-testid={`${p}-plan-use`}>
      <Checkbox.Group
        label="Meals it suits"
        description="The meal-plan generator may use it in these meals; tick none to keep it out of generated plans."
        value={values.mealTypes}
        onChange={(v) => onChange({ ...values, mealTypes: v as PlanMealType[] })}
        error={errors['planUse.mealTypes']}
      >
        <Group mt={4}>
          {PLAN_MEAL_TYPE_ORDER.map((m) => (
            <Checkbox key={m} value={m} label={MEAL_TYPE_LABELS[m]} data-testid={`${p}-plan-meal-${m}`} />
          ))}
        </Group>
      </Checkbox.Group>
      {inPool && (
        <>
          <Switch
            mt="sm"
            label="Main dish (not planned two days running)"
            checked={values.main}
            onChange={(e) => onChange({ ...values, main: e.currentTarget.checked })}
            data-testid={`${p}-plan-main`}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
            <TextInput
              label="Serving in plans"
              placeholder="e.g. 1 bowl"
              value={values.servingLabel}
              onChange={(e) => onChange({ ...values, servingLabel: e.currentTarget.value })}
              error={errors['planUse.measure.label']}
              data-testid={`${p}-plan-serving-label`}
            />
            <NumberInput
              label="Serving weight (g)"
              min={0}
              clampBehavior="none"
              value={values.servingGrams}
              onChange={(v) => onChange({ ...values, servingGrams: v })}
              error={errors['planUse.measure.grams']}
              data-testid={`${p}-plan-serving-grams`}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={4} data-testid={`${p}-plan-serving-default`}>
            {defaultServing
              ? `Left empty, plans use ${defaultServing}.`
              : 'This food has no household measure: name the serving plans use.'}
          </Text>
        </>
      )}
    </Fieldset>
  );
}
