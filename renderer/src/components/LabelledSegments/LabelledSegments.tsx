import { SegmentedControl, Text, type SegmentedControlProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface LabelledSegmentsProps extends SegmentedControlProps {
  label: string;
  /** The label's id; the control is labelled by it (a segmented control has no label of its own). */
  labelId: string;
  /** Shown under the control, e.g. what the choice means. */
  children?: ReactNode;
}

/** A segmented control with a visible label above it, styled like an input's label. */
export function LabelledSegments({ label, labelId, children, ...control }: LabelledSegmentsProps): React.JSX.Element {
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={labelId}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={labelId} {...control} />
      {children}
    </div>
  );
}
