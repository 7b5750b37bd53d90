import { Code, Stack, Text } from '@mantine/core';
import type { RuleErrorView } from '../../../lib/rule-types.ts';
import { ruleErrorLine } from '../rules-text.ts';

/** Rule file problems as "file:line:column: message" with the offending line and its caret. */
export function RuleErrorList({
  errors,
  testId,
}: {
  errors: readonly RuleErrorView[];
  testId: string;
}): React.JSX.Element {
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {errors.map((error, index) => (
        <li key={`${error.file}:${error.line}:${error.column}:${index}`} data-testid={testId} data-line={error.line}>
          <Text size="sm" ff="monospace" c="red" style={{ overflowWrap: 'anywhere' }}>
            {ruleErrorLine(error)}
          </Text>
          {error.excerpt && (
            <Code block mt={4} style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
              {error.excerpt}
            </Code>
          )}
        </li>
      ))}
    </Stack>
  );
}
