import { Container, EmptyState, Title } from '@mantine/core';

interface ComingSoonPageProps {
  title: string;
  sentence: string;
}

/** An honest empty page for a section that is not built yet: one sentence, no sample content. */
export function ComingSoonPage({ title, sentence }: ComingSoonPageProps): React.JSX.Element {
  return (
    <Container size="md" data-testid={`page-${title.toLowerCase()}`}>
      <Title order={1} size="h2" mb="lg">
        {title}
      </Title>
      <EmptyState title="Not available yet" description={sentence} data-testid="coming-soon" />
    </Container>
  );
}
