import { Card, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BarcodeFood } from '@contract/barcodes.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { todayIso } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { DietEntryForm } from '../../log/EntryForms/DietEntryForm.tsx';

/**
 * Logs the scanned food for a client: the client is chosen here, then the log's own food entry form
 * (amount, meal, time, allergy check and the client's display rules) does the rest, for today unless
 * changed there.
 */
export function LogScannedFood({ food, onDone }: { food: BarcodeFood; onDone: () => void }): React.JSX.Element {
  const notify = useNotify();
  const clients = useCall('clients.list', {});
  const [clientId, setClientId] = useState<string | null>(null);
  const options = (clients.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const clientName = options.find((o) => o.value === clientId)?.label ?? '';
  return (
    <Card withBorder padding="sm" data-testid="barcode-log-panel">
      <Stack gap="sm">
        <Text fw={600}>Log {food.name}</Text>
        {clients.error && (
          <ErrorAlert title="Could not list the clients" error={clients.error} onRetry={clients.reload} />
        )}
        <NativeSelect
          label="Client"
          data={[
            { value: '', label: options.length === 0 && clients.data ? 'No clients yet' : 'Choose the client' },
            ...options,
          ]}
          value={clientId ?? ''}
          onChange={(e) => setClientId(e.currentTarget.value || null)}
          data-testid="barcode-log-client"
        />
        {clientId && (
          <DietEntryForm
            key={clientId}
            clientId={clientId}
            date={todayIso()}
            entry={null}
            initialFood={{ id: food.id, name: food.name }}
            onSaved={() => {
              notify({ message: `${food.name} was logged for ${clientName}.` });
              onDone();
            }}
            onCancel={onDone}
          />
        )}
      </Stack>
    </Card>
  );
}
