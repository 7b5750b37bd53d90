import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Plan, PlanEntry } from '@contract/plans.ts';
import { ConfirmModal } from '../../../components/ConfirmModal/ConfirmModal.tsx';
import { RecordPending } from '../../../components/RecordPending/RecordPending.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import { useCall } from '../../../lib/query.ts';
import { useEnergyHidden } from '../../clients/energy-visibility.ts';
import { PlanFormModal } from '../PlanForm/PlanFormModal.tsx';
import { GenerateStatus } from '../PlanGenerate/GenerateStatus.tsx';
import { useGenerate, type GenerateScope } from '../PlanGenerate/use-generate.ts';
import { isServingLabel, noteText, planDate, slotLabel, statusText } from '../plan-text.ts';
import { usePlanChange } from '../use-plan-change.ts';
import { DayMenu } from './DayMenu.tsx';
import { DayPicker } from './DayPicker.tsx';
import type { EntryAction } from './EntryRow.tsx';
import { ExportPlanButton } from './ExportPlanButton.tsx';
import { NoteField } from './NoteField.tsx';
import { PlanEntryModal, type EntryTarget, type EntryValues } from './PlanEntryModal.tsx';
import { PlanTotals } from './PlanTotals.tsx';
import { SlotCard } from './SlotCard.tsx';
import { SwapModal } from './SwapModal.tsx';
import { VersionsMenu } from './VersionsMenu.tsx';

interface PlanEditorProps {
  planId: string;
  /** Opens another version of the plan (a new draft made by an edit, or one from the versions list). */
  onOpen: (planId: string) => void;
  onClose: () => void;
}

/** One plan version: its days a day at a time, each day's meals and their foods, totals, generation, send. */
export function PlanEditor({ planId, onOpen, onClose }: PlanEditorProps): React.JSX.Element {
  const query = useCall('plans.get', { planId });
  const plan = query.data;
  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onClose} data-testid="plan-back">
      ← All plans
    </Anchor>
  );
  if (!plan) {
    return (
      <Stack>
        {back}
        <RecordPending
          query={query}
          noun="plan"
          blocks={[{ height: 32, width: '40%' }, { height: 240 }]}
          testId="plan-loading"
        />
      </Stack>
    );
  }
  return (
    <Stack gap="md" data-testid="plan-editor">
      {back}
      {query.error && <ErrorAlert title="Could not refresh the plan" error={query.error} onRetry={query.reload} />}
      <LoadedPlan plan={plan} onOpen={onOpen} />
    </Stack>
  );
}

