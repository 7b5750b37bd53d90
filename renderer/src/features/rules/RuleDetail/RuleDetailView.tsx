import { Badge, Button, Card, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { RecordPending } from '../../../components/RecordPending/RecordPending.tsx';
import { RULE_ORIGIN_COLORS, RULE_ORIGIN_LABELS, severityColor, severityLabel } from '../../../lib/labels.ts';
import type { RuleDetail } from '../../../lib/rule-types.ts';
import { useCall } from '../../../lib/query.ts';
import { DryRunPanel } from '../DryRun/DryRunPanel.tsx';
import { baseName, categoryLabel } from '../rules-text.ts';

interface RuleDetailViewProps {
  id: string;
  clientId: string | null;
  onClientChange: (clientId: string | null) => void;
  onEdit: (rule: RuleDetail) => void;
  onCopy: (rule: RuleDetail) => void;
  onDelete: (rule: RuleDetail) => void;
}

function Section({ title, children }: { title: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/** One rule: what it is for, its condition, what it reads, its file, and a dry run. */
export function RuleDetailView({
  id,
  clientId,
  onClientChange,
  onEdit,
  onCopy,
  onDelete,
}: RuleDetailViewProps): React.JSX.Element {
  const query = useCall('rules.get', { id });
  const rule = query.data?.id === id ? query.data : undefined;

  if (!rule) {
    return (
      <RecordPending
        query={query}
        noun="rule"
        blocks={[{ height: 28, width: '60%' }, { height: 120 }, { height: 200 }]}
        testId="rule-detail-loading"
      />
    );
  }

  const user = rule.origin === 'user';
  return (
    <Stack gap="md">
      <Card
        withBorder
        padding="lg"
        component="section"
        aria-label={rule.title}
        data-testid="rule-detail"
        data-rule-id={rule.id}
      >
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {rule.title}
              </Title>
              <Group gap={6} mt={4}>
                <Badge variant="light" color={severityColor(rule.severity)}>
                  {severityLabel(rule.severity)}
                </Badge>
                <Badge variant="outline" color={RULE_ORIGIN_COLORS[rule.origin]}>
                  {RULE_ORIGIN_LABELS[rule.origin]}
                </Badge>
                <Badge variant="outline" color="gray">
                  {categoryLabel(rule.category)}
                </Badge>
                {!rule.enabled && (
                  <Badge variant="filled" color="gray">
                    Off
                  </Badge>
                )}
                <Text size="xs" c="dimmed" ff="monospace">
                  {rule.id} v{rule.version}
                </Text>
              </Group>
            </div>
            <Group gap="xs">
              {user ? (
                <>
                  <Button variant="default" size="xs" onClick={() => onEdit(rule)} data-testid="rule-edit">
                    Edit
                  </Button>
                  <Button
                    color="red"
                    variant="light"
                    size="xs"
                    onClick={() => onDelete(rule)}
                    data-testid="rule-delete"
                  >
                    Delete
                  </Button>
                </>
              ) : (
                <Button variant="default" size="xs" onClick={() => onCopy(rule)} data-testid="rule-copy">
                  Copy as a new rule
                </Button>
              )}
            </Group>
          </Group>
          {query.error && <ErrorAlert title="Could not refresh the rule" error={query.error} onRetry={query.reload} />}
          <Text size="sm" data-testid="rule-description">
            {rule.description || 'No description.'}
          </Text>
          <Section title="Condition">
            <Code block data-testid="rule-when">
              {rule.when}
            </Code>
          </Section>
          <Section title="Reads">
            {rule.reads.length > 0 ? (
              <Group gap={4} data-testid="rule-reads">
                {rule.reads.map((name) => (
                  <Code key={name}>{name}</Code>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                No variables.
              </Text>
            )}
          </Section>
          {rule.references.length > 0 && (
            <Section title="References">
              <List size="sm" data-testid="rule-references">
                {rule.references.map((r, i) => (
                  <List.Item key={`${i}:${r}`}>{r}</List.Item>
                ))}
              </List>
            </Section>
          )}
          <Section title={`Source (${baseName(rule.file)}${user ? '' : ', read-only'})`}>
            <Code
              block
              tabIndex={0}
              aria-label={`Source of ${baseName(rule.file)}`}
              data-testid="rule-source"
              style={{ whiteSpace: 'pre', maxHeight: 420, overflow: 'auto' }}
            >
              {rule.source}
            </Code>
            {!user && (
              <Text size="xs" c="dimmed" mt={4}>
                Built-in rules cannot be changed here: copy one to make your own version, or switch it off.
              </Text>
            )}
          </Section>
        </Stack>
      </Card>
      <DryRunPanel target={{ ruleId: rule.id }} clientId={clientId} onClientChange={onClientChange} />
    </Stack>
  );
}
