import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MealTemplate } from '@contract/log.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { toApiError } from '../../../lib/errors.ts';
import { formatIsoDate } from '../../../lib/format.ts';
import type { Meal } from '../../../lib/labels.ts';
import { useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

interface SaveTemplateModalProps {
  /** The meal to save (null: the food entries without a meal); the dialog is open while there is one. */
  source: { meal: Meal | null; title: string } | null;
  clientId: string;
  date: string;
  onClose: () => void;
  onSaved: (template: MealTemplate) => void;
}

/** Saves the food entries of one meal as a template, to log them again in one go. */
export function SaveTemplateModal(props: SaveTemplateModalProps): React.JSX.Element {
  const { source } = props;
  return (
    <AppModal opened={source !== null} onClose={props.onClose} title="Save meal as template">
      {source && <SaveTemplateForm key={`${props.date}-${source.meal}`} {...props} source={source} />}
    </AppModal>
  );
}

function SaveTemplateForm({
  source,
  clientId,
  date,
  onClose,
  onSaved,
}: SaveTemplateModalProps & { source: { meal: Meal | null; title: string } }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [name, setName] = useState(`Usual ${source.title.toLowerCase()}`);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation('log.saveTemplate', { invalidates: ['log.templates'] });
  const submit = async (): Promise<void> => {
    setError(null);
    try {
      onSaved(await save.run({ clientId, name, date, meal: source.meal }));
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    }
  };
  const blank = name.trim() === '';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!blank) void submit();
      }}
      noValidate
    >
      <Stack gap="sm" data-testid="log-save-template-dialog">
        <Text size="sm">
          The food entries of {source.title.toLowerCase()} on {formatIsoDate(date)} (food, amount and measure as typed,
          note) become a template for this client.
        </Text>
        <TextInput
          label="Template name"
          placeholder="e.g. Ana's usual breakfast"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.currentTarget.value)}
          error={blank ? 'Name the template.' : undefined}
          data-autofocus
          data-testid="log-template-name"
        />
        <InlineError message={error} testId="log-save-template-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.pending} disabled={blank} data-testid="log-save-template-confirm">
            Save template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
