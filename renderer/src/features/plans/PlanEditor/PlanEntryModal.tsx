import { Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PlanEntry } from '@contract/plans.ts';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { FoodChoiceFields } from '../../log/AmountFields/FoodChoiceFields.tsx';
import { useFoodAmount } from '../../log/AmountFields/use-food-amount.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

/** Where the entry goes: a new one in a day's meal (as an alternative to `altOf`), or an edit of `entry`. */
export type EntryTarget =
  | { kind: 'add'; day: number; slot: string; slotLabel: string; altOf: PlanEntry | null }
  | { kind: 'edit'; entry: PlanEntry };

export interface EntryValues {
  foodId: string;
  grams: number | null;
  amount: string | null;
  note: string | null;
}

interface PlanEntryModalProps {
  clientId: string;
  target: EntryTarget | null;
  onClose: () => void;
  /** Sends the entry; resolves false when the core refused it (the notice says why). */
  onSave: (target: EntryTarget, values: EntryValues) => Promise<boolean>;
}

function titleOf(target: EntryTarget | null): string {
  if (!target) return '';
  if (target.kind === 'edit') return `Edit ${target.entry.food.name}`;
  if (target.altOf) return `An alternative to ${target.altOf.food.name}`;
  return `Add food to day ${target.day}, ${target.slotLabel}`;
}

/** Adds a food to a plan's meal (or as an "or" alternative), or changes an entry's food, amount and note. */
export function PlanEntryModal({ clientId, target, onClose, onSave }: PlanEntryModalProps): React.JSX.Element {
  return (
    <AppModal opened={target !== null} onClose={onClose} title={titleOf(target)} size="lg">
      {target && (
        <EntryForm
          key={target.kind === 'edit' ? target.entry.id : `${target.day}-${target.slot}-${target.altOf?.id ?? ''}`}
          clientId={clientId}
          target={target}
          onClose={onClose}
          onSave={onSave}
        />
      )}
    </AppModal>
  );
}

function EntryForm({ clientId, target, onClose, onSave }: PlanEntryModalProps & { target: EntryTarget }) {
  const editing = target.kind === 'edit' ? target.entry : null;
  const amount = useFoodAmount(editing ? { food: editing.food, grams: editing.food.grams } : undefined);
  const hit = amount.hit;
  const [note, setNote] = useState(editing?.note ?? '');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!hit) {
      setProblem('Choose a food.');
      return;
    }
    const values = { foodId: hit.id, ...amount.payload(), note: note.trim() || null };
    if (values.grams === null && !values.amount) {
      setProblem('Enter the amount.');
      return;
    }
    setProblem(null);
    setSaving(true);
    const saved = await onSave(target, values);
    setSaving(false);
    if (saved) onClose();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="plan-entry-form">
      <Stack gap="sm">
        <FoodChoiceFields amount={amount} clientId={clientId} autoFocus={!editing} errors={{}} testIdPrefix="plan" />
        <TextInput
          label="Note"
          description="Optional, printed with the food on the handout"
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="plan-entry-note"
        />
        <FormActions
          error={problem}
          busy={saving}
          onCancel={onClose}
          confirmLabel={editing ? 'Save' : 'Add'}
          testIds={{ error: 'plan-entry-error', cancel: 'plan-entry-cancel', confirm: 'plan-entry-save' }}
        />
      </Stack>
    </form>
  );
}
