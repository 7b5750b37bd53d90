import {
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { NoteFormat, Visit, VisitSnapshot } from '@contract/visits.ts';
import type { UnitSystem } from '../../measures/measure-text.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { fieldErrorsFor } from '../../../lib/errors.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { useFormSave } from '../../../lib/use-form-save.ts';
import { withoutEnergyFigures } from '../../clients/energy-visibility.ts';
import {
  appendToSection,
  BOUNDS,
  draftOf,
  inputOf,
  isShownField,
  localProblems,
  NOTE_FORMAT_LABELS,
  newVisitDraft,
  sameDraft,
  SECTION_INFO,
  sectionsOf,
  sectionText,
  SNAPSHOT_SECTION,
  VISIT_TYPE_LABELS,
  VISIT_TYPE_LIST,
  withSection,
  type VisitDraft,
} from '../visit-text.ts';
import { dropVisitDraft, keepVisitDraft, type KeptDraft } from '../visit-drafts.ts';
import { GoalsEditor } from './GoalsEditor.tsx';
import { SnapshotPanel } from './SnapshotPanel.tsx';
import { VisitPdfExport } from './VisitPdfExport.tsx';

const TYPE_OPTIONS = VISIT_TYPE_LIST.map((t) => ({ value: t, label: VISIT_TYPE_LABELS[t] }));

interface VisitEditorProps {
  clientId: string;
  /** The visit being edited; null: a new one. */
  visit: Visit | null;
  /** A new visit's note format (Settings); a saved visit keeps its own. */
  format: NoteFormat;
  /** The client's views hide energy figures (eating-disorder-sensitive care). */
  hideEnergy: boolean;
  /** Leaves the editor (after asking, when there are unsaved changes). */
  onClose: () => void;
  onSaved: (visit: Visit, created: boolean) => void;
  /** Settings' unit system: a new goal's weight or length starts in it. */
  units?: UnitSystem;
  onDelete: (visit: Visit) => void;
  /** Unsaved changes to this visit kept from an earlier visit to the tab (see visit-drafts.ts). */
  kept?: KeptDraft | undefined;
}

/** One visit: when and what kind, the structured note, the snapshot, the goals and the next follow-up. */
export function VisitEditor(props: VisitEditorProps): React.JSX.Element {
  const { clientId, visit, hideEnergy } = props;
  const { kept } = props;
  const [initial] = useState<VisitDraft>(
    () => kept?.initial ?? (visit ? draftOf(visit) : newVisitDraft(props.format, todayIso())),
  );
  const [draft, setDraft] = useState<VisitDraft>(kept?.draft ?? initial);
  const [leaving, setLeaving] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const kinds = useCall('measures.kinds', {}, { staleTime: Infinity });
  const add = useMutation('visits.add', { invalidates: ['visits'] });
  const update = useMutation('visits.update', { invalidates: ['visits'] });
  const state = useFormSave<Visit>(
    (saved) => {
      dropVisitDraft(clientId);
      props.onSaved(saved, visit === null);
    },
    (error) => {
      const fields = fieldErrorsFor(error, visit ? 'visit' : '');
      return { fields, shown: Object.keys(fields).filter(isShownField) };
    },
  );
  const dirty = !sameDraft(initial, draft);
  // Unsaved changes outlive the editor (another tab, another screen) until saved or discarded.
  useEffect(() => {
    if (dirty) keepVisitDraft(clientId, { visit, initial, draft });
    else dropVisitDraft(clientId);
  }, [clientId, visit, initial, draft, dirty]);
  const errors = { ...state.errors, ...problems };
  const format = draft.note.format;
  const snapshotSection = SNAPSHOT_SECTION[format];
  const set = (patch: Partial<VisitDraft>): void => setDraft((d) => ({ ...d, ...patch }));

  const leave = (): void => (dirty ? setLeaving(true) : props.onClose());

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const input = inputOf(clientId, draft);
    const local = localProblems(input);
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    void state.save(() =>
      visit ? update.run({ id: visit.id, visit: input, expectedUpdatedAt: visit.updatedAt }) : add.run(input),
    );
  };

  const insertSnapshot = (snapshot: VisitSnapshot): void => {
    // The core leaves energy out for an eating-disorder-sensitive client; this keeps the screen to the same rule.
    const text = hideEnergy ? withoutEnergyFigures(snapshot.text) : snapshot.text;
    setDraft((d) => ({ ...d, note: appendToSection(d.note, snapshotSection, text) }));
  };

  const title = visit ? `Visit on ${formatIsoDate(visit.date)}` : 'New visit';
  return (
    <Stack gap="md" data-testid="visit-editor">
      <Group justify="space-between">
        <Anchor component="button" type="button" size="sm" onClick={leave} data-testid="visit-back">
          ← All visits
        </Anchor>
        {dirty && (
          <Text size="sm" c="dimmed" data-testid="visit-unsaved">
            {kept ? 'Unsaved changes (kept from before)' : 'Unsaved changes'}
          </Text>
        )}
      </Group>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={2} size="h4" data-testid="visit-title">
            {title}
          </Title>
          <Badge variant="light" data-testid="visit-format">
            {NOTE_FORMAT_LABELS[format]} note
          </Badge>
        </Group>
        {visit && (
          <Button color="red" variant="light" onClick={() => props.onDelete(visit)} data-testid="visit-delete">
            Delete visit
          </Button>
        )}
      </Group>
      <form onSubmit={submit} noValidate data-testid="visit-form" aria-label={title}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Date"
              type="date"
              required
              value={draft.date}
              onChange={(e) => set({ date: e.currentTarget.value })}
              error={errors.date}
              data-autofocus
              data-testid="visit-date"
            />
            <ChoiceSelect
              label="Type"
              required
              data={TYPE_OPTIONS}
              value={draft.type}
              onChange={(v) => v && set({ type: v })}
              error={errors.type}
              data-testid="visit-type"
            />
            <NumberInput
              label="Duration (minutes)"
              min={0}
              max={BOUNDS.durationMin}
              clampBehavior="none"
              allowDecimal={false}
              value={draft.durationMin}
              onChange={(v) => set({ durationMin: v })}
              error={errors.durationMin}
              data-testid="visit-duration"
            />
          </SimpleGrid>

          <Card withBorder padding="md">
            <Stack gap="sm" data-testid="visit-note">
              {sectionsOf(format).map((key) => {
                const info = SECTION_INFO[format][key] ?? { label: key, hint: '' };
                return (
                  <Textarea
                    key={key}
                    label={info.label}
                    description={info.hint}
                    // Sized by hand (Mantine's autosize listens for font loading, which the test DOM lacks).
                    rows={5}
                    resize="vertical"
                    maxLength={BOUNDS.section}
                    value={sectionText(draft.note, key)}
                    onChange={(e) => set({ note: withSection(draft.note, key, e.currentTarget.value) })}
                    error={errors[`note.${key}`]}
                    data-testid={`visit-section-${key}`}
                  />
                );
              })}
              <Divider />
              <SnapshotPanel
                clientId={clientId}
                date={draft.date}
                visitId={visit?.id}
                sectionLabel={SECTION_INFO[format][snapshotSection]?.label ?? snapshotSection}
                accepted={draft.acceptedRecommendationIds}
                onAcceptedChange={(ids) => set({ acceptedRecommendationIds: ids })}
                onInsert={insertSnapshot}
              />
            </Stack>
          </Card>

          <GoalsEditor
            goals={draft.goals}
            onChange={(goals) => set({ goals })}
            kinds={kinds.data}
            errors={errors}
            units={props.units ?? 'metric'}
          />

          <TextInput
            label="Next follow-up"
            description="The client shows as overdue on the Clients page once this date has passed without a visit."
            type="date"
            value={draft.nextFollowUp}
            min={draft.date || undefined}
            onChange={(e) => set({ nextFollowUp: e.currentTarget.value })}
            error={errors.nextFollowUp}
            w={{ base: '100%', sm: 320 }}
            data-testid="visit-next"
          />
          <FormActions
            error={Object.keys(problems).length > 0 ? 'Check the fields marked in red.' : state.generalError}
            busy={state.saving}
            onCancel={leave}
            confirmLabel={visit ? 'Save visit' : 'Add visit'}
            testIds={{ error: 'visit-form-error', cancel: 'visit-cancel', confirm: 'visit-save' }}
          />
        </Stack>
      </form>
      {visit && (
        <VisitPdfExport
          visitId={visit.id}
          disabledReason={dirty ? 'Save the changes first: the PDF prints the saved visit.' : null}
        />
      )}
      <ConfirmModal
        subject={leaving ? true : null}
        onClose={() => setLeaving(false)}
        labels={{ title: 'Discard the changes?', confirm: 'Discard changes', cancel: 'Keep editing' }}
        onConfirm={async () => {
          setLeaving(false);
          dropVisitDraft(clientId);
          props.onClose();
        }}
        testIdPrefix="visit-discard"
      >
        <Text size="sm">The changes to this visit have not been saved. Leaving now loses them.</Text>
      </ConfirmModal>
    </Stack>
  );
}
