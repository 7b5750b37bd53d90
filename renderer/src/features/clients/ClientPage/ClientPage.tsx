import { EnergyVisibility, hidesEnergy } from '../energy-visibility.ts';
import { useSettings } from '../../../app/settings-context.ts';
import { Anchor, Badge, Button, Container, Group, Stack, Tabs, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Client } from '@contract/clients.ts';
import { formatRoute } from '../../../app/route.ts';
import { navigate } from '../../../app/use-route.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { RecordPending } from '../../../components/RecordPending/RecordPending.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import { todayIso } from '../../../lib/format.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { ChangesList } from '../../audit/ChangesList/ChangesList.tsx';
import { DashboardTab } from '../../dashboard/DashboardTab/DashboardTab.tsx';
import { ExportButton } from '../../log/ExportButton/ExportButton.tsx';
import { LogTab } from '../../log/LogTab/LogTab.tsx';
import { MeasurementsTab } from '../../measures/MeasurementsTab/MeasurementsTab.tsx';
import { PlansTab } from '../../plans/PlansTab/PlansTab.tsx';
import { addPhotoFiles } from '../../photos/photo-batch-store.ts';
import { PhotoDropZone } from '../../photos/PhotoDropZone/PhotoDropZone.tsx';
import { TargetsCard } from '../../targets/TargetsCard/TargetsCard.tsx';
import { ClientFormModal } from '../ClientForm/ClientFormModal.tsx';
import { IntakeFormButton, IntakeImportModal } from '../IntakeForm/IntakeForm.tsx';
import { DeleteClientModal } from '../DeleteClientModal/DeleteClientModal.tsx';
import { clearClientPageIntent, peekClientPageIntent } from '../client-page-intent.ts';
import { ProfileSummary } from '../ProfileSummary/ProfileSummary.tsx';
import { RecommendationsPanel } from '../../recommendations/RecommendationsPanel/RecommendationsPanel.tsx';
import { CLIENT_DATA } from '../../../lib/use-query-events.ts';
import { VisitsTab } from '../../visits/VisitsTab/VisitsTab.tsx';

type ClientTab = 'profile' | 'measurements' | 'log' | 'dashboard' | 'plans' | 'recommendations' | 'visits';
const CLIENT_TABS: readonly string[] = [
  'profile',
  'measurements',
  'log',
  'dashboard',
  'plans',
  'recommendations',
  'visits',
] satisfies ClientTab[];
const isClientTab = (v: string | null): v is ClientTab => v !== null && CLIENT_TABS.includes(v);

