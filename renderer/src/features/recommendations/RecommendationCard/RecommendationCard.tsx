import { Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { toApiError } from '../../../lib/errors.ts';
import { formatRelative } from '../../../lib/format.ts';
import {
  RECOMMENDATION_STATUS_COLORS,
  RECOMMENDATION_STATUS_LABELS,
  severityColor,
  severityLabel,
} from '../../../lib/labels.ts';
import type { Recommendation } from '../../../lib/rule-types.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { categoryLabel } from '../../rules/rules-text.ts';
import { confidenceText, isOpen, rankText } from '../recommendation-text.ts';
import { DismissForm } from './DismissForm.tsx';
import { WhyDetails } from './WhyDetails.tsx';
import { useMutation } from '../../../lib/query.ts';

interface RecommendationCardProps {
  recommendation: Recommendation;
  /** Place in the core's ranking; absent for closed ones. */
  rank?: { index: number; total: number };
}

/** One recommendation: what, how sure, what to suggest, the guardrails, why, and accept / dismiss. */
export function RecommendationCard({ recommendation: rec, rank }: RecommendationCardProps): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const whyId = useId();
  const [whyOpen, setWhyOpen] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const open = isOpen(rec);
  const acceptRec = useMutation('recommendations.accept', { invalidates: ['recommendations', 'reports'] });

  const accept = async (): Promise<void> => {
    setAccepting(true);
    try {
      await acceptRec.run({ id: rec.id });
      notify({ message: `Accepted: ${rec.title}.` });
    } catch (e) {
      reportError(e);
      notify({ title: 'Not accepted', message: toApiError(e).message, color: 'red' });
    } finally {
      setAccepting(false);
    }
  };

  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-label={rank ? `${rec.title} (${rankText(rank.index, rank.total)})` : rec.title}
      data-testid="recommendation"
      data-rule-id={rec.ruleId}
      data-status={rec.status}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Title order={3} size="h5" data-testid="recommendation-title">
              {rec.title}
            </Title>
            <Group gap={6}>
              <Badge color={severityColor(rec.severity)} variant="light" data-testid="recommendation-severity">
                {severityLabel(rec.severity)}
              </Badge>
              <Badge color="gray" variant="outline">
                {categoryLabel(rec.category)}
              </Badge>
              {rec.status !== 'new' && (
                <Badge
                  color={RECOMMENDATION_STATUS_COLORS[rec.status]}
                  variant="filled"
                  data-testid="recommendation-status"
                >
                  {RECOMMENDATION_STATUS_LABELS[rec.status]}
                </Badge>
              )}
              <Text size="xs" c="dimmed" data-testid="recommendation-confidence">
                {confidenceText(rec.confidence)}
              </Text>
              <Text size="xs" c="dimmed">
                · raised {formatRelative(rec.createdAt)}
              </Text>
            </Group>
          </Stack>
          {open && !dismissing && (
            <Group gap="xs">
              {rec.status === 'new' && (
                <Button size="xs" onClick={() => void accept()} loading={accepting} data-testid="recommendation-accept">
                  Accept
                </Button>
              )}
              <Button
                size="xs"
                variant="default"
                onClick={() => setDismissing(true)}
                disabled={accepting}
                data-testid="recommendation-dismiss"
              >
                Dismiss
              </Button>
            </Group>
          )}
        </Group>
        {rec.status === 'dismissed' && (
          <Text size="sm" c="dimmed" data-testid="recommendation-dismissed-reason">
            {rec.dismissReason ? `Reason: ${rec.dismissReason}` : 'No reason was given.'}
          </Text>
        )}
        <Text size="sm" data-testid="recommendation-message">
          {rec.message}
        </Text>
        {rec.suggestions.length > 0 && (
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Suggestions
            </Text>
            <List size="sm" spacing={2} aria-label="Suggestions">
              {rec.suggestions.map((s, i) => (
                <List.Item key={`${i}:${s.text}`} data-testid="recommendation-suggestion">
                  {s.text}
                  {s.contains.length > 0 && (
                    <Text span size="xs" c="orange">
                      {' '}
                      (contains {s.contains.join(', ')})
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {rec.guardrails.length > 0 && (
          <Stack gap={2} aria-label="Notes">
            {rec.guardrails.map((note, i) => (
              <Text key={`${i}:${note}`} size="xs" c="dimmed" data-testid="recommendation-guardrail">
                {note}
              </Text>
            ))}
          </Stack>
        )}
        {rec.references.length > 0 && (
          <Text size="xs" c="dimmed" component="div">
            References:
            <List size="xs" spacing={0} c="dimmed">
              {rec.references.map((r, i) => (
                <List.Item key={`${i}:${r}`} data-testid="recommendation-reference">
                  {r}
                </List.Item>
              ))}
            </List>
          </Text>
        )}
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setWhyOpen((v) => !v)}
            aria-expanded={whyOpen}
            aria-controls={whyOpen ? whyId : undefined}
            data-testid="recommendation-why"
          >
            {whyOpen ? 'Hide why' : 'Why?'}
          </Button>
        </div>
        {whyOpen && <WhyDetails recommendation={rec} id={whyId} />}
        {dismissing && (
          <DismissForm
            recommendation={rec}
            onCancel={() => setDismissing(false)}
            onDismissed={() => {
              setDismissing(false);
              notify({ message: `Dismissed: ${rec.title}.` });
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
