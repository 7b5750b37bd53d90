import { Checkbox, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { formatIsoDate } from '../../../lib/format.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import {
  CopyFooter,
  CopyFutureAlert,
  CopyRangeFields,
  CopyRangeSummary,
  coversSource,
  useCopyRange,
} from '../CopyTarget/CopyTarget.tsx';

type Kind = 'diet' | 'activity' | 'sleep';
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
  const range = useCopyRange(from);
  const [kinds, setKinds] = useState<Kind[]>(['diet']);
  const problem =
    range.problem ??
    (coversSource(range, from) ? 'Choose other days than the one copied.' : null) ??
    (kinds.length === 0 ? 'Choose what to copy.' : null);
  const copyDay = useMutation('log.copyDay', { invalidates: LOG_DATA });

  const run = async (allergyConfirmation: { reason: string } | null): Promise<void> => {
    const result = await copyDay.run({
      clientId,
      from,
      to: range.to,
      ...range.untilParam,
      kinds,
      allergyConfirmation,
    });
    onCopied(result.copied, range.to, range.last);
  };

  return (
    <Stack gap="sm" data-testid="log-copy-dialog">
      <CopyRangeFields range={range} testId="log-copy" />
      {range.future && !problem && <CopyFutureAlert range={range} testId="log-copy" />}
      <Checkbox.Group label="What to copy" value={kinds} onChange={(v) => setKinds(v as Kind[])}>
        <Group mt={4}>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <Checkbox key={k} value={k} label={KIND_LABELS[k]} data-testid={`log-copy-kind-${k}`} />
          ))}
        </Group>
      </Checkbox.Group>
      <CopyRangeSummary range={range} what="entries" />
      <CopyFooter problem={problem} run={run} onClose={onClose} testId="log-copy" />
    </Stack>
  );
}
