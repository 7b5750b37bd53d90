import { Alert, Button, Code, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { BusyNote } from '../../../components/BusyNote/BusyNote.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { formatBytes } from '../../../lib/base64.ts';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { formatBackupDate, KIND_LABELS, lastErrorText, parseSchedule, SCHEDULE_OPTIONS } from './backup-text.ts';
import { NewRecoveryCodeForm } from './NewRecoveryCodeForm.tsx';
import { RestoreModal, type RestoreResult } from './RestoreModal.tsx';

type BackupState = MethodOutput<'backup.list'>;
type Backup = BackupState['backups'][number];

/** Backups: list, back up now, schedule, restore; and the recovery code. */
export function BackupSection(): React.JSX.Element {
  const { setStatus, reportError } = useSessionActions();
  const notify = useNotify();
  const query = useCall('backup.list', {});
  const state = query.data;
  const createBackup = useMutation('backup.create', { invalidates: ['backup.list'] });
  const configureBackups = useMutation('backup.configure', { invalidates: [], updates: 'backup.list' });
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (): Promise<void> => {
    setCreating(true);
    setError(null);
    try {
      const made = await createBackup.run();
      notify({ message: `Backed up (${formatBytes(made.bytes)}).` });
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setCreating(false);
    }
  };

  const configure = async (patch: Partial<Pick<BackupState, 'scheduleHours' | 'keep'>>): Promise<void> => {
    if (!state) return;
    setSaving(true);
    setError(null);
    try {
      await configureBackups.run({ scheduleHours: state.scheduleHours, keep: state.keep, ...patch });
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  const restored = (result: RestoreResult): void => {
    setRestoring(null);
    notify({
      message: `Restored the backup from ${formatBackupDate(result.restored.createdAt)}. The data it replaced is kept as a backup.`,
    });
    setStatus(result.status);
  };

  return (
    <Stack gap="md" data-testid="settings-backups">
      <Text size="sm" c="dimmed">
        A backup is one encrypted file holding all the data. Restoring it asks for the passphrase that was current when
        it was made; afterwards your current passphrase and recovery code open the data. Copy the files to another disk
        to keep them safe from a lost computer.
      </Text>
      <QueryPending query={query} errorTitle="Could not read the backups" loadingLabel="Loading the backups" />
      {state && (
        <>
          <Group align="flex-end">
            <Button onClick={() => void create()} loading={creating} data-testid="backup-now">
              Back up now
            </Button>
            <Select
              label="Automatic backups"
              data={SCHEDULE_OPTIONS.map((o) => ({ ...o }))}
              value={String(state.scheduleHours)}
              onChange={(v) => {
                const hours = parseSchedule(v);
                if (hours !== null) void configure({ scheduleHours: hours });
              }}
              allowDeselect={false}
              disabled={saving}
              w={160}
              data-testid="backup-schedule"
            />
            <NumberInput
              label="Keep the newest"
              min={1}
              max={60}
              value={state.keep}
              onBlur={(e) => {
                const keep = Number(e.currentTarget.value);
                if (Number.isInteger(keep) && keep >= 1 && keep <= 60 && keep !== state.keep) void configure({ keep });
              }}
              disabled={saving}
              w={140}
              data-testid="backup-keep"
            />
          </Group>
          <BusyNote busy={creating}>Writing the backup…</BusyNote>
          <InlineError message={error} testId="backup-error" />
          {state.settingsProblem && (
            <Alert
              color="orange"
              role="alert"
              title="The backup settings could not be read"
              data-testid="backup-settings-problem"
            >
              {state.settingsProblem}
            </Alert>
          )}
          {state.lastError && (
            <Alert color="red" role="alert" title="The last backup failed" data-testid="backup-last-error">
              {lastErrorText(state.lastError, formatBackupDate(state.lastError.at))}
            </Alert>
          )}
          {state.nextBackupAt !== null && (
            <Text size="xs" c="dimmed" data-testid="backup-next">
              Next automatic backup: {formatBackupDate(state.nextBackupAt)} (while the app is unlocked).
            </Text>
          )}
          {state.backups.length === 0 ? (
            <Text size="sm" data-testid="backup-empty">
              No backups yet.
            </Text>
          ) : (
            <Table striped aria-label="Backups" data-testid="backup-list">
              <TableHead columns={['Made', 'Kind', 'Size', '']} />
              <Table.Tbody>
                {state.backups.map((b) => (
                  <Table.Tr key={b.fileName} data-testid="backup-row">
                    <Table.Td>{formatBackupDate(b.createdAt)}</Table.Td>
                    <Table.Td>{KIND_LABELS[b.kind]}</Table.Td>
                    <Table.Td>{formatBytes(b.bytes)}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="default" onClick={() => setRestoring(b)} data-testid="backup-restore">
                        Restore…
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed">
            Folder: <Code>{state.folder}</Code>
          </Text>
        </>
      )}
      <RestoreModal backup={restoring} onClose={() => setRestoring(null)} onRestored={restored} />
      <Title order={3} size="h5">
        Recovery code
      </Title>
      <NewRecoveryCodeForm />
    </Stack>
  );
}
