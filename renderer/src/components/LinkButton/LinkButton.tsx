import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

interface LinkButtonProps {
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}

/** A small text link that does something on this screen (switch a mode, go back) rather than navigate. */
export function LinkButton({ onClick, testId, children }: LinkButtonProps): React.JSX.Element {
  return (
    <Anchor component="button" type="button" size="sm" onClick={onClick} data-testid={testId}>
      {children}
    </Anchor>
  );
}
