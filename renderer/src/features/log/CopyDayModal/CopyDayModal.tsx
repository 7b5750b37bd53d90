import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { daysInclusive, isIsoDate } from '../../../lib/dates.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { defaultCopyTarget } from '../log-text.ts';

type Kind = 'diet' | 'activity' | 'sleep';
/** The most days one copy writes to (the core refuses more, with the same words). */
const MAX_COPY_DAYS = 31;
const KIND_LABELS: Record<Kind, string> = { diet: 'Food', activity: 'Activity', sleep: 'Sleep' };

interface CopyDayModalProps {
  opened: boolean;
  clientId: string;
  from: string;
  onClose: () => void;
  onCopied: (copied: number, to: string, until: string) => void;
}

export function CopyDayModal(props: CopyDayModalProps): React.JSX.Element {
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title={`Copy ${formatIsoDate(props.from)}`}>
      {props.opened && <CopyDayForm key={props.from} {...props} />}
    </AppModal>
  );
}

/** Copies a day's entries to another day (e.g. a client who eats the same breakfast daily). */
function CopyDayForm({ clientId, from, onClose, onCopied }: CopyDayModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const today = todayIso();
  const [to, setTo] = useState(() => defaultCopyTarget(from, todayIso()));
  // The last day of a range, or '' for one day.
  const [until, setUntil] = useState('');
  const [kinds, setKinds] = useState<Kind[]>(['diet']);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The core refused foods the client is allergic to: copying them needs a reason, kept with each entry.
  const [allergy, setAllergy] = useState(false);
  const [reason, setReason] = useState('');
  const last = until === '' ? to : until;
  const days = isIsoDate(to) && isIsoDate(last) ? daysInclusive(to, last) : 0;
  const problem = !isIsoDate(to)
    ? 'Choose the day to copy to.'
    : until !== '' && !isIsoDate(until)
      ? 'Choose the last day of the range, or clear it.'
      : days < 1
        ? 'The last day is before the first.'
        : days > MAX_COPY_DAYS
          ? `Copy to at most ${MAX_COPY_DAYS} days at a time.`
          : from >= to && from <= last
            ? 'Choose other days than the one copied.'
            : kinds.length === 0
              ? 'Choose what to copy.'
              : null;
  // Logging ahead is allowed (a planned day), but usually a slip of the date.
  const future = isIsoDate(last) && last > today;

  const copyDay = useMutation('log.copyDay', { invalidates: LOG_DATA });

  const copy = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const result = await copyDay.run({
        clientId,
        from,
        to,
        ...(until !== '' && until !== to ? { until } : {}),
        kinds,
        allergyConfirmation: allergy ? { reason: reason.trim() } : null,
      });
      onCopied(result.copied, to, last);
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      if (apiError.code === 'allergen-conflict') setAllergy(true);
      setError(apiError.message);
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="log-copy-dialog">
      <Group grow align="flex-start">
        <TextInput
          label="Copy to"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="log-copy-target"
          data-autofocus
        />
        <TextInput
          label="Through (optional)"
          description="For several days in a row"
          type="date"
          value={until}
          min={isIsoDate(to) ? to : undefined}
          onChange={(e) => setUntil(e.currentTarget.value)}
          data-testid="log-copy-until"
        />
      </Group>
      {future && !problem && (
        <Alert color="yellow" variant="light" data-testid="log-copy-future">
          {isIsoDate(until) && until !== to
            ? `The range reaches ${formatIsoDate(last)}, which is in the future.`
            : `${formatIsoDate(to)} is in the future.`}{' '}
          Entries are usually logged after the meal; copy ahead only for a day the client has planned.
        </Alert>
      )}
      <Checkbox.Group label="What to copy" value={kinds} onChange={(v) => setKinds(v as Kind[])}>
        <Group mt={4}>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <Checkbox key={k} value={k} label={KIND_LABELS[k]} data-testid={`log-copy-kind-${k}`} />
          ))}
        </Group>
      </Checkbox.Group>
      <Text size="sm" c="dimmed">
        The entries are added to{' '}
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
          testIds={{ alert: 'log-copy-error', reason: 'log-copy-allergy-reason' }}
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
            data-testid="log-copy-confirm"
          >
            {allergy ? 'Copy despite allergy' : 'Copy'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
