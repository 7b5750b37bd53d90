import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { useFailureNotice } from '../../../components/Notifications/use-failure-notice.ts';
import type { VisionStatus } from './VisionSection.tsx';
import { useMutation } from '../../../lib/query.ts';

interface ModelListProps {
  status: VisionStatus;
}

/** The installed detectors, with "Use this model" on the ones not in use. */
export function ModelList({ status }: ModelListProps): React.JSX.Element {
  const failed = useFailureNotice();
  const notify = useNotify();
  const [busyId, setBusyId] = useState<string | null>(null);
  const setActive = useMutation('vision.setActiveModel', { invalidates: [], updates: 'vision.status' });

  const use = async (id: string, name: string): Promise<void> => {
    setBusyId(id);
    try {
      await setActive.run({ id });
      notify({ message: `New photos are analysed with ${name}.` });
    } catch (e) {
      failed('Model not changed', e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Detectors">
      {status.models.map((m) => (
        <Paper withBorder px="sm" py={6} component="li" key={m.id} data-testid="vision-model" data-model-id={m.id}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={500}>
                {m.name}
              </Text>
              <Text size="xs" c="dimmed">
                {m.kind}
              </Text>
              {m.builtIn && (
                <Badge size="xs" variant="outline" color="gray">
                  built in
                </Badge>
              )}
              {m.active && (
                <Badge size="xs" color="teal" data-testid="vision-model-active">
                  in use
                </Badge>
              )}
            </Group>
            {!m.active && (
              <Button
                size="xs"
                variant="default"
                onClick={() => void use(m.id, m.name)}
                loading={busyId === m.id}
                disabled={busyId !== null && busyId !== m.id}
                data-testid="vision-model-use"
              >
                Use this model
              </Button>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
