import { Alert, Blockquote, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import type { ApiError } from '../../../lib/api.ts';
import { call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import type { DryRunResult } from '../../../lib/rule-types.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall } from '../../../lib/query.ts';
import { RuleErrorList } from '../RuleErrorList/RuleErrorList.tsx';
import { RuleValuesTable } from '../RuleValuesTable/RuleValuesTable.tsx';
import { dryRunOutcome, valueRows } from '../rules-text.ts';

/** What to evaluate: a saved rule by id, or the text in the editor. */
export type DryRunTarget = { ruleId: string } | { source: string };

interface DryRunPanelProps {
  target: DryRunTarget;
  clientId: string | null;
  onClientChange: (clientId: string | null) => void;
}

const OUTCOME_COLORS = { error: 'red', skipped: 'gray', fired: 'orange', quiet: 'teal' } as const;

function DryRunResultView({ result }: { result: DryRunResult }): React.JSX.Element {
  const outcome = dryRunOutcome(result);
  const rows = valueRows(result.variables);
  return (
    <Stack gap="sm" data-testid="dry-run-result" data-applies={result.applies} data-fired={String(result.fired)}>
      <Alert color={OUTCOME_COLORS[outcome.tone]} variant="light" role="status" data-testid="dry-run-outcome">
        {outcome.text}
      </Alert>
      {result.errors.length > 0 && <RuleErrorList errors={result.errors} testId="dry-run-error" />}
      {result.message && (
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {result.fired ? 'Message' : 'Message if it fired'}
          </Text>
          <Blockquote p="sm" mt={4} data-testid="dry-run-message">
            {result.message}
          </Blockquote>
        </div>
      )}
      {rows.length > 0 && (
        <RuleValuesTable
          rows={rows}
          headings={['Variable', 'Value']}
          caption="The values the rule reads, for this client today"
          testId="dry-run-variables"
          rowTestId="dry-run-variable"
        />
      )}
    </Stack>
  );
}

/** Evaluates a rule against one client without storing anything, and shows each value it read. */
export function DryRunPanel({ target, clientId, onClientChange }: DryRunPanelProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const clients = useCall('clients.list', {});
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fromEditor = 'source' in target;

  const run = async (id: string): Promise<void> => {
    setRunning(true);
    setError(null);
    try {
      const input =
        'source' in target ? { clientId: id, source: target.source } : { clientId: id, ruleId: target.ruleId };
      setResult(await call('rules.dryRun', input));
    } catch (e) {
      reportError(e);
      setError(toApiError(e));
      setResult(null);
    } finally {
      setRunning(false);
    }
  };

  const options = (clients.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Card withBorder padding="md" component="section" aria-label="Dry run" data-testid="rule-dry-run-panel">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5">
            Dry run
          </Title>
          <Text size="sm" c="dimmed">
            {fromEditor
              ? 'Tries the text in the editor (saved or not) on one client. Nothing is stored.'
              : 'Tries the saved rule on one client. Nothing is stored.'}
          </Text>
        </div>
        {clients.error && (
          <ErrorAlert title="Could not load the clients" error={clients.error} onRetry={clients.reload} />
        )}
        {clients.data && clients.data.length === 0 ? (
          <Text size="sm" data-testid="dry-run-no-clients">
            Add a client first to try a rule on their log.
          </Text>
        ) : (
          <Group align="flex-end" gap="sm">
            <ChoiceSelect
              label="Client"
              placeholder={clients.data ? 'Choose a client' : 'Loading clients…'}
              data={options}
              value={clientId}
              onChange={(v) => onClientChange(v)}
              disabled={!clients.data}
              style={{ flex: 1, minWidth: 200 }}
              data-testid="rule-dry-run-client"
            />
            <Button
              variant="light"
              onClick={() => clientId && void run(clientId)}
              disabled={!clientId}
              loading={running}
              data-testid="rule-dry-run"
            >
              {fromEditor ? 'Dry run the text' : 'Dry run'}
            </Button>
          </Group>
        )}
        {error && <ErrorAlert title="The dry run failed" error={error} testId="dry-run-failed" />}
        {result && <DryRunResultView result={result} />}
      </Stack>
    </Card>
  );
}