/** One client: profile and targets, measurements over time, the daily log, the dashboard, meal plans, visits, and the actions on the record. */
export function ClientPage({ id }: { id: string }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [importingIntake, setImportingIntake] = useState(false);
  // Another view may ask for a tab and day (the photos view's "Show in log").
  const [intent] = useState(() => peekClientPageIntent(id));
  useEffect(() => clearClientPageIntent(id), [id]);
  const { settings } = useSettings();
  const [tab, setTab] = useState<ClientTab>(intent?.tab ?? 'profile');
  // The day shared by the Log and Dashboard tabs, so switching tabs keeps it.
  const [day, setDay] = useState(() => intent?.date ?? todayIso());
  const query = useCall('clients.get', { id });
  const client = query.data;
  const setArchived = useMutation('clients.setArchived', { invalidates: CLIENT_DATA });

  const toggleArchive = async (current: Client): Promise<void> => {
    setArchiving(true);
    try {
      const saved = await setArchived.run({ id: current.id, archived: current.archivedAt === null });
      notify({ message: saved.archivedAt === null ? `${saved.name} is active again.` : `${saved.name} was archived.` });
    } catch (e) {
      reportError(e);
      notify({ title: 'Not changed', message: toApiError(e).message, color: 'red' });
    } finally {
      setArchiving(false);
    }
  };

  const back = (
    <Anchor
      href={formatRoute({ name: 'clients' })}
      size="sm"
      onClick={(e) => {
        e.preventDefault();
        navigate({ name: 'clients' });
      }}
      data-testid="client-back"
    >
      ← All clients
    </Anchor>
  );

  if (!client) {
    return (
      <Container size="xl" px={0}>
        <Stack>
          {back}
          <RecordPending
            query={query}
            noun="client"
            blocks={[{ height: 32, width: '40%' }, { height: 160 }, { height: 240 }]}
            testId="client-loading"
          />
        </Stack>
      </Container>
    );
  }

  const archived = client.archivedAt !== null;
  return (
    <Container size="xl" px={0}>
      <Stack gap="lg">
        {back}
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="client-name">
              {client.name}
            </Title>
            {archived && (
              <Badge color="gray" variant="outline" data-testid="client-archived-badge">
                Archived
              </Badge>
            )}
            {client.edSensitive && (
              <Badge
                color="violet"
                variant="light"
                title="Eating-disorder-sensitive care: calorie-focused recommendations and calorie numbers are hidden"
                data-testid="client-ed-badge"
              >
                ED-sensitive care
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <Button
              component="a"
              variant="default"
              href={formatRoute({ name: 'reports', clientId: client.id })}
              onClick={(e) => {
                e.preventDefault();
                navigate({ name: 'reports', clientId: client.id });
              }}
              data-testid="client-report"
            >
              Report
            </Button>
            <ExportButton clientId={client.id} />
            <IntakeFormButton clientId={client.id} />
            <Button variant="default" onClick={() => setImportingIntake(true)} data-testid="client-intake-import">
              Import intake form
            </Button>
            <Button variant="default" onClick={() => setEditing(true)} data-testid="client-edit">
              Edit
            </Button>
            <Button
              variant="default"
              onClick={() => void toggleArchive(client)}
              loading={archiving}
              data-testid="client-archive"
            >
              {archived ? 'Unarchive' : 'Archive'}
            </Button>
            <Button color="red" variant="light" onClick={() => setDeleting(true)} data-testid="client-delete">
              Delete
            </Button>
          </Group>
        </Group>
        {query.error && <ErrorAlert title="Could not refresh the client" error={query.error} onRetry={query.reload} />}
        <PhotoDropZone
          onFiles={(files) => {
            addPhotoFiles(client.id, files, reportError);
            navigate({ name: 'client-photos', id: client.id });
          }}
        />
        <EnergyVisibility hidden={hidesEnergy(client, settings)}>
          <Tabs value={tab} onChange={(v) => isClientTab(v) && setTab(v)} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="profile" data-testid="client-tab-profile">
                Profile &amp; targets
              </Tabs.Tab>
              <Tabs.Tab value="measurements" data-testid="client-tab-measurements">
                Measurements
              </Tabs.Tab>
              <Tabs.Tab value="log" data-testid="client-tab-log">
                Log
              </Tabs.Tab>
              <Tabs.Tab value="dashboard" data-testid="client-tab-dashboard">
                Dashboard
              </Tabs.Tab>
              <Tabs.Tab value="plans" data-testid="client-tab-plans">
                Plans
              </Tabs.Tab>
              <Tabs.Tab value="recommendations" data-testid="client-tab-recommendations">
                Recommendations
              </Tabs.Tab>
              <Tabs.Tab value="visits" data-testid="client-tab-visits">
                Visits
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="profile">
              <Stack gap="lg">
                <ProfileSummary client={client} />
                <TargetsCard clientId={client.id} />
                <ChangesList entityId={client.id} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="measurements">
              <MeasurementsWithGoals client={client} units={settings?.units ?? 'metric'} />
            </Tabs.Panel>
            <Tabs.Panel value="log">
              <LogTab
                clientId={client.id}
                date={day}
                onDateChange={setDay}
                onOpenPhotos={() => navigate({ name: 'client-photos', id: client.id })}
              />
            </Tabs.Panel>
            <Tabs.Panel value="dashboard">
              <DashboardTab clientId={client.id} date={day} onDateChange={setDay} />
            </Tabs.Panel>
            <Tabs.Panel value="plans">
              <PlansTab clientId={client.id} edSensitive={client.edSensitive} />
            </Tabs.Panel>
            <Tabs.Panel value="recommendations">
              <RecommendationsPanel client={client} />
            </Tabs.Panel>
            <Tabs.Panel value="visits">
              <VisitsTab
                clientId={client.id}
                noteFormat={settings?.visitNoteFormat ?? 'adime'}
                units={settings?.units ?? 'metric'}
              />
            </Tabs.Panel>
          </Tabs>
        </EnergyVisibility>
      </Stack>
      <IntakeImportModal clientId={client.id} opened={importingIntake} onClose={() => setImportingIntake(false)} />
      <ClientFormModal
        opened={editing}
        client={client}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          notify({ message: `${saved.name} was saved.` });
        }}
      />
      <DeleteClientModal
        client={client}
        opened={deleting}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          notify({ message: `${client.name} was deleted.` });
          navigate({ name: 'clients' });
        }}
      />
    </Container>
  );
}

/**
 * The Measurements tab with the goals agreed at the client's visits (the chart draws their lines) and
 * the date of the first visit (the change is counted from the reading in force that day).
 */
function MeasurementsWithGoals({
  client,
  units,
}: Pick<React.ComponentProps<typeof MeasurementsTab>, 'client' | 'units'>): React.JSX.Element {
  const goals = useCall('visits.goals', { clientId: client.id });
  const visits = useCall('visits.list', { clientId: client.id });
  // Visits are listed newest first: the last is the first consultation.
  const firstVisit = visits.data?.at(-1)?.date ?? null;
  return <MeasurementsTab client={client} units={units} goals={goals.data ?? []} firstVisit={firstVisit} />;
}
