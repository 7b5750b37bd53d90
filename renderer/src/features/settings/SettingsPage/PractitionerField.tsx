import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useSettings } from '../../../app/settings-context.ts';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';

/** The practitioner's name (recorded in the audit log); saved on blur or with the button. */
export function PractitionerField({ saved }: { saved: string }): React.JSX.Element {
  const { update } = useSettings();
  const notify = useNotify();
  const [value, setValue] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = value.trim() !== saved;

  const save = async (): Promise<void> => {
    if (!dirty || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await update({ practitionerName: value.trim() });
      setValue(result.practitionerName);
      notify({ message: 'Practitioner name saved.' });
    } catch (e) {
      const err = toApiError(e);
      setError(err.fields.practitionerName ?? err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group align="flex-start" gap="sm">
      <TextInput
        label="Practitioner name"
        description="Shown in the change history and on reports"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
        error={error}
        maxLength={200}
        data-testid="settings-practitioner"
        style={{ flex: '1 1 260px', maxWidth: 420 }}
      />
      <Button
        mt={46}
        variant="default"
        onClick={() => void save()}
        disabled={!dirty}
        loading={busy}
        data-testid="settings-practitioner-save"
      >
        Save
      </Button>
    </Group>
  );
}
