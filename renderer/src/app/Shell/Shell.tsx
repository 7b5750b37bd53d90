import { ActionIcon, Alert, AppShell, Burger, Button, Group, NavLink, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { memo, useEffect, useRef } from 'react';
import { LockIcon } from '../../components/Icons/Icons.tsx';
import { useNotify } from '../../components/Notifications/notify-context.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { useQueryEvents } from '../../lib/use-query-events.ts';
import { useSession, useSessionActions } from '../../lib/session-context.ts';
import { formatRoute, sectionOf } from '../route.ts';
import { SettingsContext } from '../settings-context.ts';
import { ThemeToggle } from '../ThemeToggle/ThemeToggle.tsx';
import { useRoute } from '../use-route.ts';
import { NAV_ITEMS } from './nav-items.ts';
import { prefetchPages, RouteView } from './RouteView.tsx';
import { useIdleLock } from './use-idle-lock.ts';
import { useSettingsState } from './use-settings-state.ts';

/**
 * The unlocked app: header, navbar and the page for the current route. Memoised and reading only the
 * session's actions, so a change of the session's status (the unlock itself) renders the damage warning
 * again, not the whole app.
 */
export const Shell = memo(function Shell(): React.JSX.Element {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [route, go] = useRoute();
  const settings = useSettingsState();
  const { setStatus } = useSessionActions();
  const notify = useNotify();
  const section = sectionOf(route);
  const main = useRef<HTMLElement>(null);
  useQueryEvents();

  // The other pages' code, once the first page had its time: two seconds after the app opens, when
  // the browser is idle.
  useEffect(() => {
    let idle = 0;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(prefetchPages, { timeout: 3000 });
    }, 2000);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, []);

  // Move focus to the new page so keyboard and screen-reader users start at its top.
  const routeKey = formatRoute(route);
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [routeKey]);

  const lock = (): void => {
    call('session.lock').then(setStatus, (e: unknown) =>
      notify({ title: 'Could not lock', message: toApiError(e).message, color: 'red' }),
    );
  };
  // An unattended screen locks by itself (Settings → Security; 15 minutes unless changed).
  useIdleLock(settings.settings?.autoLockMinutes ?? 15, lock);

  return (
    <SettingsContext value={settings}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <Title order={2} size="h4">
                BioAI Nutrition
              </Title>
            </Group>
            <Group gap="xs">
              <ThemeToggle />
              <Tooltip label="Lock (requires the passphrase to continue)">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label="Lock the app"
                  onClick={lock}
                  data-testid="header-lock"
                >
                  <LockIcon />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" component="nav" aria-label="Main">
          {NAV_ITEMS.map((item) => (
            <NavLink
              key={item.section}
              href={formatRoute(item.route)}
              label={item.label}
              active={section === item.section}
              aria-current={section === item.section ? 'page' : undefined}
              data-testid={`nav-${item.section}`}
              onClick={(event) => {
                event.preventDefault();
                go(item.route);
                close();
              }}
            />
          ))}
        </AppShell.Navbar>

        <AppShell.Main ref={main} tabIndex={-1} style={{ outline: 'none' }}>
          <DamageWarning onResolve={lock} />
          <RouteView route={route} />
        </AppShell.Main>
      </AppShell>
    </SettingsContext>
  );
});

/** The warning a damaged database keeps on every page until it is resolved. */
function DamageWarning({ onResolve }: { onResolve: () => void }): React.JSX.Element | null {
  const { status } = useSession();
  if (!status.damage) return null;
  return (
    <Alert color="red" title="The database file is damaged" mb="md" role="alert" data-testid="damage-warning">
      {`Found ${new Date(status.damage.detectedAt).toLocaleString()}: ${status.damage.detail} `}
      Save nothing important until this is resolved. Lock the app to salvage the readable records or restore a backup;
      nothing is changed until you choose.
      <Group mt="xs">
        <Button size="xs" color="red" onClick={onResolve} data-testid="damage-resolve">
          Lock and resolve
        </Button>
      </Group>
    </Alert>
  );
}
