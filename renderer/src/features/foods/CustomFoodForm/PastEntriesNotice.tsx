import { Alert, Checkbox, Skeleton, Text } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { formatIsoDate, formatNumber } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';

interface PastEntriesNoticeProps {
  foodId: string;
  applyToPast: boolean;
  onApplyToPastChange: (value: boolean) => void;
  /** `<prefix>-usage`, `<prefix>-apply-past`. */
  testIdPrefix?: string;
}

/** Before an edit is saved: how many logged entries use the food, and whether they should change too. */
export function PastEntriesNotice({
  foodId,
  applyToPast,
  onApplyToPastChange,
  testIdPrefix = 'custom-food',
}: PastEntriesNoticeProps): React.JSX.Element {
  const query = useCall('foods.usage', { id: foodId });
  const usage = query.data;
  if (query.error) return <ErrorAlert title="Could not count the past entries" error={query.error} />;
  if (!usage) return <Skeleton height={72} aria-label="Counting past entries" />;
  const n = usage.entries;
  const entriesText = `${formatNumber(n, 0)} past ${n === 1 ? 'entry' : 'entries'}`;
  return (
    <Alert color="blue" variant="light" data-testid={`${testIdPrefix}-usage`}>
      <Text size="sm" mb="xs">
        {n === 0
          ? 'No logged entry uses this food yet.'
          : `${entriesText} for ${formatNumber(usage.clients, 0)} ${usage.clients === 1 ? 'client' : 'clients'} use this food${
              usage.lastUsed ? `, the latest on ${formatIsoDate(usage.lastUsed)}` : ''
            }.`}
      </Text>
      <Checkbox
        label={`Also update the ${entriesText}`}
        description="Otherwise past entries keep the values they were logged with; only new entries use the new values."
        checked={applyToPast}
        disabled={n === 0}
        onChange={(e) => onApplyToPastChange(e.currentTarget.checked)}
        data-testid={`${testIdPrefix}-apply-past`}
      />
    </Alert>
  );
}
