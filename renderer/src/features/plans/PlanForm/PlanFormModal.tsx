import { NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Plan, PlanSlot } from '@contract/plans.ts';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { fieldErrorsFor } from '../../../lib/errors.ts';
import { todayIso } from '../../../lib/format.ts';
import { useMutation } from '../../../lib/query.ts';
import { useFormSave } from '../../../lib/use-form-save.ts';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { MAX_DAYS, NEW_PLAN_SLOTS } from '../plan-text.ts';
import { SlotsFields } from './SlotsFields.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface PlanFormModalProps {
  clientId: string;
  /** The plan whose settings are edited; null: a new plan. */
  plan: Plan | null;
  opened: boolean;
  /** Eating-disorder-sensitive care: the handout never prints figures, so the choice is not offered. */
  numbersHidden: boolean;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
}

/** A new plan, or a plan's settings: name, start date, number of days (1–28), meal slots. */
export function PlanFormModal(props: PlanFormModalProps): React.JSX.Element {
  const { plan, opened, onClose } = props;
  return (
    <AppModal opened={opened} onClose={onClose} title={plan ? 'Plan settings' : 'New meal plan'} size="lg">
      {opened && <PlanForm key={plan?.id ?? 'new'} {...props} />}
    </AppModal>
  );
}

function PlanForm({ clientId, plan, numbersHidden, onClose, onSaved }: PlanFormModalProps): React.JSX.Element {
  const [name, setName] = useState(plan?.name ?? '');
  const [startDate, setStartDate] = useState(plan?.startDate ?? todayIso());
  const [days, setDays] = useState<NumberField>(plan?.days ?? 7);
  const [slots, setSlots] = useState<PlanSlot[]>(plan?.slots ?? [...NEW_PLAN_SLOTS]);
  const [showNumbers, setShowNumbers] = useState(plan?.showNumbers ?? true);
  const create = useMutation('plans.create', { invalidates: ['plans'] });
  const update = useMutation('plans.update', { invalidates: ['plans'] });
  const usedKeys = [...new Set(plan?.entries.map((e) => e.slot) ?? [])];
  const state = useFormSave(onSaved, (error) => {
    const fields = fieldErrorsFor(error, plan ? 'changes' : '');
    return { fields, shown: Object.keys(fields).filter((k) => /^(name|startDate|days|slots(\.\d+\.\w+)?)$/.test(k)) };
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const fields = {
      name,
      startDate,
      days: numberOrNull(days) ?? 0,
      slots,
      showNumbers: numbersHidden ? false : showNumbers,
    };
    void state.save(() =>
      plan ? update.run({ planId: plan.id, changes: fields }) : create.run({ clientId, ...fields }),
    );
  };

  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate data-testid="plan-form">
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
          data-testid="plan-name"
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Starts on"
            type="date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.currentTarget.value)}
            error={errors.startDate}
            data-testid="plan-start"
          />
          <NumberInput
            label="Days"
            description={`1 to ${MAX_DAYS}`}
            min={1}
            max={MAX_DAYS}
            clampBehavior="none"
            allowDecimal={false}
            value={days}
            onChange={setDays}
            error={errors.days}
            data-testid="plan-days"
          />
        </SimpleGrid>
        <SlotsFields slots={slots} onChange={setSlots} errors={errors} lockedKeys={usedKeys} />
        {!numbersHidden && (
          <Switch
            label="Print energy and nutrient amounts on the handout"
            checked={showNumbers}
            onChange={(e) => setShowNumbers(e.currentTarget.checked)}
            data-testid="plan-show-numbers"
          />
        )}
        <FormActions
          error={state.generalError}
          busy={state.saving}
          onCancel={onClose}
          confirmLabel={plan ? 'Save' : 'Create plan'}
          testIds={{ error: 'plan-form-error', cancel: 'plan-form-cancel', confirm: 'plan-form-save' }}
        />
      </Stack>
    </form>
  );
}
