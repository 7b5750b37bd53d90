import { Button, Group, Notification, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { NotifyContext, type NotificationInput } from './notify-context.ts';

interface Shown extends NotificationInput {
  id: number;
}

const VISIBLE_MS = 6000;
// A message with an action (Undo) stays longer, so there is time to reach it by keyboard.
const ACTION_VISIBLE_MS = 12000;

/**
 * A small notifications area of our own (@mantine/notifications is not a dependency): a polite live
 * region in the bottom-left corner, over the foot of the navbar, where it covers neither the Edit and
 * Delete buttons at the right end of list rows nor the buttons of a dialog's footer (right-aligned);
 * each message closes itself after a few seconds or on click.
 */
export function NotificationsProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const [shown, setShown] = useState<Shown[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setShown((list) => list.filter((n) => n.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const notify = useCallback(
    (input: NotificationInput) => {
      const id = nextId.current++;
      setShown((list) => [...list.slice(-3), { ...input, id }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), input.action ? ACTION_VISIBLE_MS : VISIBLE_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return (
    <NotifyContext value={notify}>
      {children}
      <Stack
        role="status"
        aria-live="polite"
        gap="xs"
        pos="fixed"
        bottom={16}
        left={16}
        w={320}
        maw="calc(100vw - 32px)"
        style={{ zIndex: 1000 }}
      >
        {shown.map((n) => (
          <Notification
            key={n.id}
            data-testid="notification"
            title={n.title}
            color={n.color ?? 'green'}
            withBorder
            onClose={() => dismiss(n.id)}
            closeButtonProps={{ 'aria-label': 'Dismiss notification' }}
          >
            {n.action ? (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">{n.message}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  onClick={() => {
                    dismiss(n.id);
                    n.action?.onClick();
                  }}
                  data-testid={n.action.testId ?? 'notification-action'}
                >
                  {n.action.label}
                </Button>
              </Group>
            ) : (
              n.message
            )}
          </Notification>
        ))}
      </Stack>
    </NotifyContext>
  );
}
