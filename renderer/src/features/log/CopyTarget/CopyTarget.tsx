import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { daysInclusive, isIsoDate } from '../../../lib/dates.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';
import { defaultCopyTarget } from '../log-text.ts';

/**
 * What copying a day and copying a meal share: the days copied to (one day or a range) and their
 * checks, the warning for a future day, the sentence saying where entries go, and the footer that
 * runs the copy and asks for a reason when the core refuses a food the client is allergic to.
 */

/** The most days one copy writes to (the core refuses more, with the same words). */
export const MAX_COPY_DAYS = 31;

export interface CopyRange {
  to: string;
  setTo: (to: string) => void;
  /** The last day of a range, or '' for one day. */
  until: string;
  setUntil: (until: string) => void;
  /** The last day copied to. */
  last: string;
  days: number;
  /** Why these days cannot be copied to, or null. */
  problem: string | null;
  /** Whether the last day is after today. */
  future: boolean;
  /** The request's `until`: present only for a range of more than one day. */
  untilParam: { until?: string };
}

/** The days to copy to, starting at the usual target for a copy of `from` (see defaultCopyTarget). */
export function useCopyRange(from: string): CopyRange {
  const today = todayIso();
  const [to, setTo] = useState(() => defaultCopyTarget(from, today));
  const [until, setUntil] = useState('');
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
          : null;
  return {
    to,
    setTo,
    until,
    setUntil,
    last,
    days,
    problem,
    // Logging ahead is allowed (a planned day), but usually a slip of the date.
    future: isIsoDate(last) && last > today,
    untilParam: until !== '' && until !== to ? { until } : {},
  };
}

/** Whether the days copied to include `from` itself. */
export const coversSource = (range: CopyRange, from: string): boolean => from >= range.to && from <= range.last;

/** "Copy to" and "Through (optional)" date fields; `testId` prefixes their test ids. */
export function CopyRangeFields({ range, testId }: { range: CopyRange; testId: string }): React.JSX.Element {
  return (
    <Group grow align="flex-start">
      <TextInput
        label="Copy to"
        type="date"
        value={range.to}
        onChange={(e) => range.setTo(e.currentTarget.value)}
        data-testid={`${testId}-target`}
        data-autofocus
      />
      <TextInput
        label="Through (optional)"
        description="For several days in a row"
        type="date"
        value={range.until}
        min={isIsoDate(range.to) ? range.to : undefined}
        onChange={(e) => range.setUntil(e.currentTarget.value)}
        data-testid={`${testId}-until`}
      />
    </Group>
  );
}

/** The warning shown when the days copied to reach into the future. */
export function CopyFutureAlert({ range, testId }: { range: CopyRange; testId: string }): React.JSX.Element {
  return (
    <Alert color="yellow" variant="light" data-testid={`${testId}-future`}>
      {isIsoDate(range.until) && range.until !== range.to
        ? `The range reaches ${formatIsoDate(range.last)}, which is in the future.`
        : `${formatIsoDate(range.to)} is in the future.`}{' '}
      Entries are usually logged after the meal; copy ahead only for a day the client has planned.
    </Alert>
  );
}

/** "The {what} are added to each of the 3 days from … to …; entries already there stay." */
export function CopyRangeSummary({ range, what }: { range: CopyRange; what: string }): React.JSX.Element {
  return (
    <Text size="sm" c="dimmed">
      The {what} are added to{' '}
      {range.days > 1
        ? `each of the ${range.days} days from ${formatIsoDate(range.to)} to ${formatIsoDate(range.last)}`
        : isIsoDate(range.to)
          ? formatIsoDate(range.to)
          : 'that day'}
      ; entries already there stay.
    </Text>
  );
}

/**
 * The copy's error, allergy reason and buttons. `run` sends the request with the allergy confirmation
 * (null until the core has refused a food the client is allergic to, then the reason typed).
 */
export function CopyFooter({
  problem,
  run,
  onClose,
  testId,
}: {
  problem: string | null;
  run: (allergyConfirmation: { reason: string } | null) => Promise<void>;
  onClose: () => void;
  testId: string;
}): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The core refused foods the client is allergic to: copying them needs a reason, kept with each entry.
  const [allergy, setAllergy] = useState(false);
  const [reason, setReason] = useState('');

  const copy = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await run(allergy ? { reason: reason.trim() } : null);
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      if (apiError.code === 'allergen-conflict') setAllergy(true);
      setError(apiError.message);
      setSaving(false);
    }
  };

  return (
    <>
      {error && (
        <AllergyReasonAlert
          message={error}
          askReason={allergy}
          reasonLabel="Reason for copying despite the allergy"
          reason={reason}
          onReasonChange={setReason}
          testIds={{ alert: `${testId}-error`, reason: `${testId}-allergy-reason` }}
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
            data-testid={`${testId}-confirm`}
          >
            {allergy ? 'Copy despite allergy' : 'Copy'}
          </Button>
        </Group>
      </Group>
    </>
  );
}
