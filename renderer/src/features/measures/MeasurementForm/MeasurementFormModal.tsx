import { NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Measurement, MeasurementInput, MeasureKind, MeasureKindInfo } from '@contract/measures.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { ApiError } from '../../../lib/api.ts';
import { fieldErrorsFor } from '../../../lib/errors.ts';
import { todayIso } from '../../../lib/format.ts';
import { useMutation } from '../../../lib/query.ts';
import { MEASURE_DATA } from '../../../lib/use-query-events.ts';
import { useFormSave } from '../../../lib/use-form-save.ts';
import type { NumberField } from '../../foods/custom-food-values.ts';
import { displayUnit, type UnitSystem } from '../measure-text.ts';

interface MeasurementFormModalProps {
  clientId: string;
  kinds: readonly MeasureKindInfo[];
  units: UnitSystem;
  /** The reading edited; null: a new one. */
  reading: Measurement | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (saved: Measurement) => void;
}

/** Adds or edits one reading: kind, value(s) and unit, date, method (body fat), note. */
export function MeasurementFormModal(props: MeasurementFormModalProps): React.JSX.Element {
  const { reading, opened, onClose } = props;
  return (
    <AppModal opened={opened} onClose={onClose} title={reading ? 'Edit reading' : 'Add a reading'} size="lg">
      {opened && <MeasurementForm key={reading?.id ?? 'new'} {...props} />}
    </AppModal>
  );
}

const CUSTOM_LABEL = 'Other (name it and give its unit)';
const FIELDS = ['kind', 'customName', 'value', 'value2', 'unit', 'date', 'method', 'note'];

/** The unit a new reading of a kind starts in: the Settings system for weight and lengths, else the canonical. */
function defaultUnit(info: MeasureKindInfo | undefined, units: UnitSystem): string {
  if (!info) return '';
  const preferred = displayUnit(info.kind, info.unit, units);
  return info.units.some((u) => u.unit === preferred) ? preferred : info.unit;
}

const refusal = (field: string, message: string): ApiError =>
  new ApiError('invalid-input', message, { [field]: message });

function MeasurementForm({
  clientId,
  kinds,
  units,
  reading,
  onClose,
  onSaved,
}: MeasurementFormModalProps): React.JSX.Element {
  const [kind, setKind] = useState<MeasureKind>(reading?.kind ?? 'weight');
  const info = kinds.find((k) => k.kind === kind);
  const [customName, setCustomName] = useState(reading?.customName ?? '');
  const [value, setValue] = useState<NumberField>(reading?.enteredValue ?? '');
  const [value2, setValue2] = useState<NumberField>(reading?.enteredValue2 ?? '');
  const [unit, setUnit] = useState(reading?.unit ?? defaultUnit(info, units));
  const [date, setDate] = useState(reading?.date ?? todayIso());
  const [method, setMethod] = useState(reading?.method ?? '');
  const [note, setNote] = useState(reading?.note ?? '');
  const add = useMutation('measures.add', { invalidates: MEASURE_DATA });
  const update = useMutation('measures.update', { invalidates: MEASURE_DATA });
  const state = useFormSave(onSaved, (error) => {
    const fields = fieldErrorsFor(error, reading ? 'measurement' : '');
    return { fields, shown: FIELDS };
  });

  const changeKind = (next: MeasureKind): void => {
    setKind(next);
    setUnit(
      next === 'custom'
        ? ''
        : defaultUnit(
            kinds.find((k) => k.kind === next),
            units,
          ),
    );
    setValue2('');
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const pair = info?.pair ?? null;
    void state.save(async () => {
      // An empty number field is named here; everything else is checked by the core.
      if (typeof value !== 'number')
        throw refusal('value', pair ? `Enter the ${pair.first} value.` : 'Enter the value.');
      if (pair && typeof value2 !== 'number') throw refusal('value2', `Enter the ${pair.second} value.`);
      const input: MeasurementInput = {
        clientId,
        kind,
        ...(kind === 'custom' ? { customName } : {}),
        value,
        ...(pair && typeof value2 === 'number' ? { value2 } : {}),
        unit,
        date,
        ...(info?.method && method.trim() ? { method } : {}),
        ...(note.trim() ? { note } : {}),
      };
      return reading ? update.run({ id: reading.id, measurement: input }) : add.run(input);
    });
  };

  const errors = state.errors;
  const pair = info?.pair ?? null;
  const unitChoices = info?.units.map((u) => u.unit) ?? [];
  const kindData = [...kinds.map((k) => ({ value: k.kind, label: k.label })), { value: 'custom', label: CUSTOM_LABEL }];
  return (
    <form onSubmit={submit} noValidate data-testid="measure-form">
      <Stack gap="sm">
        <NativeSelect
          label="Measurement"
          data={kindData}
          value={kind}
          onChange={(e) => changeKind(e.currentTarget.value as MeasureKind)}
          error={errors.kind}
          data-testid="measure-kind"
        />
        {kind === 'custom' && (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Name"
              required
              description="e.g. Grip strength"
              value={customName}
              onChange={(e) => setCustomName(e.currentTarget.value)}
              error={errors.customName}
              data-testid="measure-custom-name"
            />
            <TextInput
              label="Unit"
              required
              description="e.g. kg, cm, score"
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              error={errors.unit}
              data-testid="measure-custom-unit"
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={pair ? 3 : 2} spacing="sm">
          <NumberInput
            label={pair ? capitalise(pair.first) : 'Value'}
            required
            min={0}
            clampBehavior="none"
            decimalScale={4}
            value={value}
            onChange={setValue}
            error={errors.value}
            data-autofocus
            data-testid="measure-value"
          />
          {pair && (
            <NumberInput
              label={capitalise(pair.second)}
              required
              min={0}
              clampBehavior="none"
              decimalScale={4}
              value={value2}
              onChange={setValue2}
              error={errors.value2}
              data-testid="measure-value2"
            />
          )}
          {kind !== 'custom' && (
            <NativeSelect
              label="Unit"
              data={unitChoices}
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              error={errors.unit}
              data-testid="measure-unit"
            />
          )}
        </SimpleGrid>
        <TextInput
          label="Measured on"
          type="date"
          required
          max={todayIso()}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={errors.date}
          data-testid="measure-date"
        />
        {info?.method && (
          <TextInput
            label="Method"
            description="e.g. BIA, DXA, skinfolds"
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value)}
            error={errors.method}
            data-testid="measure-method"
          />
        )}
        <Textarea
          label="Note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-testid="measure-note"
        />
        <FormActions
          error={state.generalError}
          busy={state.saving}
          onCancel={onClose}
          confirmLabel={reading ? 'Save' : 'Add reading'}
          testIds={{ error: 'measure-form-error', cancel: 'measure-form-cancel', confirm: 'measure-form-save' }}
        />
      </Stack>
    </form>
  );
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
