import { Button, Checkbox, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract/index.ts';
import type { SessionStatus } from '@contract/session.ts';
import { call, onEvent } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { PassphraseField } from '../../components/PassphraseField/PassphraseField.tsx';
import { InlineError } from '../../components/InlineError/InlineError.tsx';
import { TableHead } from '../../components/TableHead/TableHead.tsx';
import { LinkButton } from '../../components/LinkButton/LinkButton.tsx';
import { GateCard } from '../GateCard/GateCard.tsx';
import { RecoveryCodeField } from '../RecoveryCode/RecoveryCodeField.tsx';

type DamageState = MethodOutput<'damage.status'>;
type Salvage = MethodOutput<'damage.salvage'>;
type Choice = 'salvage' | 'backup' | 'backup-and-salvage' | 'empty';

/** Readable names for the tables a practitioner knows; others show as stored. */
const TABLE_LABELS: Record<string, string> = {
  clients: 'Clients',
  events: 'Log entries (food, activity, sleep)',
  meal_photos: 'Meal photos',
  client_targets: 'Target overrides',
  recommendations: 'Recommendations',
  audit_log: 'Audit log',
  foods: 'Foods (bundled, imported, custom)',
  food_portions: 'Food portions',
  recipe_ingredients: 'Recipe ingredients',
  settings: 'Settings',
};

const when = (ms: number): string => new Date(ms).toLocaleString();

interface DamagedScreenProps {
  status: SessionStatus;
  onDone: (status: SessionStatus) => void;
}

/**
 * Shown instead of the unlock screen while the database is marked damaged. Says what happened and
 * offers the three ways out (salvage, restore a backup, both), plus an empty database only as an
 * explicit choice. Nothing is replaced before the practitioner picks one; the damaged file is kept.
 */
export function DamagedScreen({ status, onDone }: DamagedScreenProps): React.JSX.Element {
  const [state, setState] = useState<DamageState | null>(null);
  const [secret, setSecret] = useState('');
  const [useCode, setUseCode] = useState(false);
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const [busy, setBusy] = useState<null | 'salvage' | Choice>(null);
  const [progress, setProgress] = useState<{ table: string; done: number; total: number } | null>(null);
  const [report, setReport] = useState<Salvage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);

  useEffect(() => {
    call('damage.status').then(
      (s) => {
        setState(s);
        if (s.salvage) setReport(s.salvage);
      },
      (e: unknown) => setError(toApiError(e).message),
    );
  }, []);
  useEffect(() => onEvent('salvage.progress', setProgress), []);

  const secretInput = (): { passphrase: string } | { recoveryCode: string } | null => {
    if (!secret) {
      setError(useCode ? 'Enter your recovery code.' : 'Enter your passphrase.');
      return null;
    }
    return useCode ? { recoveryCode: secret } : { passphrase: secret };
  };

  const salvage = async (): Promise<void> => {
    setError(null);
    const s = secretInput();
    if (!s) return;
    setBusy('salvage');
    setProgress(null);
    try {
      setReport(await call('damage.salvage', s));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const resolve = async (choice: Choice): Promise<void> => {
    setError(null);
    const s = secretInput();
    if (!s) return;
    setBusy(choice);
    try {
      const result = await call('damage.resolve', {
        choice,
        secret: s,
        backup: 'latest',
        ...(backupPassphrase ? { backupPassphrase } : {}),
      });
      onDone(result.status);
    } catch (e) {
      setError(toApiError(e).message);
      setBusy(null);
    }
  };

  const damage = status.damage ?? state?.damage ?? null;
  const latest = state?.backups.find((b) => b.kind !== 'pre-restore') ?? state?.backups[0] ?? null;

  return (
    <GateCard title="The database file is damaged" maw={720} dataDir={status.dataDir} testId="damaged-screen">
      <Text>
        Part of the encrypted database does not read back
        {damage ? ` (found ${when(damage.detectedAt)}: ${damage.detail})` : ''}. This is damage to the file (for example
        from a failing disk or an interrupted copy), not a wrong passphrase. Nothing has been changed or deleted, and no
        new database has been started.
      </Text>
      <Text>You can choose what replaces it. The damaged file is kept aside in every case:</Text>
      <Stack gap={4} component="ol" style={{ paddingLeft: '1.2em', margin: 0 }}>
        <Text component="li">
          <b>Salvage</b>: copy every record that still reads into a new database. Records on the damaged parts are lost;
          you see how many, table by table, before you decide.
        </Text>
        <Text component="li">
          <b>Restore the latest backup</b>
          {latest ? ` (made ${when(latest.createdAt)})` : ' (there is no backup in this data folder)'}: the data as it
          was then.
        </Text>
        <Text component="li">
          <b>Both</b>: restore the backup, then add the salvaged records that are newer than it.
        </Text>
      </Stack>

      {useCode ? (
        <RecoveryCodeField value={secret} onChange={setSecret} testId="damaged-recovery-code" />
      ) : (
        <PassphraseField
          label="Passphrase"
          description="Needed to read the damaged file and to open what replaces it."
          value={secret}
          onChange={setSecret}
          testId="damaged-passphrase"
        />
      )}
      {status.hasRecoveryCode && (
        <LinkButton onClick={() => setUseCode((v) => !v)}>
          {useCode ? 'Use the passphrase instead' : 'Forgot the passphrase? Use the recovery code'}
        </LinkButton>
      )}

      <InlineError message={error} testId="damaged-error" />

      {!report && (
        <Group>
          <Button onClick={() => void salvage()} loading={busy === 'salvage'} data-testid="damaged-salvage">
            Salvage readable records
          </Button>
          {latest && (
            <Button
              variant="default"
              onClick={() => void resolve('backup')}
              loading={busy === 'backup'}
              data-testid="damaged-restore"
            >
              Restore the latest backup
            </Button>
          )}
        </Group>
      )}
      {busy === 'salvage' && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">
            Salvaging{progress?.table ? `: ${TABLE_LABELS[progress.table] ?? progress.table}` : '…'}
          </Text>
          <Progress value={progress ? (100 * progress.done) / Math.max(1, progress.total) : 0} />
        </Stack>
      )}

      {report && (
        <Stack data-testid="damaged-report">
          <Title order={2} size="h4">
            What the salvage recovered
          </Title>
          <Text size="sm">
            {report.recovered.toLocaleString()} records recovered; about {report.lostEstimate.toLocaleString()} lost on
            damaged parts{report.tables.some((t) => t.tailLost) ? ', plus the end of the tables marked below' : ''}.
          </Text>
          <Table striped withTableBorder>
            <TableHead
              columns={['Table', { label: 'Recovered', align: 'right' }, { label: 'Lost (estimate)', align: 'right' }]}
            />
            <Table.Tbody>
              {report.tables
                .filter((t) => t.recovered > 0 || t.lostEstimate > 0 || t.tailLost || t.unreadable)
                .map((t) => (
                  <Table.Tr key={t.table}>
                    <Table.Td>{TABLE_LABELS[t.table] ?? t.table}</Table.Td>
                    <Table.Td ta="right">{t.recovered.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">
                      {t.unreadable
                        ? 'all (unreadable)'
                        : `${t.lostEstimate.toLocaleString()}${t.tailLost ? ' + the end of the table' : ''}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          {latest && (
            <PassphraseField
              label="Passphrase of the backup (only if it was different then)"
              autoComplete="off"
              value={backupPassphrase}
              onChange={setBackupPassphrase}
              testId="damaged-backup-passphrase"
            />
          )}
          <Group>
            <Button
              onClick={() => void resolve('salvage')}
              loading={busy === 'salvage'}
              data-testid="damaged-use-salvage"
            >
              Use the salvaged data
            </Button>
            {latest && (
              <>
                <Button variant="default" onClick={() => void resolve('backup')} loading={busy === 'backup'}>
                  Restore the latest backup instead
                </Button>
                <Button
                  variant="default"
                  onClick={() => void resolve('backup-and-salvage')}
                  loading={busy === 'backup-and-salvage'}
                  data-testid="damaged-both"
                >
                  Restore the backup and add newer salvaged records
                </Button>
              </>
            )}
          </Group>
        </Stack>
      )}

      <Stack gap="xs" mt="md">
        <Checkbox
          label="I understand: start with an empty database (the damaged file is kept aside, but none of its records will be in the app)"
          checked={confirmEmpty}
          onChange={(e) => setConfirmEmpty(e.currentTarget.checked)}
          data-testid="damaged-confirm-empty"
        />
        <Group>
          <Button
            color="red"
            variant="light"
            disabled={!confirmEmpty}
            onClick={() => void resolve('empty')}
            loading={busy === 'empty'}
            data-testid="damaged-empty"
          >
            Start with an empty database
          </Button>
        </Group>
      </Stack>
    </GateCard>
  );
}
