import { MultiSelect, NumberInput, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Client } from '@contract/clients.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { SaveProblems } from '../../../components/SaveProblems/SaveProblems.tsx';
import { fieldErrorsFor, generalMessage, toApiError } from '../../../lib/errors.ts';
import {
  ACTIVITY_LABELS,
  CONDITION_LABELS,
  DIET_LABELS,
  EQUATION_LABELS,
  GOAL_LABELS,
  LIFE_STAGE_LABELS,
  optionsFrom,
  SEX_LABELS,
  type ActivityLevel,
  type DietPattern,
  type EnergyEquation,
  type Goal,
  type LifeStage,
  type Sex,
} from '../../../lib/labels.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import {
  clientInputFromValues,
  EMPTY_CLIENT_FORM,
  validateClientValues,
  valuesFromClient,
  type ClientFormValues,
} from '../client-form-values.ts';
import { useMutation } from '../../../lib/query.ts';
import { CLIENT_DATA } from '../../../lib/use-query-events.ts';

interface ClientFormProps {
  /** The client to edit; absent for a new client. */
  client?: Client;
  onSaved: (client: Client) => void;
  onCancel: () => void;
}

const SEX_OPTIONS: { value: Sex | 'unspecified'; label: string }[] = [
  ...optionsFrom(SEX_LABELS),
  { value: 'unspecified', label: 'Not specified' },
];
const TRIMESTERS = [
  { value: '1', label: 'Trimester 1' },
  { value: '2', label: 'Trimester 2' },
  { value: '3', label: 'Trimester 3' },
];

const CKD_STAGES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `Stage ${n}` }));