function LoadedPlan({ plan, onOpen }: { plan: Plan; onOpen: (planId: string) => void }): React.JSX.Element {
  const notify = useNotify();
  const [day, setDay] = useState(1);
  const [entryTarget, setEntryTarget] = useState<EntryTarget | null>(null);
  const [swapping, setSwapping] = useState<PlanEntry | null>(null);
  const [editing, setEditing] = useState(false);
  const [replacing, setReplacing] = useState<true | null>(null);
  const change = usePlanChange(plan, onOpen);
  const generation = useGenerate(plan.id, onOpen);
  const energyHidden = useEnergyHidden() || plan.numbersHidden;
  const busy = change.busy !== null || generation.running !== null;
  const shownDay = Math.min(day, plan.days);
  const ref = { planId: plan.id };

  const generate = (scope: GenerateScope, label: string): void => generation.start(scope, label);

  const saveEntry = async (target: EntryTarget, values: EntryValues): Promise<boolean> => {
    if (target.kind === 'edit') {
      const changes =
        values.grams !== null
          ? { foodId: values.foodId, grams: values.grams, note: values.note }
          : { foodId: values.foodId, amount: values.amount ?? '', note: values.note };
      return (await change.run('plans.updateEntry', { entryId: target.entry.id, changes })) !== null;
    }
    const input = { ...ref, day: target.day, slot: target.slot, altOf: target.altOf?.id ?? null, ...values };
    return (await change.run('plans.addEntry', input, { failTitle: 'Not added' })) !== null;
  };

  const onEntryAction = (action: EntryAction, entry: PlanEntry): void => {
    switch (action) {
      case 'edit':
        setEntryTarget({ kind: 'edit', entry });
        return;
      case 'alternative':
        setEntryTarget({
          kind: 'add',
          day: entry.day,
          slot: entry.slot,
          slotLabel: slotLabel(plan.slots, entry.slot),
          altOf: entry,
        });
        return;
      case 'swap':
        setSwapping(entry);
        return;
      case 'pin':
        void change.run('plans.updateEntry', { entryId: entry.id, changes: { pinned: !entry.pinned } });
        return;
      case 'remove':
        void change.run(
          'plans.removeEntry',
          { entryId: entry.id },
          { message: `${entry.food.name} was removed.`, failTitle: 'Not removed' },
        );
        return;
    }
  };

  const sent = plan.status === 'sent';
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} size="h3" data-testid="plan-title">
              {plan.name}
            </Title>
            <Badge color={sent ? 'teal' : 'gray'} variant="light" data-testid="plan-status">
              {statusText(plan)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {plan.days} {plan.days === 1 ? 'day' : 'days'} from {formatIsoDate(plan.startDate)}
            {sent ? ' · sent plans are frozen: a change makes a new draft version' : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => setEditing(true)} disabled={busy} data-testid="plan-settings">
            Settings
          </Button>
          <VersionsMenu planId={plan.id} onOpen={onOpen} />
          <ExportPlanButton planId={plan.id} />
          <Button
            onClick={() =>
              void change.run('plans.send', ref, {
                message: `Version ${plan.version} is sent and frozen; a later change makes a new draft.`,
                failTitle: 'Not sent',
              })
            }
            disabled={sent || busy}
            loading={change.busy === 'plans.send'}
            data-testid="plan-send"
          >
            {sent ? 'Sent' : 'Send'}
          </Button>
        </Group>
      </Group>
      <Group gap="xs" data-testid="plan-generate-actions">
        <Button
          onClick={() =>
            plan.entries.length > 0
              ? setReplacing(true)
              : generate({ kind: 'plan', keepExisting: false }, 'Generating the plan')
          }
          disabled={busy}
          data-testid="plan-generate"
        >
          Generate plan
        </Button>
        <Button
          variant="light"
          onClick={() => generate({ kind: 'plan', keepExisting: true }, 'Completing the plan')}
          disabled={busy}
          data-testid="plan-complete"
        >
          Complete my plan
        </Button>
      </Group>
      <GenerateStatus generation={generation} numbersHidden={plan.numbersHidden} />
      <Group justify="space-between" align="flex-end">
        <DayPicker
          days={plan.days}
          startDate={plan.startDate}
          entries={plan.entries}
          day={shownDay}
          onChange={setDay}
        />
        <Group gap="xs">
          <DayMenu
            label="Copy day to…"
            days={plan.days}
            from={shownDay}
            disabled={busy || !plan.entries.some((e) => e.day === shownDay)}
            loading={change.busy === 'plans.copyDay'}
            onPick={(to) =>
              void change.run(
                'plans.copyDay',
                { ...ref, from: shownDay, to },
                { message: `Day ${shownDay} was copied to day ${to}.` },
              )
            }
            testId="plan-copy-day"
          />
          {plan.days > 7 && (
            <Button
              variant="default"
              size="xs"
              disabled={busy}
              loading={change.busy === 'plans.repeatWeek'}
              onClick={() =>
                void change.run('plans.repeatWeek', ref, { message: 'Week 1 was repeated over the plan.' })
              }
              data-testid="plan-repeat-week"
            >
              Repeat week 1
            </Button>
          )}
          <Button
            variant="default"
            size="xs"
            disabled={busy}
            onClick={() => generate({ kind: 'day', day: shownDay }, `Regenerating day ${shownDay}`)}
            data-testid="plan-day-regenerate"
          >
            Regenerate this day
          </Button>
        </Group>
      </Group>
      <Title order={3} size="h4" data-testid="plan-day-title">
        Day {shownDay} · {formatIsoDate(planDate(plan.startDate, shownDay))}
      </Title>
      <NoteField
        label={`Note for day ${shownDay}`}
        value={noteText(plan, shownDay, null)}
        onSave={(text) => void change.run('plans.setNote', { ...ref, note: { day: shownDay, slot: null, text } })}
        disabled={busy}
        testId="plan-day-note"
        key={`day-note-${shownDay}`}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {plan.slots.map((slot) => (
          <SlotCard
            key={`${shownDay}-${slot.key}`}
            slot={slot}
            day={shownDay}
            days={plan.days}
            entries={plan.entries}
            note={noteText(plan, shownDay, slot.key)}
            energyHidden={energyHidden}
            busy={busy}
            onAdd={() =>
              setEntryTarget({ kind: 'add', day: shownDay, slot: slot.key, slotLabel: slot.label, altOf: null })
            }
            onEntryAction={onEntryAction}
            onCopyTo={(toDay) =>
              void change.run(
                'plans.copySlot',
                { ...ref, fromDay: shownDay, toDay, slot: slot.key },
                { message: `${slot.label} of day ${shownDay} was copied to day ${toDay}.` },
              )
            }
            onRegenerate={() =>
              generate({ kind: 'slot', day: shownDay, slot: slot.key }, `Regenerating ${slot.label} of day ${shownDay}`)
            }
            onNote={(text) =>
              void change.run('plans.setNote', { ...ref, note: { day: shownDay, slot: slot.key, text } })
            }
          />
        ))}
      </SimpleGrid>
      <PlanTotals plan={plan} day={shownDay} />
      <PlanEntryModal
        clientId={plan.clientId}
        target={entryTarget}
        onClose={() => setEntryTarget(null)}
        onSave={saveEntry}
      />
      <SwapModal
        entry={swapping}
        onClose={() => setSwapping(null)}
        onSwap={(entry, food) => {
          setSwapping(null);
          void change.run(
            'plans.updateEntry',
            {
              entryId: entry.id,
              // The serving the swap offered ("1 cup (28 g)") is kept with its grams, so the handout
              // prints the household measure rather than bare grams.
              changes: isServingLabel(food.amountLabel)
                ? { foodId: food.id, amount: food.amountLabel, grams: food.grams }
                : { foodId: food.id, grams: food.grams },
            },
            { message: `${entry.food.name} was swapped.` },
          );
        }}
      />
      <PlanFormModal
        clientId={plan.clientId}
        plan={plan}
        opened={editing}
        numbersHidden={plan.numbersHidden}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          if (saved.id !== plan.id) onOpen(saved.id);
          notify({ message: `${saved.name} was saved.` });
        }}
      />
      <ConfirmModal
        subject={replacing}
        onClose={() => setReplacing(null)}
        labels={{ title: 'Generate the whole plan?', confirm: 'Generate' }}
        onConfirm={async () => {
          setReplacing(null);
          generate({ kind: 'plan', keepExisting: false }, 'Generating the plan');
        }}
        testIdPrefix="plan-generate-confirm"
      >
        <Text size="sm">
          The generator replaces the foods that are not pinned. To keep what is planned and fill only the empty meals,
          use “Complete my plan”.
        </Text>
      </ConfirmModal>
    </>
  );
}
