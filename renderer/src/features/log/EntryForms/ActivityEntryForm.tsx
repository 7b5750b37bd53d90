import { NumberInput, Skeleton, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

const SHOWN = ['activity', 'minutes', 'date', 'time'];

/** An activity from the Compendium list and its minutes (energy is estimated by the core from MET × weight). */
export function ActivityEntryForm(props: EntryFormProps) {
  const { entry, onCancel } = props;
  const activities = useCall('log.activities', {}, { staleTime: Infinity });
  const [activity, setActivity] = useState<string | null>(entry?.activity?.key ?? null);
  const [minutes, setMinutes] = useState<NumberField>(entry?.activity?.minutes ?? '');
  const state = useEntryForm(props);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    await state.save({
      kind: 'activity',
      activity: activity ?? '',
      minutes: numberOrNull(minutes) ?? Number.NaN,
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="log-activity-form">
      <Stack gap="sm">
        {activities.error && (
          <ErrorAlert title="Could not load the activities" error={activities.error} onRetry={activities.reload} />
        )}
        {!activities.data && !activities.error ? (
          <Skeleton height={58} aria-label="Loading the activities" />
        ) : (
          <ChoiceSelect<string>
            label="Activity"
            placeholder="Type part of the activity"
            data={(activities.data ?? []).map((a) => ({
              value: a.key,
              label: `${a.label} (${formatNumber(a.met, 1)} MET)`,
            }))}
            value={activity}
            onChange={setActivity}
            error={state.errors.activity}
            data-testid="log-activity"
            data-autofocus
          />
        )}
        <NumberInput
          label="Minutes"
          min={0}
          clampBehavior="none"
          value={minutes}
          onChange={setMinutes}
          error={state.errors.minutes}
          data-testid="log-minutes"
        />
        <WhenFields {...state.when} errors={state.errors} />
        <SaveFooter state={state} onCancel={onCancel} shown={SHOWN} />
      </Stack>
    </form>
  );
}
