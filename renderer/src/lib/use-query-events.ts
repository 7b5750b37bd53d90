import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onEvent } from './api.ts';
import { invalidate, type QueryScope } from './query.ts';

/** Everything a sync pull or a restored database can change: the clients and what hangs off them. */
export const CLIENT_DATA: readonly QueryScope[] = [
  'clients',
  'targets',
  'audit',
  'log',
  'dashboard',
  'photos',
  'recommendations',
  'plans',
  'foods',
  'reports',
  'export',
  'measures',
  'visits',
];

/** What a change to a client's log makes stale: the day, the dashboard and what is derived from intake. */
export const LOG_DATA: readonly QueryScope[] = ['log', 'dashboard', 'recommendations', 'foods.usage', 'reports'];

/**
 * What a change to a client's measurements makes stale: the readings, and the profile weight and height
 * (the latest reading), with everything computed from them: targets by date, the dashboard and log
 * (energy burned), recommendations, plans and reports.
 */
export const MEASURE_DATA: readonly QueryScope[] = ['measures', 'clients', 'targets', 'audit', 'plans', ...LOG_DATA];

/**
 * Keeps the cache in step with changes this window did not make: a finished sync run (automatic
 * or from another view) and a session change (a restore, an integrity check finishing) make the
 * client data stale, and a sync run also changes the sync status.
 */
export function useQueryEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const offSync = onEvent('sync.progress', (progress) => {
      if (progress.phase === 'done') void invalidate(client, [...CLIENT_DATA, 'sync']);
    });
    const offSession = onEvent('session.changed', (status) => {
      if (status.state === 'unlocked') void invalidate(client, [...CLIENT_DATA, 'session', 'backup']);
    });
    return () => {
      offSync();
      offSession();
    };
  }, [client]);
}
