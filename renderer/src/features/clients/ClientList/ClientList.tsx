import { Button, Container, EmptyState, Group, Loader, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { navigate } from '../../../app/use-route.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { optionsFrom, SORT_LABELS, type ClientSort } from '../../../lib/labels.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useCall } from '../../../lib/query.ts';
import { ClientFormModal } from '../ClientForm/ClientFormModal.tsx';
import { ClientTable, ClientTableSkeleton } from './ClientRows.tsx';
import { OverdueFollowUps } from '../../visits/OverdueFollowUps/OverdueFollowUps.tsx';

const SEARCH_DEBOUNCE_MS = 250;

/** The practice's clients: search, sort, archived switch, and the way to a new client. */
export function ClientList(): React.JSX.Element {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<ClientSort>('name');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const notify = useNotify();
  const debounced = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);

  // While a new search loads, the last list stays (marked as updating) so it does not flash.
  const query = useCall('clients.list', { search: debounced, sort, includeArchived }, { keepPrevious: true });
  const clients = query.data;

  let body: React.JSX.Element;
  if (query.error) {
    body = <ErrorAlert title="Could not load the clients" error={query.error} onRetry={query.reload} />;
  } else if (!clients || (query.previous && clients.length === 0)) {
    // (An empty list that answers the last search says nothing about this one.)
    body = <ClientTableSkeleton />;
  } else if (clients.length === 0 && debounced === '') {
    body = (
      <EmptyState
        title="No clients yet"
        description={
          includeArchived
            ? 'Add your first client to record their profile and see their personal targets.'
            : 'Add a client to record their profile and see their personal targets. Archived clients are hidden; turn on “Show archived” to see them.'
        }
        data-testid="clients-empty"
      >
        <EmptyState.Actions>
          <Button onClick={() => setCreating(true)} data-testid="clients-empty-new">
            Add a client
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (clients.length === 0) {
    body = (
      <EmptyState
        title={`No client matches “${debounced}”`}
        description="Check the spelling, or search by another part of the name, a tag or the e-mail address."
        data-testid="clients-no-match"
      />
    );
  } else {
    body = <ClientTable clients={clients} />;
  }

  return (
    <Container size="xl" px={0}>
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={1} size="h2">
              Clients
            </Title>
            {query.loading && clients && <Loader size="xs" aria-label="Updating the list" />}
          </Group>
          <Button onClick={() => setCreating(true)} data-testid="client-new">
            New client
          </Button>
        </Group>
        <OverdueFollowUps />
        <Group align="flex-end" gap="md">
          <TextInput
            label="Search"
            placeholder="Name, tag or e-mail"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="clients-search"
            style={{ flex: '1 1 240px' }}
          />
          <ChoiceSelect<ClientSort>
            label="Sort by"
            data={optionsFrom(SORT_LABELS)}
            value={sort}
            onChange={(v) => v && setSort(v)}
            data-testid="clients-sort"
            w={180}
          />
          <Switch
            label="Show archived"
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
            data-testid="clients-show-archived"
            mb={8}
          />
        </Group>
        {body}
      </Stack>
      <ClientFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(client) => {
          setCreating(false);
          notify({ message: `${client.name} was added.` });
          navigate({ name: 'client', id: client.id });
        }}
      />
    </Container>
  );
}