/** Create or edit a client. Client-side checks first, then the server's field messages beside each field. */
export function ClientForm({ client, onSaved, onCancel }: ClientFormProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [saving, setSaving] = useState(false);
  const [generalError, setGeneralError] = useState<string | null>(null);
  /** The core's sentence when the birth date looks implausible; "Save anyway" resends with confirm. */
  const [implausible, setImplausible] = useState<string | null>(null);
  const form = useForm<ClientFormValues>({
    mode: 'controlled',
    initialValues: client ? valuesFromClient(client) : EMPTY_CLIENT_FORM,
    validate: validateClientValues,
  });
  const { values } = form;

  const update = useMutation('clients.update', { invalidates: CLIENT_DATA });
  const create = useMutation('clients.create', { invalidates: ['clients'] });

  const save = async (formValues: ClientFormValues, confirm = false): Promise<void> => {
    setSaving(true);
    setGeneralError(null);
    setImplausible(null);
    const input = clientInputFromValues(formValues);
    try {
      const saved = client
        ? await update.run({ id: client.id, patch: input, confirm })
        : await create.run({ ...input, confirm });
      onSaved(saved);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      if (error.code === 'implausible') {
        setImplausible(error.message);
        setSaving(false);
        return;
      }
      const fields = fieldErrorsFor(error, client ? 'patch' : '');
      form.setErrors(fields);
      setGeneralError(generalMessage(error, fields, Object.keys(EMPTY_CLIENT_FORM)));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={form.onSubmit((v) => void save(v))} noValidate data-testid="client-form">
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus data-testid="field-name" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Birth date"
            type="date"
            data-testid="field-birthDate"
            {...form.getInputProps('birthDate')}
          />
          <ChoiceSelect<Sex | 'unspecified'>
            label="Sex"
            description="Selects the reference values"
            data={SEX_OPTIONS}
            data-testid="field-sex"
            {...form.getInputProps('sex')}
          />
          <NumberInput
            label="Height (cm)"
            min={40}
            max={250}
            clampBehavior="none"
            decimalScale={1}
            data-testid="field-heightCm"
            {...form.getInputProps('heightCm')}
          />
          <NumberInput
            label="Weight (kg)"
            min={2}
            max={400}
            clampBehavior="none"
            decimalScale={1}
            data-testid="field-weightKg"
            {...form.getInputProps('weightKg')}
          />
          <ChoiceSelect<ActivityLevel>
            label="Activity level"
            data={optionsFrom(ACTIVITY_LABELS)}
            data-testid="field-activityLevel"
            {...form.getInputProps('activityLevel')}
          />
          <ChoiceSelect<DietPattern>
            label="Diet pattern"
            data={optionsFrom(DIET_LABELS)}
            data-testid="field-dietPattern"
            {...form.getInputProps('dietPattern')}
          />
        </SimpleGrid>
        {values.sex === 'female' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <ChoiceSelect<LifeStage>
              label="Pregnancy or lactation"
              data={optionsFrom(LIFE_STAGE_LABELS)}
              data-testid="field-lifeStage"
              {...form.getInputProps('lifeStage')}
            />
            {values.lifeStage === 'pregnant' && (
              <ChoiceSelect
                label="Trimester"
                data={TRIMESTERS}
                data-testid="field-lifeStageDetail"
                value={values.lifeStageDetail === '' ? null : String(values.lifeStageDetail)}
                onChange={(v) => form.setFieldValue('lifeStageDetail', v === null ? '' : Number(v))}
                error={form.errors.lifeStageDetail}
              />
            )}
            {values.lifeStage === 'lactating' && (
              <NumberInput
                label="Months post-partum"
                min={1}
                max={24}
                allowDecimal={false}
                clampBehavior="none"
                data-testid="field-lifeStageDetail"
                {...form.getInputProps('lifeStageDetail')}
              />
            )}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ChoiceSelect<Goal>
            label="Goal"
            description="Weight loss or gain changes energy; sport changes protein"
            data={optionsFrom(GOAL_LABELS)}
            data-testid="field-goal"
            {...form.getInputProps('goal')}
          />
          {(values.goal === 'loss' || values.goal === 'gain') && (
            <NumberInput
              label="Rate (kg per week)"
              description="0.1 to 1.0; empty for 0.5"
              min={0.1}
              max={1}
              step={0.1}
              decimalScale={2}
              clampBehavior="none"
              data-testid="field-goalRateKgWeek"
              {...form.getInputProps('goalRateKgWeek')}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            label="Medical conditions"
            description="As diagnosed by the client's doctor; targets show suggestions and notes"
            data={optionsFrom(CONDITION_LABELS)}
            placeholder={values.conditions.length === 0 ? 'None recorded' : undefined}
            searchable
            clearable
            data-testid="field-conditions"
            {...form.getInputProps('conditions')}
          />
          {values.conditions.includes('chronic-kidney-disease') && (
            <ChoiceSelect
              label="CKD stage"
              description="Needed for the kidney-disease suggestions"
              data={CKD_STAGES}
              data-testid="field-ckdStage"
              value={values.ckdStage === '' ? null : String(values.ckdStage)}
              onChange={(v) => form.setFieldValue('ckdStage', v === null ? '' : Number(v))}
              error={form.errors.ckdStage}
            />
          )}
        </SimpleGrid>
        <TagsInput
          label="Allergies and intolerances"
          description="Press Enter after each one"
          data-testid="field-allergies"
          {...form.getInputProps('allergies')}
        />
        <TagsInput
          label="Tags"
          description="Press Enter after each one"
          data-testid="field-tags"
          {...form.getInputProps('tags')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="E-mail" type="email" data-testid="field-email" {...form.getInputProps('email')} />
          <TextInput label="Phone" type="tel" data-testid="field-phone" {...form.getInputProps('phone')} />
        </SimpleGrid>
        <ChoiceSelect<EnergyEquation>
          label="Energy equation"
          data={optionsFrom(EQUATION_LABELS)}
          data-testid="field-energyEquation"
          {...form.getInputProps('energyEquation')}
        />
        <Switch
          label="Eating-disorder-sensitive care"
          description="Hides calorie-focused recommendations and the calorie numbers in recommendations"
          data-testid="field-edSensitive"
          {...form.getInputProps('edSensitive', { type: 'checkbox' })}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={3}
          maxRows={10}
          data-testid="field-notes"
          {...form.getInputProps('notes')}
        />
        <SaveProblems
          messages={[]}
          implausible={implausible}
          saving={saving}
          onSaveAnyway={() => void save(form.getValues(), true)}
          implausibleTitle="Please check this client"
          correctHint="or correct the birth date and save again."
          testIds={{ error: 'client-error', implausible: 'client-implausible', saveAnyway: 'client-save-anyway' }}
        />
        <FormActions
          error={generalError}
          busy={saving}
          onCancel={onCancel}
          confirmLabel={client ? 'Save changes' : 'Create client'}
          testIds={{ error: 'form-error', cancel: 'client-cancel', confirm: 'client-save' }}
        />
      </Stack>
    </form>
  );
}
