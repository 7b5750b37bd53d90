import { Anchor, Button, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { NoteFormat, Visit } from '@contract/visits.ts';
import type { UnitSystem } from '../../measures/measure-text.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { TableHead } from '../../../components/TableHead/TableHead.tsx';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';
import { VisitEditor } from '../VisitEditor/VisitEditor.tsx';
import { dropVisitDraft, keptVisitDraft } from '../visit-drafts.ts';
import { durationText, firstLine, goalCountText, newestFirst, VISIT_TYPE_LABELS } from '../visit-text.ts';

const COLUMNS = ['Date', 'Type', { label: 'Duration', align: 'right' as const }, 'Note', 'Goals', 'Next follow-up'];

interface VisitsTabProps {
  clientId: string;
  /** The note format of a new visit (Settings); a saved visit keeps its own. */
  noteFormat: NoteFormat;
  /** Settings' unit system: a new goal's weight or length starts in it. */
  units?: UnitSystem;
}

/** A client's visits, newest first; one open in the editor, or a new one. */
export function VisitsTab({ clientId, noteFormat, units = 'metric' }: VisitsTabProps): React.JSX.Element {
  const notify = useNotify();
  const hideEnergy = useEnergyHidden();
  // Unsaved changes left in the editor when the practitioner went elsewhere reopen it as they were.
  const [kept, setKept] = useState(() => keptVisitDraft(clientId));
  // The visit in the editor: a saved one, 'new', or none (the list).
  const [open, setOpen] = useState<Visit | 'new' | null>(() => (kept ? (kept.visit ?? 'new') : null));
  const [deleting, setDeleting] = useState<Visit | null>(null);
  const query = useCall('visits.list', { clientId });
  const remove = useMutation('visits.delete', { invalidates: ['visits'] });

  const confirmDelete = (
    <ConfirmModal
      subject={deleting}
      onClose={() => setDeleting(null)}
      labels={{ title: 'Delete this visit?', confirm: 'Delete visit' }}
      onConfirm={async (visit) => {
        await remove.run({ id: visit.id });
        dropVisitDraft(clientId);
        setKept(undefined);
        setDeleting(null);
        setOpen(null);
        notify({ message: `The visit on ${formatIsoDate(visit.date)} was deleted.` });
      }}
      testIdPrefix="visit-delete"
    >
      <Text size="sm">
        The visit on {deleting ? formatIsoDate(deleting.date) : ''}, its note and its goals will be deleted. This cannot
        be undone.
      </Text>
    </ConfirmModal>
  );

  if (open !== null) {
    const visit = open === 'new' ? null : open;
    return (
      <>
        <VisitEditor
          key={visit ? `${visit.id}-${visit.updatedAt}` : 'new'}
          clientId={clientId}
          visit={visit}
          format={noteFormat}
          units={units}
          hideEnergy={hideEnergy}
          onClose={() => {
            setKept(undefined);
            setOpen(null);
          }}
          onSaved={(saved, created) => {
            setKept(undefined);
            notify({ message: `The visit on ${formatIsoDate(saved.date)} was ${created ? 'added' : 'saved'}.` });
            setOpen(saved);
          }}
          onDelete={setDeleting}
          kept={kept && (kept.visit?.id ?? null) === (visit?.id ?? null) ? kept : undefined}
        />
        {confirmDelete}
      </>
    );
  }

  const visits = query.data ? newestFirst(query.data) : undefined;
  return (
    <Stack gap="md" data-testid="visits-tab">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Visits
        </Title>
        <Button onClick={() => setOpen('new')} data-testid="visit-new">
          New visit
        </Button>
      </Group>
      <QueryPending query={query} errorTitle="Could not load the visits" loadingLabel="Loading the visits" />
      {visits && visits.length === 0 && (
        <EmptyState
          title="No visits yet"
          description="Record each consultation: a structured note, the goals agreed and the next follow-up."
          data-testid="visits-empty"
        />
      )}
      {visits && visits.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={6} highlightOnHover data-testid="visits-list">
            <TableHead columns={COLUMNS} />
            <Table.Tbody>
              {visits.map((v) => (
                <Table.Tr key={v.id} data-testid="visits-row" data-visit-id={v.id}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      fw={500}
                      onClick={() => setOpen(v)}
                      aria-label={`Open the visit on ${formatIsoDate(v.date)}`}
                      data-testid="visits-open"
                    >
                      {formatIsoDate(v.date)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td data-testid="visits-type">{VISIT_TYPE_LABELS[v.type]}</Table.Td>
                  <Table.Td ta="right">{durationText(v.durationMin)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} data-testid="visits-note">
                      {firstLine(v.note, hideEnergy) || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td data-testid="visits-goals">{goalCountText(v.goals.length)}</Table.Td>
                  <Table.Td data-testid="visits-next">{v.nextFollowUp ? formatIsoDate(v.nextFollowUp) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {confirmDelete}
    </Stack>
  );
}
