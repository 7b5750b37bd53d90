import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { MeasureKindInfo } from '@contract/measures.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { displayUnit, type UnitSystem } from '../../measures/measure-text.ts';
import { BOUNDS, emptyGoal, GOAL_STATUS_LABELS, GOAL_STATUS_LIST, type GoalDraft } from '../visit-text.ts';

interface GoalsEditorProps {
  goals: GoalDraft[];
  onChange: (goals: GoalDraft[]) => void;
  /** The measurement kinds a goal can be judged by (undefined while they load). */
  kinds: readonly MeasureKindInfo[] | undefined;
  /** The core's messages by field ('goals.0.text' …). */
  errors: Record<string, string>;
  /** Settings' unit system: a goal's weight or length starts in lb/in or kg/cm as the rest of the app shows them. */
  units: UnitSystem;
}

/** The unit a goal's target starts in: Settings' system for weight and lengths (lb, in), else the kind's own. */
function startUnit(info: MeasureKindInfo, units: UnitSystem): string {
  const preferred = displayUnit(info.kind, info.unit, units);
  return info.units.some((u) => u.unit === preferred) ? preferred : info.unit;
}

const STATUS_OPTIONS = GOAL_STATUS_LIST.map((s) => ({ value: s, label: GOAL_STATUS_LABELS[s] }));

/** The goals agreed at the visit: what, optionally judged by a measurement with a target, when to review, status. */
export function GoalsEditor({ goals, onChange, kinds, errors, units }: GoalsEditorProps): React.JSX.Element {
  const set = (index: number, patch: Partial<GoalDraft>): void =>
    onChange(goals.map((g, i) => (i === index ? { ...g, ...patch } : g)));
  const kindOptions = (kinds ?? []).map((k) => ({ value: k.kind, label: k.label }));

  return (
    <Stack gap="sm" data-testid="visit-goals">
      <Group justify="space-between">
        <Title order={3} size="h5" id="visit-goals-title">
          Goals
        </Title>
        <Button
          size="xs"
          variant="default"
          onClick={() => onChange([...goals, emptyGoal()])}
          disabled={goals.length >= BOUNDS.goals}
          data-testid="visit-goal-add"
        >
          Add goal
        </Button>
      </Group>
      {errors.goals && (
        <Text size="sm" c="red" role="alert" data-testid="visit-goals-error">
          {errors.goals}
        </Text>
      )}
      {goals.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="visit-goals-empty">
          No goals yet. A goal can be judged by a measurement, e.g. waist 88 cm by the review date.
        </Text>
      )}
      {goals.map((goal, index) => {
        const info = kinds?.find((k) => k.kind === goal.measureKind);
        const err = (field: string): string | undefined => errors[`goals.${index}.${field}`];
        const n = index + 1;
        return (
          <Card key={goal.key} withBorder padding="sm" role="group" aria-label={`Goal ${n}`} data-testid="visit-goal">
            <Stack gap="xs">
              <Group align="flex-end" gap="sm" wrap="nowrap">
                <TextInput
                  label={`Goal ${n}`}
                  required
                  value={goal.text}
                  maxLength={BOUNDS.goalText}
                  onChange={(e) => set(index, { text: e.currentTarget.value })}
                  error={err('text')}
                  style={{ flex: 1 }}
                  data-testid="visit-goal-text"
                />
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(goals.filter((_, i) => i !== index))}
                  aria-label={`Remove goal ${n}`}
                  data-testid="visit-goal-remove"
                >
                  Remove
                </Button>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <ChoiceSelect<string>
                  label="Judged by (optional)"
                  placeholder="No measurement"
                  data={kindOptions}
                  value={goal.measureKind}
                  allowDeselect
                  clearable
                  onChange={(v) => {
                    const next = kinds?.find((k) => k.kind === v);
                    set(index, {
                      measureKind: v,
                      unit: next ? startUnit(next, units) : null,
                      targetValue: v ? goal.targetValue : '',
                    });
                  }}
                  error={err('measureKind')}
                  data-testid="visit-goal-kind"
                />
                {info && (
                  <Group gap="xs" align="flex-start" wrap="nowrap">
                    <NumberInput
                      label="Target"
                      value={goal.targetValue}
                      onChange={(v) => set(index, { targetValue: v })}
                      error={err('targetValue')}
                      decimalScale={2}
                      style={{ flex: 1 }}
                      data-testid="visit-goal-target"
                    />
                    {info.units.length > 1 ? (
                      <ChoiceSelect<string>
                        label="Unit"
                        data={info.units.map((u) => u.unit)}
                        value={goal.unit ?? info.unit}
                        onChange={(v) => v && set(index, { unit: v })}
                        error={err('unit')}
                        w={110}
                        data-testid="visit-goal-unit"
                      />
                    ) : (
                      <TextInput label="Unit" value={info.unit} readOnly w={90} data-testid="visit-goal-unit" />
                    )}
                  </Group>
                )}
                <TextInput
                  label="Review on"
                  type="date"
                  value={goal.reviewOn}
                  onChange={(e) => set(index, { reviewOn: e.currentTarget.value })}
                  error={err('reviewOn')}
                  data-testid="visit-goal-review"
                />
                <ChoiceSelect
                  label="Status"
                  data={STATUS_OPTIONS}
                  value={goal.status}
                  onChange={(v) => v && set(index, { status: v })}
                  error={err('status')}
                  data-testid="visit-goal-status"
                />
              </SimpleGrid>
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
