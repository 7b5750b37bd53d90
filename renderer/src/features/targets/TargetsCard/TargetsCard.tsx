import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { TargetsView, TargetValue } from '@contract/targets.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { useCall } from '../../../lib/query.ts';
import { TargetsFormModal } from '../TargetsForm/TargetsFormModal.tsx';
import { TargetsHistory } from '../TargetsHistory/TargetsHistory.tsx';
import { basisText, missingSentence } from '../targets-text.ts';
import { ApplySuggestionModal } from './ApplySuggestionModal.tsx';
import { TargetsTable } from './TargetsTable.tsx';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';

interface TargetsCardProps {
  clientId: string;
}

function Basis({ view }: { view: TargetsView }): React.JSX.Element {
  const hideEnergy = useEnergyHidden();
  return (
    <Text size="sm" c="dimmed" data-testid="targets-basis">
      {basisText(view, hideEnergy)}
    </Text>
  );
}

/**
 * Daily targets from the profile (equation + DRI tables, adjusted to the goal, diet and life stage), with
 * each one's source, the practitioner's overrides, and the conditions' suggestions to apply.
 */
export function TargetsCard({ clientId }: TargetsCardProps): React.JSX.Element {
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [applying, setApplying] = useState<TargetValue | null>(null);
  const query = useCall('targets.get', { clientId });
  const view = query.data;

  return (
    <Card withBorder padding="lg" data-testid="targets-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Daily targets
          </Title>
          <Button
            variant="default"
            size="xs"
            onClick={() => setEditing(true)}
            disabled={!view?.targets}
            data-testid="targets-edit"
          >
            Edit targets
          </Button>
        </Group>
        {query.error && <ErrorAlert title="Could not load the targets" error={query.error} onRetry={query.reload} />}
        {!view && !query.error && <Skeleton height={200} />}
        {view && view.targets === null && (
          <Text size="sm" data-testid="targets-missing">
            {missingSentence(view.missing)}
          </Text>
        )}
        {view?.targets && (
          <>
            <Basis view={view} />
            <TargetsTable targets={view.targets} onApply={setApplying} />
          </>
        )}
        <TargetsHistory clientId={clientId} />
      </Stack>
      {view?.targets && (
        <ApplySuggestionModal
          view={view}
          target={applying}
          onClose={() => setApplying(null)}
          onApplied={() => {
            setApplying(null);
            notify({ message: 'Suggestion applied as your value.' });
          }}
        />
      )}
      {view?.targets && (
        <TargetsFormModal
          opened={editing}
          view={view}
          targets={view.targets}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify({ message: 'Targets saved.' });
          }}
        />
      )}
    </Card>
  );
}
