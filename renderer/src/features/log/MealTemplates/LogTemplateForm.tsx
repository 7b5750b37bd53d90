import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { LogEntry, MealTemplate } from '@contract/log.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { isIsoDate } from '../../../lib/dates.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate, todayIso } from '../../../lib/format.ts';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import { AllergyReasonAlert } from '../AllergyWarning/AllergyReasonAlert.tsx';
import { useAllergyCheck } from '../use-allergy-check.ts';
import { templateEntryText } from './TemplatesModal.tsx';

type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [...optionsFrom(MEAL_LABELS), { value: 'none' as const, label: 'No meal' }];

export interface LoggedTemplate {
  name: string;
  date: string;
  entries: LogEntry[];
  warnings: string[];
}

interface LogTemplateFormProps {
  clientId: string;
  template: MealTemplate;
  date: string;
  onBack: () => void;
  onLogged: (logged: LoggedTemplate) => void;
}

/**
 * Logs every entry of a template on a day and meal at once. Foods the client is allergic to are named
 * before anything is written and need a reason (kept with each of those entries); an implausible day
 * needs a second click. The core checks both again and writes all entries or none.
 */
export function LogTemplateForm({ clientId, template, date: shownDate, onBack, onLogged }: LogTemplateFormProps) {
  const { reportError } = useSessionActions();
  const [date, setDate] = useState(shownDate);
  const [meal, setMeal] = useState<MealChoice>(template.meal ?? 'none');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const allergy = useAllergyCheck(
    clientId,
    template.entries.map((e) => e.foodId),
  );
  const conflicts = [...allergy.conflicts.values()];
  const needsReason = conflicts.length > 0 || error?.code === 'allergen-conflict';
  const implausible = error?.code === 'implausible';
  const logTemplate = useMutation('log.logTemplate', { invalidates: LOG_DATA });
  const future = isIsoDate(date) && date > todayIso();

  const submit = async (): Promise<void> => {
    try {
      const result = await logTemplate.run({
        id: template.id,
        date,
        meal: meal === 'none' ? null : meal,
        confirm: implausible,
        allergyConfirmation: needsReason ? { reason: reason.trim() } : null,
      });
      onLogged({ name: template.name, date, ...result });
    } catch (e) {
      reportError(e);
      const apiError = toApiError(e);
      if (apiError.code === 'allergen-conflict') allergy.recheck();
      setError({ code: apiError.code, message: apiError.message });
    }
  };

  return (
    <Stack gap="sm" data-testid="log-template-form">
      <Text size="sm" data-testid="log-template-form-entries">
        {template.entries.map(templateEntryText).join(' · ')}
      </Text>
      <Group grow align="flex-start">
        <TextInput
          label="Day"
          type="date"
          value={date}
          onChange={(e) => {
            setDate(e.currentTarget.value);
            if (error?.code === 'implausible') setError(null);
          }}
          data-testid="log-template-date"
        />
        <ChoiceSelect<MealChoice>
          label="Meal"
          data={MEAL_OPTIONS}
          value={meal}
          onChange={(v) => v && setMeal(v)}
          data-testid="log-template-meal"
        />
      </Group>
      {future && (
        <Alert color="yellow" variant="light" data-testid="log-template-future">
          {formatIsoDate(date)} is in the future. Entries are usually logged after the meal; log ahead only for a day
          the client has planned.
        </Alert>
      )}
      {needsReason && (
        <AllergyReasonAlert
          title="Allergy"
          message={
            conflicts.length > 0
              ? `${conflicts.map((c) => c.message).join(' ')} Check with the client before logging.`
              : (error?.message ?? '')
          }
          reasonLabel="Reason for logging despite the allergy"
          description="Kept with each of those entries and shown beside it."
          reason={reason}
          onReasonChange={setReason}
          testIds={{ alert: 'log-template-allergy', reason: 'log-template-allergy-reason' }}
        />
      )}
      {error && error.code !== 'allergen-conflict' && (
        <Alert color={implausible ? 'yellow' : 'red'} role="alert" data-testid="log-template-error">
          {error.message}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="subtle" onClick={onBack} disabled={logTemplate.pending}>
          ← Templates
        </Button>
        <Button
          onClick={() => void submit()}
          loading={logTemplate.pending}
          disabled={!isIsoDate(date) || allergy.checking || (needsReason && reason.trim() === '')}
          color={needsReason ? 'red' : undefined}
          data-testid="log-template-confirm"
        >
          {needsReason ? 'Log despite allergy' : implausible ? 'Log anyway' : `Log ${template.entries.length} entries`}
        </Button>
      </Group>
    </Stack>
  );
}
