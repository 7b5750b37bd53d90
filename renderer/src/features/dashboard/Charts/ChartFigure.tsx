import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface ChartFigureProps {
  /** The sentence that says what the chart shows (read by screen readers instead of the drawing). */
  summary: string;
  height: number;
  testId: string;
  children: ReactNode;
}

/** A chart with its summary caption; the drawing itself is one image to assistive tech. */
export function ChartFigure({ summary, height, testId, children }: ChartFigureProps): React.JSX.Element {
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <div role="img" aria-label={summary} style={{ width: '100%', height }}>
        {children}
      </div>
      <figcaption>
        <Text size="sm" c="dimmed" mt={4} data-testid={`${testId}-summary`}>
          {summary}
        </Text>
      </figcaption>
    </figure>
  );
}
