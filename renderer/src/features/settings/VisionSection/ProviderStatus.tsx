import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { providerName } from '../../photos/photo-text.ts';
import type { VisionStatus } from './VisionSection.tsx';

/** The model in use, the execution provider that runs it, and the ones tried before it with their messages. */
export function ProviderStatus({ status }: { status: VisionStatus }): React.JSX.Element {
  const { model, provider, providersTried } = status;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="settings-vision-model">
        <Text span fw={600}>
          Model in use:{' '}
        </Text>
        {model.name} ({model.kind}) — recognises {model.foodClasses.length}{' '}
        {model.foodClasses.length === 1 ? 'food' : 'foods'}
        {model.foodClasses.length > 0 ? `: ${model.foodClasses.join(', ')}` : ''}.
      </Text>
      <Stack gap={4} data-testid="settings-vision-provider">
        <Text size="sm">
          <Text span fw={600}>
            Runs on:{' '}
          </Text>
          {provider
            ? `${providerName(provider)}, on this computer.`
            : 'not started yet. The detector starts with the first photo analysed.'}
        </Text>
        {providersTried.length > 0 && (
          <List size="sm" spacing={2} aria-label="Execution providers tried">
            {providersTried.map((p) => (
              <List.Item key={p.name} data-testid="settings-vision-provider-tried">
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Badge size="xs" variant="light" color={p.ok ? 'teal' : 'gray'}>
                    {p.ok ? 'works' : 'not available'}
                  </Badge>
                  <Text size="sm">
                    {providerName(p.name)}
                    {p.message ? ` — ${p.message}` : ''}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Stack>
  );
}
