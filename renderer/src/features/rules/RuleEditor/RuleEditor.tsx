import { Card, Group, Loader, ScrollArea, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { FormActions } from '../../../components/FormActions/FormActions.tsx';
import { toApiError } from '../../../lib/errors.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { DryRunPanel } from '../DryRun/DryRunPanel.tsx';
import { RuleErrorList } from '../RuleErrorList/RuleErrorList.tsx';
import { fileNameError, offsetOfLine, validationSummary } from '../rules-text.ts';

const VALIDATE_DELAY_MS = 350;
/** Validation needs a well-formed file name; until the field has one, the text is checked under this one. */
const PLACEHOLDER_FILE_NAME = 'new-rule.yaml';

interface RuleEditorProps {
  /** An existing user rule file keeps its name; a new one is named here. */
  existingFileName: string | null;
  initialFileName: string;
  initialSource: string;
  clientId: string | null;
  onClientChange: (clientId: string | null) => void;
  onSaved: (ruleIds: string[], fileName: string) => void;
  onCancel: () => void;
}

/**
 * A user rule file's text with live validation: the text is checked by the core as you type (after a
 * short pause), problems are listed above the text (where they stay in view) with line:column, the
 * offending line and a link that puts the cursor there, and Save waits for a clean check. Long lines
 * wrap. The text can be dry-run on a client before it is saved.
 */
export function RuleEditor({
  existingFileName,
  initialFileName,
  initialSource,
  clientId,
  onClientChange,
  onSaved,
  onCancel,
}: RuleEditorProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [fileName, setFileName] = useState(existingFileName ?? initialFileName);
  const [source, setSource] = useState(initialSource);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);

  const goTo = (line: number, column: number): void => {
    const box = editor.current;
    if (!box) return;
    const at = offsetOfLine(box.value, line, column);
    box.focus();
    box.setSelectionRange(at, at);
  };

  const nameProblem = fileNameError(fileName);
  const checkedName = nameProblem === null ? fileName.trim() : PLACEHOLDER_FILE_NAME;
  const debouncedSource = useDebounced(source, VALIDATE_DELAY_MS);
  const debouncedName = useDebounced(checkedName, VALIDATE_DELAY_MS);
  const validation = useCall('rules.validate', { fileName: debouncedName, source: debouncedSource });
  const saveRule = useMutation('rules.saveUserRule', {
    invalidates: ['rules.get', 'recommendations', 'reports'],
    updates: 'rules.list',
  });
  const typing = debouncedSource !== source || debouncedName !== checkedName;
  const checking = typing || validation.loading;
  const summary = validation.data ? validationSummary(validation.data) : null;
  const canSave = !checking && !validation.error && summary?.ok === true && nameProblem === null && !saving;

  const save = async (): Promise<void> => {
    if (!canSave || !validation.data) return;
    setSaving(true);
    setSaveError(null);
    try {
      const name = fileName.trim();
      const { ruleIds } = validation.data;
      await saveRule.run({ fileName: name, source });
      onSaved(ruleIds, name);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      setSaveError(error.fields.source ?? error.fields.fileName ?? error.message);
      setSaving(false);
    }
  };

  let status: React.JSX.Element;
  if (checking && !validation.data) {
    status = (
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text size="sm" c="dimmed">
          Checking…
        </Text>
      </Group>
    );
  } else if (summary) {
    status = (
      <Group gap="xs">
        <Text size="sm" c={summary.ok ? 'teal' : 'red'} fw={500}>
          {summary.text}
        </Text>
        {checking && <Loader size="xs" aria-label="Checking again" />}
      </Group>
    );
  } else {
    status = (
      <Text size="sm" c="dimmed">
        Not checked yet.
      </Text>
    );
  }

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" component="section" aria-label="Rule editor" data-testid="rule-editor-panel">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          noValidate
        >
          <Stack gap="sm">
            <Title order={2} size="h4">
              {existingFileName ? `Edit ${existingFileName}` : 'New rule'}
            </Title>
            <TextInput
              label="File name"
              description={
                existingFileName
                  ? 'The file in your rules folder (to rename it, save a copy under a new name and delete this one)'
                  : 'The file in your rules folder, e.g. low-iron.yaml'
              }
              value={fileName}
              onChange={(e) => setFileName(e.currentTarget.value)}
              error={fileName === '' ? undefined : nameProblem}
              readOnly={existingFileName !== null}
              required
              data-testid="rule-file-name"
            />
            <div
              role="status"
              aria-live="polite"
              data-testid="rule-editor-status"
              data-valid={summary?.ok === true && !checking}
            >
              {status}
            </div>
            {validation.error && (
              <ErrorAlert title="Could not check the rule" error={validation.error} onRetry={validation.reload} />
            )}
            {validation.data && validation.data.errors.length > 0 && (
              <ScrollArea.Autosize mah={240} type="auto">
                <RuleErrorList errors={validation.data.errors} testId="rule-editor-error" onGoTo={goTo} />
              </ScrollArea.Autosize>
            )}
            <Textarea
              label="Rule (YAML)"
              description="Checked as you type; problems show above with their line and column."
              ref={editor}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              rows={18}
              resize="vertical"
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              wrap="soft"
              styles={{
                input: {
                  fontFamily: 'var(--mantine-font-family-monospace)',
                  fontSize: 13,
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                },
              }}
              data-autofocus
              data-testid="rule-editor"
            />
            <FormActions
              error={saveError}
              busy={saving}
              onCancel={onCancel}
              confirmLabel="Save"
              confirmDisabled={!canSave}
              testIds={{ error: 'rule-save-error', cancel: 'rule-cancel', confirm: 'rule-save' }}
            />
          </Stack>
        </form>
      </Card>
      <DryRunPanel target={{ source }} clientId={clientId} onClientChange={onClientChange} />
    </Stack>
  );
}
