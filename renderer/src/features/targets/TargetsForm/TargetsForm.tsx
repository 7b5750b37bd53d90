import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { useState, type FormEvent } from 'react';
import type { TargetsView, TargetValue } from '@contract/targets.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { fieldErrorsFor, generalMessage, toApiError } from '../../../lib/errors.ts';
import { formatNumber, todayIso } from '../../../lib/format.ts';
import { EQUATION_LABELS, optionsFrom, type EnergyEquation } from '../../../lib/labels.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { inputsFromOverrides, overridesFromInputs, type OverrideInputs } from '../target-overrides.ts';
import { useMutation } from '../../../lib/query.ts';

interface TargetsFormProps {
  view: TargetsView;
  targets: TargetValue[];
  onSaved: (view: TargetsView) => void;
  onCancel: () => void;
}

/** Overrides per target (empty = the computed value), the equation, the date they apply from and a note. */
export function TargetsForm({ view, targets, onSaved, onCancel }: TargetsFormProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [inputs, setInputs] = useState<OverrideInputs>(() => inputsFromOverrides(targets, view.overrides));
  const [equation, setEquation] = useState<EnergyEquation>(view.equation);
  const [effectiveFrom, setEffectiveFrom] = useState(todayIso());
  const [note, setNote] = useState('');
  const save = useMutation('targets.set', { invalidates: ['targets', 'audit', 'dashboard', 'recommendations'] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setErrors({});
    setGeneralError(null);
    try {
      const saved = await save.run({
        clientId: view.clientId,
        overrides: overridesFromInputs(inputs),
        equation,
        ...(effectiveFrom ? { effectiveFrom } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onSaved(saved);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      const fields = fieldErrorsFor(error, 'overrides');
      setErrors(fields);
      setGeneralError(
        generalMessage(error, fields, [...targets.map((t) => t.key), 'equation', 'effectiveFrom', 'note']),
      );
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="targets-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ChoiceSelect<EnergyEquation>
            label="Energy equation"
            data={optionsFrom(EQUATION_LABELS)}
            value={equation}
            onChange={(v) => v && setEquation(v)}
            error={errors.equation}
            data-testid="targets-equation"
          />
          <TextInput
            label="Effective from"
            type="date"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={errors.effectiveFrom}
            data-testid="targets-effective-from"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {targets.map((t) => (
            <NumberInput
              key={t.key}
              label={`${t.label} (${t.unit})`}
              placeholder={formatNumber(t.computedValue)}
              description="Empty = computed value"
              min={0}
              max={100000}
              clampBehavior="none"
              value={inputs[t.key] ?? ''}
              onChange={(v) => setInputs((prev) => ({ ...prev, [t.key]: v }))}
              error={errors[t.key]}
              data-testid={`override-${t.key}`}
            />
          ))}
        </SimpleGrid>
        <Textarea
          label="Note"
          description="Why the targets changed (kept in the history)"
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-testid="targets-note"
        />
        <InlineError message={generalError} testId="targets-error" />
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() => setInputs(inputsFromOverrides(targets, {}))}
            disabled={save.pending}
            data-testid="targets-clear"
          >
            Use all computed values
          </Button>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={save.pending} data-testid="targets-cancel">
              Cancel
            </Button>
            <Button type="submit" loading={save.pending} disabled={save.pending} data-testid="targets-save">
              Save targets
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
