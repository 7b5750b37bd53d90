import { useCallback, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = (): string => window.location.hash;

export function navigate(route: Route): void {
  window.location.hash = formatRoute(route);
}

/** The current route from `location.hash`, re-rendered on every hash change. */
export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, snapshot);
  const go = useCallback((route: Route) => navigate(route), []);
  return [parseRoute(hash), go];
}
