import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { toApiError } from '../../../lib/errors.ts';
import type { Recommendation } from '../../../lib/rule-types.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useMutation } from '../../../lib/query.ts';

interface DismissFormProps {
  recommendation: Recommendation;
  onDismissed: (saved: Recommendation) => void;
  onCancel: () => void;
}

const REASON_REQUIRED = 'Say why (it helps tune the rules).';

/** Asks why a recommendation is dismissed (required: the reasons are what tunes the rules). */
export function DismissForm({ recommendation, onDismissed, onCancel }: DismissFormProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dismiss = useMutation('recommendations.dismiss', { invalidates: ['recommendations', 'reports'] });

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(REASON_REQUIRED);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDismissed(await dismiss.run({ id: recommendation.id, reason: reason.trim() }));
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      setError(apiError.fields.reason ?? apiError.message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="recommendation-dismiss-form">
      <Stack gap="xs">
        <TextInput
          label="Why dismiss it?"
          description="For example: discussed at the last visit, not relevant for this client"
          required
          autoFocus
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
          error={error}
          maxLength={500}
          disabled={busy}
          data-testid="recommendation-dismiss-reason"
        />
        <Group gap="xs" justify="flex-end">
          <Button
            variant="default"
            size="xs"
            onClick={onCancel}
            disabled={busy}
            data-testid="recommendation-dismiss-cancel"
          >
            Cancel
          </Button>
          <Button type="submit" size="xs" color="gray" loading={busy} data-testid="recommendation-dismiss-confirm">
            Dismiss
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
