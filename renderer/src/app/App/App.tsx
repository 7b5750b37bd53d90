import { MantineProvider } from '@mantine/core';
import { NotificationsProvider } from '../../components/Notifications/Notifications.tsx';
import { SessionGate } from '../SessionGate/SessionGate.tsx';
import { cssVariablesResolver, theme } from '../theme.ts';

/**
 * Root: theme, notifications, then the session gate (setup / unlock / the app). The colour scheme
 * starts from Mantine's localStorage copy so the unlock screen already has the practitioner's
 * choice; the `theme` setting in the encrypted database is applied once unlocked.
 */
export function App(): React.JSX.Element {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <NotificationsProvider>
        <SessionGate />
      </NotificationsProvider>
    </MantineProvider>
  );
}
