import { Button, Group, Stack, Text } from '@mantine/core';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { useState } from 'react';
import type { TargetsView, TargetValue } from '@contract/targets.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatQuantity, todayIso } from '../../../lib/format.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { appliedSuggestionNote, overridesWithSuggestion } from '../targets-text.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface ApplySuggestionModalProps {
  view: TargetsView;
  /** The target whose suggestion is being applied; null when closed. */
  target: TargetValue | null;
  onClose: () => void;
  onApplied: () => void;
}

/**
 * Confirms a condition's suggestion, then saves it as the practitioner's override from today, with a
 * note naming the suggestion and its source (the other overrides in force stay).
 */
export function ApplySuggestionModal({
  view,
  target,
  onClose,
  onApplied,
}: ApplySuggestionModalProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const save = useMutation('targets.set', { invalidates: ['targets', 'audit', 'dashboard', 'recommendations'] });
  const [error, setError] = useState<string | null>(null);
  const s = target?.suggestion ?? null;

  const apply = async (): Promise<void> => {
    if (!target || !s) return;
    setError(null);
    try {
      await save.run({
        clientId: view.clientId,
        overrides: overridesWithSuggestion(view.overrides, target),
        effectiveFrom: todayIso(),
        note: appliedSuggestionNote(target),
      });
      onApplied();
    } catch (e) {
      reportError(e);
      setError(`${toApiError(e).message} Nothing was changed; try again.`);
    }
  };

  return (
    <AppModal
      opened={target !== null && s !== null}
      onClose={onClose}
      title="Apply the suggestion?"
      data-testid="suggestion-modal"
    >
      {target && s && (
        <Stack gap="sm">
          <Text size="sm">
            Set {target.label.toLowerCase()} to <strong>{formatQuantity(s.value, target.unit)}</strong> from today, as
            your value (computed: {formatQuantity(target.computedValue, target.unit)}).
          </Text>
          <Text size="sm">{s.reason}</Text>
          <Text size="xs" c="dimmed">
            Source: {s.source}
          </Text>
          <Text size="xs" c="dimmed">
            The change is kept in the targets history with a note naming this suggestion; you can change or remove it
            later under “Edit targets”.
          </Text>
          <InlineError message={error} testId="suggestion-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.pending}>
              Cancel
            </Button>
            <Button onClick={() => void apply()} loading={save.pending} data-testid="suggestion-confirm">
              Apply
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
