import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, inject } from 'vitest';
import { cssVariablesResolver, theme } from '../app/theme.ts';
import { NotificationsProvider } from '../components/Notifications/Notifications.tsx';
import { createQueryClient } from '../lib/query.ts';
import { SessionActionsContext, type SessionActions } from '../lib/session-context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    bioaiHost: { url: string; token: string };
  }
}

// Testing Library cleans up by itself only where the test API is global; here it is imported.
afterEach(cleanup);
// findBy…/waitFor wait for answers from a real core on a machine that may be busy: up to a minute,
// not Testing Library's one second (a wait, not a speed check).
configure({ asyncUtilTimeout: 60_000 });

interface HappyDomWindow {
  happyDOM: { setURL(url: string): void };
}

/**
 * Points this test's window at the browser host that the global set-up started, with its token in
 * the fragment as `bioai serve` prints it, so `call()` reaches a real core over HTTP.
 */
export function connectToHost(): void {
  const { url, token } = inject('bioaiHost');
  (window as unknown as HappyDomWindow).happyDOM.setURL(`${new URL('/', url).href}#token=${token}`);
}

export interface AppRender extends RenderResult {
  client: QueryClient;
  /** Every error the components reported to the session. */
  reported: unknown[];
}

/** Renders `ui` inside what the unlocked app gives every view: theme, notifications, session, data cache. */
export function renderInApp(ui: ReactNode, options: { client?: QueryClient } = {}): AppRender {
  const reported: unknown[] = [];
  const client = options.client ?? createQueryClient((e) => reported.push(e));
  const actions: SessionActions = { setStatus: () => undefined, reportError: (e) => reported.push(e) };
  const result = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <NotificationsProvider>
        <SessionActionsContext value={actions}>
          <QueryClientProvider client={client}>{ui}</QueryClientProvider>
        </SessionActionsContext>
      </NotificationsProvider>
    </MantineProvider>,
  );
  return { ...result, client, reported };
}
