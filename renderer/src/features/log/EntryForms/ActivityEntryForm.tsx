import { NumberInput, Skeleton, Stack, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

const SHOWN = ['activity', 'minutes', 'date', 'time'];

function optionValue(item: ComboboxParsedItem<string>): string | null {
  return 'value' in item ? item.value : null;
}

/**
 * The list highlights its first option when the typed words change, which is before the core's ranking
 * for them arrives; so Enter with no highlighted option picks the first one shown (the best match).
 */
function pickFirstOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const listId = event.currentTarget.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  if (!list || list.querySelector('[data-combobox-option][data-combobox-selected]')) return;
  const first = list.querySelector<HTMLElement>('[data-combobox-option]');
  if (!first) return;
  event.preventDefault();
  first.click();
}

/**
 * An activity from the Compendium list and its minutes (energy is estimated by the core from MET × weight).
 * The picker searches everyday words ("brisk walk", "hoovering"): the core ranks the activities for what
 * was typed, and the list shows its answer in that order (the previous answer until the new one arrives).
 */
export function ActivityEntryForm(props: EntryFormProps) {
  const { entry, onCancel } = props;
  const activities = useCall('log.activities', {}, { staleTime: Infinity });
  const [activity, setActivity] = useState<string | null>(entry?.activity?.key ?? null);
  const [search, setSearch] = useState('');
  const options = useMemo(
    () =>
      (activities.data ?? []).map((a) => ({
        value: a.key,
        label: `${a.label} (${formatNumber(a.met, 1)} MET)`,
      })),
    [activities.data],
  );
  const selectedLabel = options.find((o) => o.value === activity)?.label;
  const query = search.trim();
  const matches = useCall(
    'log.activities',
    { query },
    { enabled: query !== '' && search !== selectedLabel, keepPrevious: true, staleTime: Infinity },
  );
  const ranked = useMemo(() => matches.data?.map((a) => a.key) ?? [], [matches.data]);
  const filter: OptionsFilter<string> = ({ options: shown }) => {
    const byKey = new Map(shown.map((o) => [optionValue(o), o]));
    return ranked.flatMap((key) => byKey.get(key) ?? []);
  };
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
            placeholder="Type what they did, e.g. brisk walk, spin class, hoovering"
            data={options}
            value={activity}
            onChange={setActivity}
            searchValue={search}
            onSearchChange={setSearch}
            filter={filter}
            onKeyDown={pickFirstOnEnter}
            nothingFoundMessage={matches.data && !matches.loading ? 'No activity matches these words.' : undefined}
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
