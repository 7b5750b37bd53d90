import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A small status line saying what a slow request is doing, shown only while it runs. */
export function BusyNote({ busy, children }: { busy: boolean; children: ReactNode }): React.JSX.Element | null {
  if (!busy) return null;
  return (
    <Text size="xs" c="dimmed" role="status">
      {children}
    </Text>
  );
}
