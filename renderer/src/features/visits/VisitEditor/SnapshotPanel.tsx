import { Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { VisitSnapshot } from '@contract/visits.ts';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useCall } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { isOpen } from '../../recommendations/recommendation-text.ts';

interface SnapshotPanelProps {
  clientId: string;
  /** The visit's date (the snapshot covers the time since the visit before it). */
  date: string;
  /** The saved visit's id; undefined for a new one. */
  visitId: string | undefined;
  /** The section the text goes into, by its heading ("Assessment", "Objective"). */
  sectionLabel: string;
  /** The recommendations ticked now (saved or not): the snapshot lists exactly these. */
  accepted: readonly string[];
  onAcceptedChange: (ids: string[]) => void;
  onInsert: (snapshot: VisitSnapshot) => void;
}

/**
 * The recommendations accepted at this visit (ticked from the client's open ones), and "Insert snapshot":
 * the measurements since the last visit, the intake summary and those recommendations as text, computed
 * by the core now and added to the note, where the practitioner can edit it like anything they wrote.
 */
export function SnapshotPanel(props: SnapshotPanelProps): React.JSX.Element {
  const { clientId, date, visitId, accepted, onAcceptedChange } = props;
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recommendations = useCall('recommendations.list', { clientId, includeClosed: true });
  // Open ones can be ticked; one already ticked at this visit stays listed even if it has closed since.
  const listed = (recommendations.data ?? []).filter((r) => isOpen(r) || accepted.includes(r.id));

  const insert = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      props.onInsert(
        await call('visits.snapshot', {
          clientId,
          date,
          ...(visitId ? { visitId } : {}),
          acceptedRecommendationIds: [...accepted],
        }),
      );
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean): void =>
    onAcceptedChange(on ? [...accepted, id] : accepted.filter((a) => a !== id));

  return (
    <Stack gap="xs" data-testid="visit-snapshot">
      <Title order={3} size="h5">
        Recommendations accepted at this visit
      </Title>
      {recommendations.error && (
        <Text size="sm" c="red" role="alert">
          Could not load the recommendations: {recommendations.error.message}
        </Text>
      )}
      {recommendations.data && listed.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="visit-recs-empty">
          The client has no open recommendations.
        </Text>
      )}
      {listed.map((r) => (
        <Checkbox
          key={r.id}
          label={r.title}
          checked={accepted.includes(r.id)}
          onChange={(e) => toggle(r.id, e.currentTarget.checked)}
          data-testid="visit-rec"
          data-rec-id={r.id}
        />
      ))}
      <Group gap="sm">
        <Button variant="light" onClick={() => void insert()} loading={busy} data-testid="visit-snapshot-insert">
          Insert snapshot
        </Button>
        <Text size="xs" c="dimmed">
          Adds the measurements since the last visit, the intake summary and the accepted recommendations to{' '}
          {props.sectionLabel}.
        </Text>
      </Group>
      <InlineError message={error} testId="visit-snapshot-error" />
    </Stack>
  );
}
