import { Center, Loader, Stack, Text } from '@mantine/core';

/** A centred spinner with a sentence, for whole-page waits. */
export function PageLoader({ label = 'Loading…' }: { label?: string }): React.JSX.Element {
  return (
    <Center mih="50vh" data-testid="page-loader">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text c="dimmed" size="sm" role="status">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}
