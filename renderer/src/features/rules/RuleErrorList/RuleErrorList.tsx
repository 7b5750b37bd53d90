import { Anchor, Code, Stack, Text } from '@mantine/core';
import type { RuleErrorView } from '../../../lib/rule-types.ts';
import { ruleErrorLine } from '../rules-text.ts';

/**
 * Rule file problems as "file:line:column: message" with the offending line and its caret. With
 * `onGoTo`, each problem has a "Go to line N" link that puts the cursor there.
 */
export function RuleErrorList({
  errors,
  testId,
  onGoTo,
}: {
  errors: readonly RuleErrorView[];
  testId: string;
  onGoTo?: (line: number, column: number) => void;
}): React.JSX.Element {
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {errors.map((error, index) => (
        <li key={`${error.file}:${error.line}:${error.column}:${index}`} data-testid={testId} data-line={error.line}>
          <Text size="sm" ff="monospace" c="red" style={{ overflowWrap: 'anywhere' }}>
            {ruleErrorLine(error)}
          </Text>
          {onGoTo && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => onGoTo(error.line, error.column)}
              data-testid={`${testId}-goto`}
            >
              Go to line {error.line}
            </Anchor>
          )}
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
