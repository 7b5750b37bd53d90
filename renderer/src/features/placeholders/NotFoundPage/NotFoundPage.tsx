import { Button, Container, EmptyState, Title } from '@mantine/core';
import { navigate } from '../../../app/use-route.ts';

/** An address the app does not know (a stale bookmark or a typo). */
export function NotFoundPage({ path }: { path: string }): React.JSX.Element {
  return (
    <Container size="md" data-testid="page-not-found">
      <Title order={1} size="h2" mb="lg">
        Page not found
      </Title>
      <EmptyState title={`There is no page at “${path}”.`} description="Go back to the client list to continue.">
        <EmptyState.Actions>
          <Button onClick={() => navigate({ name: 'clients' })}>Open the client list</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Container>
  );
}
