import { Alert, Button, Code, Container, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import type { RuleSummary } from '../../../lib/rule-types.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { DeleteRuleModal } from '../DeleteRuleModal/DeleteRuleModal.tsx';
import { RuleDetailView } from '../RuleDetail/RuleDetailView.tsx';
import { RuleEditor } from '../RuleEditor/RuleEditor.tsx';
import { RuleErrorList } from '../RuleErrorList/RuleErrorList.tsx';
import { RuleList } from '../RuleList/RuleList.tsx';
import { baseName, fileNameForRuleId, NEW_RULE_TEMPLATE, rulesCountText } from '../rules-text.ts';

/** What the right-hand side shows. */
type Pane =
  | { kind: 'none' }
  | { kind: 'rule'; id: string }
  | { kind: 'editor'; existingFileName: string | null; fileName: string; source: string; returnTo: string | null };

/**
 * The rule packs: built-in rules (read-only, can be switched off) and the practitioner's own rule
 * files, with their problems at the top, a detail view, an editor with live validation, and dry runs.
 */
export function RulesPage(): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const query = useCall('rules.list', {});
  const state = query.data;
  const setEnabled = useMutation('rules.setEnabled', {
    invalidates: ['rules.get', 'recommendations', 'reports'],
    updates: 'rules.list',
  });
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const [editorKey, setEditorKey] = useState(0);
  // A switch shows its new position at once (and is disabled) while the change is being saved.
  const [pending, setPending] = useState<{ id: string; enabled: boolean } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);

  const openEditor = (editor: Omit<Extract<Pane, { kind: 'editor' }>, 'kind'>): void => {
    setEditorKey((n) => n + 1);
    setPane({ kind: 'editor', ...editor });
  };

  const toggle = async (rule: RuleSummary, enabled: boolean): Promise<void> => {
    setPending({ id: rule.id, enabled });
    try {
      await setEnabled.run({ id: rule.id, enabled });
    } catch (e) {
      reportError(e);
      notify({ title: 'Not changed', message: toApiError(e).message, color: 'red' });
    } finally {
      setPending(null);
    }
  };

  const selectedId = pane.kind === 'rule' ? pane.id : null;
  let side: React.JSX.Element;
  if (pane.kind === 'rule') {
    side = (
      <RuleDetailView
        key={pane.id}
        id={pane.id}
        clientId={clientId}
        onClientChange={setClientId}
        onEdit={(rule) =>
          openEditor({
            existingFileName: baseName(rule.file),
            fileName: baseName(rule.file),
            source: rule.source,
            returnTo: rule.id,
          })
        }
        onCopy={(rule) =>
          openEditor({
            existingFileName: null,
            fileName: fileNameForRuleId(`${rule.id}-custom`),
            source: rule.source,
            returnTo: rule.id,
          })
        }
        onDelete={(rule) => setDeleting(baseName(rule.file))}
      />
    );
  } else if (pane.kind === 'editor') {
    side = (
      <RuleEditor
        key={editorKey}
        existingFileName={pane.existingFileName}
        initialFileName={pane.fileName}
        initialSource={pane.source}
        clientId={clientId}
        onClientChange={setClientId}
        onCancel={() => setPane(pane.returnTo ? { kind: 'rule', id: pane.returnTo } : { kind: 'none' })}
        onSaved={(ruleIds, fileName) => {
          notify({ message: `${fileName} was saved.` });
          const first = ruleIds[0];
          setPane(first ? { kind: 'rule', id: first } : { kind: 'none' });
        }}
      />
    );
  } else {
    side = (
      <Text size="sm" c="dimmed" data-testid="rule-none-selected">
        Choose a rule to see its condition and what it reads, and to try it on a client.
      </Text>
    );
  }

  let list: React.JSX.Element;
  if (!state) {
    list = query.error ? (
      <ErrorAlert title="Could not load the rules" error={query.error} onRetry={query.reload} />
    ) : (
      <Stack aria-busy="true" aria-label="Loading the rules" data-testid="rules-loading">
        <Skeleton height={56} />
        <Skeleton height={56} />
        <Skeleton height={56} />
      </Stack>
    );
  } else if (state.rules.length === 0) {
    list = (
      <Text size="sm" c="dimmed" data-testid="rules-empty">
        No rules are loaded. Add one with “New rule”.
      </Text>
    );
  } else {
    list = (
      <RuleList
        rules={
          pending ? state.rules.map((r) => (r.id === pending.id ? { ...r, enabled: pending.enabled } : r)) : state.rules
        }
        selectedId={selectedId}
        pendingId={pending?.id ?? null}
        onSelect={(id) => setPane({ kind: 'rule', id })}
        onToggle={(rule, enabled) => void toggle(rule, enabled)}
      />
    );
  }

  return (
    <Container size="xl" px={0} data-testid="page-rules">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1} size="h2">
              Rules
            </Title>
            <Text size="sm" c="dimmed">
              Rules turn each client’s recent log into recommendations.
              {state ? ` ${rulesCountText(state.rules)}.` : ''}
            </Text>
          </div>
          <Button
            onClick={() =>
              openEditor({ existingFileName: null, fileName: '', source: NEW_RULE_TEMPLATE, returnTo: selectedId })
            }
            data-testid="rule-new"
          >
            New rule
          </Button>
        </Group>
        {state && (
          <Text size="sm">
            Your rule files are kept in <Code data-testid="rules-user-dir">{state.userDir}</Code>
          </Text>
        )}
        {state && query.error && (
          <ErrorAlert title="Could not refresh the rules" error={query.error} onRetry={query.reload} />
        )}
        {state && state.errors.length > 0 && (
          <Alert color="red" variant="light" title="Some rule files have problems" data-testid="rule-errors">
            <Text size="sm" mb="xs">
              These rules are not used until their file is fixed; the other rules still run.
            </Text>
            <RuleErrorList errors={state.errors} testId="rule-error" />
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>{list}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>{side}</Grid.Col>
        </Grid>
      </Stack>
      <DeleteRuleModal
        fileName={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          notify({ message: `${deleting ?? 'The rule file'} was deleted.` });
          setDeleting(null);
          setPane({ kind: 'none' });
        }}
      />
    </Container>
  );
}
