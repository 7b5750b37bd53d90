import { Badge, Group, Paper, Stack, Switch, Text, Title, UnstyledButton } from '@mantine/core';
import { RULE_ORIGIN_COLORS, RULE_ORIGIN_LABELS, severityColor, severityLabel } from '../../../lib/labels.ts';
import type { RuleSummary } from '../../../lib/rule-types.ts';
import { groupRulesByCategory } from '../rules-text.ts';

interface RuleListProps {
  rules: readonly RuleSummary[];
  selectedId: string | null;
  /** The rule whose switch is being saved. */
  pendingId: string | null;
  onSelect: (id: string) => void;
  onToggle: (rule: RuleSummary, enabled: boolean) => void;
}

function RuleRow({
  rule,
  selected,
  pending,
  onSelect,
  onToggle,
}: {
  rule: RuleSummary;
  selected: boolean;
  pending: boolean;
  onSelect: () => void;
  onToggle: (enabled: boolean) => void;
}): React.JSX.Element {
  return (
    <Paper
      component="li"
      withBorder
      p="xs"
      data-testid="rule-row"
      data-rule-id={rule.id}
      data-selected={selected || undefined}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ listStyle: 'none' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <UnstyledButton
          onClick={onSelect}
          aria-current={selected ? 'true' : undefined}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="rule-select"
        >
          <Text size="sm" fw={500} c={rule.enabled ? undefined : 'dimmed'}>
            {rule.title}
          </Text>
          <Group gap={4} mt={2}>
            <Badge size="xs" variant="light" color={severityColor(rule.severity)}>
              {severityLabel(rule.severity)}
            </Badge>
            <Badge size="xs" variant="outline" color={RULE_ORIGIN_COLORS[rule.origin]} data-testid="rule-origin">
              {RULE_ORIGIN_LABELS[rule.origin]}
            </Badge>
            <Text size="xs" c="dimmed" ff="monospace">
              {rule.id}
            </Text>
          </Group>
          {rule.references.length > 0 && (
            <Text size="xs" c="dimmed" lineClamp={1} mt={2} title={rule.references.join('\n')}>
              {rule.references.join('; ')}
            </Text>
          )}
        </UnstyledButton>
        <Switch
          checked={rule.enabled}
          disabled={pending}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          aria-label={`Use the rule “${rule.title}”`}
          // Without a visible label the track sits above the (transparent) input; raising the input
          // makes a click anywhere on the switch land on it directly (and lets tests click it).
          styles={{ input: { zIndex: 1, cursor: 'pointer' } }}
          data-testid="rule-enabled"
        />
      </Group>
    </Paper>
  );
}

/** The rules by category, each with its enabled switch; choosing one shows its detail. */
export function RuleList({ rules, selectedId, pendingId, onSelect, onToggle }: RuleListProps): React.JSX.Element {
  return (
    <Stack gap="md" data-testid="rule-list">
      {groupRulesByCategory(rules).map((group) => (
        <section key={group.category} aria-label={group.label} data-testid="rule-group">
          <Title order={2} size="h6" c="dimmed" tt="uppercase" mb={4}>
            {group.label}
          </Title>
          <Stack gap={4} component="ul" m={0} p={0}>
            {group.rules.map((rule) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                selected={rule.id === selectedId}
                pending={rule.id === pendingId}
                onSelect={() => onSelect(rule.id)}
                onToggle={(enabled) => onToggle(rule, enabled)}
              />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
