import { Code, Stack, Text } from '@mantine/core';
import type { Recommendation } from '../../../lib/rule-types.ts';
import { valueRows } from '../../rules/rules-text.ts';
import { RuleValuesTable } from '../../rules/RuleValuesTable/RuleValuesTable.tsx';

/** "Why?": the rule's condition and the client's values that made it true. */
export function WhyDetails({ recommendation, id }: { recommendation: Recommendation; id: string }): React.JSX.Element {
  const rows = valueRows(recommendation.values);
  return (
    <Stack gap="xs" id={id} data-testid="recommendation-why-details">
      <Text size="sm">{recommendation.rationale}</Text>
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Condition
        </Text>
        <Code block data-testid="recommendation-condition">
          {recommendation.condition}
        </Code>
      </div>
      {rows.length > 0 ? (
        <RuleValuesTable
          rows={rows}
          headings={['Value', 'For this client']}
          testId="recommendation-values"
          rowTestId="recommendation-value"
        />
      ) : (
        <Text size="sm" c="dimmed">
          The condition read no values.
        </Text>
      )}
    </Stack>
  );
}
