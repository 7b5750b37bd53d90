import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MealTemplate } from '@contract/log.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { InlineError } from '../../../components/InlineError/InlineError.tsx';
import { toApiError } from '../../../lib/errors.ts';
import { formatNumber } from '../../../lib/format.ts';
import { MEAL_LABELS } from '../../../lib/labels.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { LogTemplateForm, type LoggedTemplate } from './LogTemplateForm.tsx';

interface TemplatesModalProps {
  opened: boolean;
  clientId: string;
  /** The day shown in the log: where a template is logged unless another day is chosen. */
  date: string;
  onClose: () => void;
  onLogged: (logged: LoggedTemplate) => void;
}

/** "Bananas, raw — 1 medium" */
export function templateEntryText(e: MealTemplate['entries'][number]): string {
  return `${e.foodName} — ${e.amountText ?? `${formatNumber(e.grams, 1)} g`}${e.missing ? ' (deleted food)' : ''}`;
}

/** The client's meal templates: log one on a day and meal, rename, delete. */
export function TemplatesModal(props: TemplatesModalProps): React.JSX.Element {
  const [logging, setLogging] = useState<MealTemplate | null>(null);
  const close = (): void => {
    setLogging(null);
    props.onClose();
  };
  return (
    <AppModal
      opened={props.opened}
      onClose={close}
      title={logging ? `Log “${logging.name}”` : 'Meal templates'}
      size="lg"
    >
      {props.opened &&
        (logging ? (
          <LogTemplateForm
            key={logging.id}
            clientId={props.clientId}
            template={logging}
            date={props.date}
            onBack={() => setLogging(null)}
            onLogged={(logged) => {
              setLogging(null);
              props.onLogged(logged);
            }}
          />
        ) : (
          <TemplateList clientId={props.clientId} onLog={setLogging} />
        ))}
    </AppModal>
  );
}

function TemplateList({
  clientId,
  onLog,
}: {
  clientId: string;
  onLog: (template: MealTemplate) => void;
}): React.JSX.Element {
  const query = useCall('log.templates', { clientId });
  if (query.error && !query.data)
    return <ErrorAlert title="Could not load the templates" error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Text size="sm">Loading the templates…</Text>;
  if (query.data.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="log-templates-empty">
        No templates yet. Save a logged meal as a template from its menu (⋯ beside the meal’s name).
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="log-templates-list">
      {query.data.map((t) => (
        <TemplateCard key={t.id} template={t} onLog={() => onLog(t)} />
      ))}
    </Stack>
  );
}

function TemplateCard({ template, onLog }: { template: MealTemplate; onLog: () => void }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(template.name);
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation('log.renameTemplate', { invalidates: ['log.templates'] });
  const remove = useMutation('log.deleteTemplate', { invalidates: ['log.templates'] });
  const missing = template.entries.filter((e) => e.missing);
  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await work();
      setMode('view');
    } catch (e) {
      reportError(e);
      setError(toApiError(e).message);
    }
  };
  return (
    <Paper withBorder p="sm" data-testid="log-template" data-template-name={template.name}>
      <Stack gap={6}>
        {mode === 'rename' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() !== '') void run(() => rename.run({ id: template.id, name }));
            }}
            noValidate
          >
            <Group align="flex-end" gap="xs">
              <TextInput
                label="New name"
                value={name}
                maxLength={120}
                onChange={(e) => setName(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
                data-testid="log-template-rename-input"
              />
              <Button variant="default" onClick={() => setMode('view')} disabled={rename.pending}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={rename.pending}
                disabled={name.trim() === ''}
                data-testid="log-template-rename-save"
              >
                Rename
              </Button>
            </Group>
          </form>
        ) : (
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs">
              <Text fw={600} data-testid="log-template-title">
                {template.name}
              </Text>
              {template.meal && (
                <Badge size="sm" variant="light">
                  {MEAL_LABELS[template.meal]}
                </Badge>
              )}
            </Group>
            {mode === 'view' && (
              <Group gap={4} wrap="nowrap">
                <Button size="xs" onClick={onLog} disabled={missing.length > 0} data-testid="log-template-log">
                  Log…
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setMode('rename')}
                  aria-label={`Rename ${template.name}`}
                  data-testid="log-template-rename"
                >
                  Rename
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setMode('delete')}
                  aria-label={`Delete ${template.name}`}
                  data-testid="log-template-delete"
                >
                  Delete
                </Button>
              </Group>
            )}
          </Group>
        )}
        <Text size="sm" c="dimmed" data-testid="log-template-entries">
          {template.entries.map(templateEntryText).join(' · ')}
        </Text>
        {missing.length > 0 && (
          <Alert color="orange" variant="light" data-testid="log-template-missing">
            {missing.map((e) => e.foodName).join(', ')} {missing.length === 1 ? 'was' : 'were'} deleted from the foods,
            so this template cannot be logged. Log the meal again and save it as a new template, then delete this one.
          </Alert>
        )}
        {mode === 'delete' && (
          <Alert color="red" variant="light" data-testid="log-template-delete-confirm-box">
            <Stack gap="xs">
              <Text size="sm">
                Delete “{template.name}”? Entries already logged from it stay; the template cannot be brought back.
              </Text>
              <Group justify="flex-end" gap="xs">
                <Button variant="default" size="xs" onClick={() => setMode('view')} disabled={remove.pending}>
                  Cancel
                </Button>
                <Button
                  color="red"
                  size="xs"
                  loading={remove.pending}
                  onClick={() => void run(() => remove.run({ id: template.id }))}
                  data-testid="log-template-delete-confirm"
                >
                  Delete template
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <InlineError message={error} testId="log-template-error" />
      </Stack>
    </Paper>
  );
}
