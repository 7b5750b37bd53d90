import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { daysInclusive, isIsoDate } from '../../../lib/dates.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';
import { defaultCopyTarget } from '../log-text.ts';

/** The most days one copy writes to (the core refuses more, with the same words). */
const MAX_COPY_DAYS = 31;
type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [...optionsFrom(MEAL_LABELS), { value: 'none' as const, label: 'No meal' }];

export interface CopiedMeal {
  copied: number;
  to: string;
  until: string;
}

interface CopyMealModalProps {
  /** The meal to copy (null: the food entries without a meal); the dialog is open while there is one. */
  source: { meal: Meal | null; title: string } | null;
  clientId: string;
  from: string;
  onClose: () => void;
  onCopied: (copied: CopiedMeal) => void;
}

/** Copies one meal of a day to another day (or each day of a range) and meal. */
export function CopyMealModal(props: CopyMealModalProps): React.JSX.Element {
  const { source } = props;
  return (
    <AppModal
      opened={source !== null}
      onClose={props.onClose}
      title={source ? `Copy ${source.title.toLowerCase()} of ${formatIsoDate(props.from)}` : ''}
    >
      {source && <CopyMealForm key={`${props.from}-${source.meal}`} {...props} meal={source.meal} />}
    </AppModal>
  );
}

function CopyMealForm({
  clientId,
  from,
  meal,
  onClose,
  onCopied,
}: CopyMealModalProps & { meal: Meal | null }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const today = todayIso();
  const [to, setTo] = useState(() => defaultCopyTarget(from, today));
  const [until, setUntil] = useState('');
  const [toMeal, setToMeal] = useState<MealChoice>(meal ?? 'none');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [allergy, setAllergy] = useState(false);
  const [reason, setReason] = useState('');
  const last = until === '' ? to : until;
  const days = isIsoDate(to) && isIsoDate(last) ? daysInclusive(to, last) : 0;
  const target = toMeal === 'none' ? null : toMeal;
  const problem = !isIsoDate(to)
    ? 'Choose the day to copy to.'
    : until !== '' && !isIsoDate(until)
      ? 'Choose the last day of the range, or clear it.'
      : days < 1
        ? 'The last day is before the first.'
        : days > MAX_COPY_DAYS
          ? `Copy to at most ${MAX_COPY_DAYS} days at a time.`
          : target === meal && from >= to && from <= last
            ? 'Choose another day or meal than the one copied.'
            : null;
  // Logging ahead is allowed (a planned day), but usually a slip of the date.
  const future = isIsoDate(last) && last > today;
  const copyMeal = useMutation('log.copyMeal', { invalidates: LOG_DATA });

  const copy = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const result = await copyMeal.run({
        clientId,
        from,
        meal,
        to,
        toMeal: target,
        ...(until !== '' && until !== to ? { until } : {}),
        allergyConfirmation: allergy ? { reason: reason.trim() } : null,
      });
      onCopied({ copied: result.copied, to, until: last });
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      if (apiError.code === 'allergen-conflict') setAllergy(true);
      setError(apiError.message);
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="log-copy-meal-dialog">
      <Group grow align="flex-start">
        <TextInput
          label="Copy to"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="log-copy-meal-target"
          data-autofocus
        />
        <TextInput
          label="Through (optional)"
          description="For several days in a row"
          type="date"
          value={until}
          min={isIsoDate(to) ? to : undefined}
          onChange={(e) => setUntil(e.currentTarget.value)}
          data-testid="log-copy-meal-until"
        />
      </Group>
      <ChoiceSelect<MealChoice>
        label="As meal"
        data={MEAL_OPTIONS}
        value={toMeal}
        onChange={(v) => v && setToMeal(v)}
        data-testid="log-copy-meal-meal"
      />
      {future && !problem && (
        <Alert color="yellow" variant="light" data-testid="log-copy-meal-future">
          {isIsoDate(until) && until !== to
            ? `The range reaches ${formatIsoDate(last)}, which is in the future.`
            : `${formatIsoDate(to)} is in the future.`}{' '}
          Entries are usually logged after the meal; copy ahead only for a day the client has planned.
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        The food entries are added to{' '}
        {days > 1
          ? `each of the ${days} days from ${formatIsoDate(to)} to ${formatIsoDate(last)}`
          : isIsoDate(to)
            ? formatIsoDate(to)
            : 'that day'}
        ; entries already there stay.
      </Text>
      {error && (
        <AllergyReasonAlert
          message={error}
          askReason={allergy}
          reasonLabel="Reason for copying despite the allergy"
          reason={reason}
          onReasonChange={setReason}
          testIds={{ alert: 'log-copy-meal-error', reason: 'log-copy-meal-allergy-reason' }}
        />
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {problem}
        </Text>
        <Group>
          <Button variant="default" onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            onClick={() => void copy()}
            loading={saving}
            disabled={problem !== null || (allergy && reason.trim() === '')}
            color={allergy ? 'red' : undefined}
            data-testid="log-copy-meal-confirm"
          >
            {allergy ? 'Copy despite allergy' : 'Copy'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
