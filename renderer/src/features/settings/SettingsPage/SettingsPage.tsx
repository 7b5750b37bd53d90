import {
  Button,
  Card,
  Code,
  Container,
  Group,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Settings } from '@contract/settings.ts';
import { useSettings } from '../../../app/settings-context.ts';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { useFailureNotice } from '../../../components/Notifications/use-failure-notice.ts';
import { LabelledSegments } from '../../../components/LabelledSegments/LabelledSegments.tsx';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { optionsFrom, THEME_LABELS, type Theme } from '../../../lib/labels.ts';
import { useSession } from '../../../lib/session-context.ts';
import { useCall } from '../../../lib/query.ts';
import { BrandingForm } from '../BrandingForm/BrandingForm.tsx';
import { BackupSection } from '../BackupSection/BackupSection.tsx';
import { ChangePassphraseForm } from '../ChangePassphraseForm/ChangePassphraseForm.tsx';
import { SyncSection } from '../SyncSection/SyncSection.tsx';
import { VisionSection } from '../VisionSection/VisionSection.tsx';
import { OFF_DISCLOSURE } from '../../barcodes/barcode-words.ts';
import { PractitionerField } from './PractitionerField.tsx';

const PROTECTION_LABELS = { passphrase: 'your passphrase', safeStorage: 'the operating system keychain' } as const;

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}): React.JSX.Element {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Idle minutes before the app locks by itself. */
const AUTO_LOCK_OPTIONS = [
  { value: '5', label: '5 minutes' },
  { value: '15', label: '15 minutes' },
  { value: '30', label: '30 minutes' },
  { value: '60', label: '1 hour' },
  { value: '0', label: 'Never' },
];

/** ADIME: the Nutrition Care Process's Assessment, Diagnosis, Intervention, Monitoring and Evaluation. */
const VISIT_FORMAT_OPTIONS = [
  { value: 'adime', label: 'ADIME' },
  { value: 'soap', label: 'SOAP' },
];

/** Stands in for a one-line setting until the settings have loaded. */
const CONTROL_PLACEHOLDER = <Skeleton height={36} width={320} />;

function isTheme(value: string): value is Theme {
  return Object.hasOwn(THEME_LABELS, value);
}

/** Appearance, practitioner, security (data folder, key protection, lock, passphrase) and version. */
export function SettingsPage(): React.JSX.Element {
  const { settings, update } = useSettings();
  const { status, setStatus } = useSession();
  const failed = useFailureNotice();
  const notify = useNotify();
  const [locking, setLocking] = useState(false);
  const info = useCall('app.info', {}, { staleTime: Infinity });

  const protection = status.keyProtection.map((p) => PROTECTION_LABELS[p]).join(' and ');
  const backend = status.safeStorageBackend ? ` (${status.safeStorageBackend})` : '';

  /** Saves one setting at once; a refusal comes back as a notice titled `failure`. */
  const saveNow = (patch: Partial<Settings>, failure: string): void => {
    update(patch).catch((e: unknown) => notify({ title: failure, message: toApiError(e).message, color: 'red' }));
  };

  const lock = async (): Promise<void> => {
    setLocking(true);
    try {
      setStatus(await call('session.lock'));
    } catch (e) {
      failed('Could not lock', e);
      setLocking(false);
    }
  };

  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Title order={1} size="h2">
          Settings
        </Title>
        <Section title="Appearance">
          {settings ? (
            <SegmentedControl
              aria-label="Colour scheme"
              data={optionsFrom(THEME_LABELS)}
              value={settings.theme}
              onChange={(v) => isTheme(v) && saveNow({ theme: v }, 'Theme not saved')}
              data-testid="settings-theme"
            />
          ) : (
            CONTROL_PLACEHOLDER
          )}
        </Section>
        <Section title="Eating-disorder-sensitive care" testId="settings-ed-care">
          {settings ? (
            <Switch
              label="Show energy figures to me on the dashboard, log and targets of these clients"
              description="Off (recommended): no screen of an eating-disorder-sensitive client shows an energy figure. Recommendations and reports never show one either way."
              checked={settings.edShowEnergyToMe}
              onChange={(e) => saveNow({ edShowEnergyToMe: e.currentTarget.checked }, 'Setting not saved')}
              data-testid="settings-ed-show-energy"
            />
          ) : (
            CONTROL_PLACEHOLDER
          )}
        </Section>
        <Section title="Visit notes" testId="settings-visit-notes">
          {settings ? (
            <LabelledSegments
              label="Visit note format"
              labelId="settings-visit-format-label"
              data={VISIT_FORMAT_OPTIONS}
              value={settings.visitNoteFormat}
              onChange={(v) =>
                (v === 'adime' || v === 'soap') && saveNow({ visitNoteFormat: v }, 'Note format not saved')
              }
              data-testid="settings-visit-format"
            >
              <Text size="xs" c="dimmed" mt={4}>
                The sections of a new visit&apos;s note. A visit already written keeps its own format.
              </Text>
            </LabelledSegments>
          ) : (
            CONTROL_PLACEHOLDER
          )}
        </Section>
        <Section title="Barcode lookup online" testId="settings-off">
          {settings ? (
            <Switch
              label="Look up barcodes not found on this computer in Open Food Facts"
              description={OFF_DISCLOSURE}
              checked={settings.openFoodFactsLookup}
              onChange={(e) => saveNow({ openFoodFactsLookup: e.currentTarget.checked }, 'Setting not saved')}
              data-testid="settings-off-lookup"
            />
          ) : (
            CONTROL_PLACEHOLDER
          )}
        </Section>
        <Section title="Practitioner and reports" testId="settings-branding">
          {settings ? (
            <Stack gap="lg">
              <PractitionerField saved={settings.practitionerName} />
              <BrandingForm saved={settings} />
            </Stack>
          ) : (
            <Stack gap="sm" aria-busy="true" aria-label="Loading the practitioner settings">
              <Skeleton height={60} />
              <Skeleton height={160} />
            </Stack>
          )}
        </Section>
        <Section title="Meal photo analysis">
          <VisionSection />
        </Section>
        <Section title="Sync">
          <SyncSection />
        </Section>
        <Section title="Backups" testId="settings-backup-section">
          <BackupSection />
        </Section>
        <Section title="Security">
          <Stack gap="sm">
            <div>
              <Text size="sm" fw={500}>
                Data folder
              </Text>
              <Code block data-testid="settings-data-dir">
                {status.dataDir}
              </Code>
            </div>
            <Text size="sm" data-testid="settings-key-protection">
              Client data is stored in one encrypted database; its key is protected by {protection || 'nothing yet'}
              {backend}.
            </Text>
            <Group align="flex-end" gap="md">
              <Button variant="default" onClick={() => void lock()} loading={locking} data-testid="lock-now">
                Lock now
              </Button>
              {settings ? (
                <Select
                  label="Lock by itself"
                  description="After this long without keyboard or mouse use"
                  data={AUTO_LOCK_OPTIONS}
                  value={String(settings.autoLockMinutes)}
                  onChange={(v) => v !== null && saveNow({ autoLockMinutes: Number(v) }, 'Automatic lock not changed')}
                  allowDeselect={false}
                  maw={260}
                  data-testid="settings-auto-lock"
                />
              ) : (
                CONTROL_PLACEHOLDER
              )}
            </Group>
            <Title order={3} size="h5" mt="sm">
              Change passphrase
            </Title>
            <ChangePassphraseForm />
          </Stack>
        </Section>
        <Section title="About">
          <Text size="sm" data-testid="settings-version">
            {info.data
              ? `${info.data.name} ${info.data.version} (${info.data.host === 'electron' ? 'desktop app' : `${info.data.host} host`})`
              : info.error
                ? info.error.message
                : 'Loading…'}
          </Text>
        </Section>
      </Stack>
    </Container>
  );
}
