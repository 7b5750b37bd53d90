import { Alert, Button, Card, EmptyState, Group, List, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Client } from '@contract/clients.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import type { EvaluateResult } from '../../../lib/rule-types.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { useCall, useMutation } from '../../../lib/query.ts';
import { RecommendationCard } from '../RecommendationCard/RecommendationCard.tsx';
import { EMPTY_SENTENCE, evaluateText, splitRecommendations } from '../recommendation-text.ts';

/**
 * The client's recommendations from the rules, in the core's ranked order. Listing evaluates the
 * rules on the current data first, so the cards always carry today's numbers; "Check now" does the
 * same and says what changed. The dismissed, resolved and expired ones are shown on request.
 */
export function RecommendationsPanel({ client }: { client: Client }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [showClosed, setShowClosed] = useState(false);
  const [checking, setChecking] = useState(false);
  const [ruleErrors, setRuleErrors] = useState<EvaluateResult['errors']>([]);
  // Listing evaluates the rules on the current data; a profile edit (weight, diet, eating-disorder-
  // sensitive care) makes the list stale, so it lists again.
  const query = useCall('recommendations.list', { clientId: client.id, includeClosed: showClosed });
  const evaluateRules = useMutation('recommendations.evaluate', { invalidates: ['recommendations', 'reports'] });
  const { open, closed } = splitRecommendations(query.data ?? []);

  const evaluate = async (): Promise<void> => {
    setChecking(true);
    try {
      const result = await evaluateRules.run({ clientId: client.id });
      setRuleErrors(result.errors);
      notify({ message: evaluateText(result) });
    } catch (e) {
      reportError(e);
      notify({ title: 'Could not check the rules', message: toApiError(e).message, color: 'red' });
    } finally {
      setChecking(false);
    }
  };

  let body: React.JSX.Element;
  if (!query.data && query.error) {
    body = (
      <ErrorAlert
        title="Could not load the recommendations"
        error={query.error}
        onRetry={query.reload}
        testId="recommendations-error"
      />
    );
  } else if (!query.data) {
    body = (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the recommendations" data-testid="recommendations-loading">
        <Skeleton height={120} />
        <Skeleton height={120} />
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        {query.error && (
          <ErrorAlert
            title="Could not refresh the recommendations"
            error={query.error}
            onRetry={query.reload}
            testId="recommendations-error"
          />
        )}
        {open.length === 0 ? (
          <EmptyState size="sm" description={EMPTY_SENTENCE} data-testid="recommendations-empty" />
        ) : (
          <Stack gap="sm" component="ol" aria-label="Recommendations, most important first" m={0} p={0}>
            {open.map((rec, index) => (
              <li key={rec.id} style={{ listStyle: 'none' }}>
                <RecommendationCard recommendation={rec} rank={{ index, total: open.length }} />
              </li>
            ))}
          </Stack>
        )}
        {showClosed && (
          <Stack gap="sm" data-testid="recommendations-closed">
            <Title order={3} size="h5">
              Dismissed, resolved and past
            </Title>
            {closed.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing dismissed, resolved or expired yet.
              </Text>
            ) : (
              closed.map((rec) => <RecommendationCard key={rec.id} recommendation={rec} />)
            )}
          </Stack>
        )}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-label="Recommendations" data-testid="recommendations-panel">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4">
            Recommendations
          </Title>
          <Group gap="md">
            <Switch
              label="Show dismissed and past"
              checked={showClosed}
              onChange={(e) => setShowClosed(e.currentTarget.checked)}
              data-testid="recommendations-show-closed"
            />
            <Button onClick={() => void evaluate()} loading={checking} data-testid="recommendations-evaluate">
              Check now
            </Button>
          </Group>
        </Group>
        {client.edSensitive && (
          <Text size="sm" c="dimmed" data-testid="recommendations-ed-note">
            Eating-disorder-sensitive care is on: calorie-focused recommendations and calorie numbers are left out.
          </Text>
        )}
        {ruleErrors.length > 0 && (
          <Alert
            color="yellow"
            title="Some rules could not be evaluated"
            role="status"
            withCloseButton
            closeButtonLabel="Hide these problems"
            onClose={() => setRuleErrors([])}
            data-testid="recommendations-rule-errors"
          >
            <List size="sm">
              {ruleErrors.map((e) => (
                <List.Item key={`${e.ruleId}:${e.message}`}>
                  {e.ruleId}: {e.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {body}
        <Text size="xs" c="dimmed">
          Recommendations come from rules over the client’s recent log; they support, and never replace, your
          professional judgement.
        </Text>
      </Stack>
    </Card>
  );
}
