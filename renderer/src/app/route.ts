/**
 * The app's routes as data, and their hash form (#/clients, #/clients/<id>, #/clients/<id>/photos,
 * #/reports, #/reports?client=<id>, #/settings). A hash router needs no server support, works from
 * file:// in Electron, and leaves the browser host's one-time `#token=…` fragment alone (api.ts reads
 * and strips it on the first call).
 */
export type Route =
  | { name: 'clients' }
  | { name: 'client'; id: string }
  | { name: 'client-photos'; id: string }
  | { name: 'foods' }
  | { name: 'rules' }
  | { name: 'reports'; clientId?: string }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export type Section = 'clients' | 'foods' | 'rules' | 'reports' | 'settings';

const SIMPLE: Record<string, Route> = {
  clients: { name: 'clients' },
  foods: { name: 'foods' },
  rules: { name: 'rules' },
  reports: { name: 'reports' },
  settings: { name: 'settings' },
};

/** Parses `location.hash`. Empty, `#/` and a `#token=…` fragment all mean the client list. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '' || raw === '/' || /(^|&)token=/.test(raw)) return { name: 'clients' };
  const reports = /^\/*reports\/*\?client=([^&]*)$/.exec(raw);
  if (reports) {
    try {
      const clientId = decodeURIComponent(reports[1] ?? '');
      return clientId ? { name: 'reports', clientId } : { name: 'reports' };
    } catch {
      return { name: 'not-found', path: raw };
    }
  }
  const parts = raw.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const [head, second, third, ...rest] = parts;
  if (head === undefined) return { name: 'clients' };
  if (rest.length > 0 || (third !== undefined && third !== 'photos')) return { name: 'not-found', path: raw };
  if (second === undefined) return SIMPLE[head] ?? { name: 'not-found', path: raw };
  if (head === 'clients' && second !== '') {
    try {
      const id = decodeURIComponent(second);
      return third === 'photos' ? { name: 'client-photos', id } : { name: 'client', id };
    } catch {
      return { name: 'not-found', path: raw };
    }
  }
  return { name: 'not-found', path: raw };
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'client':
      return `#/clients/${encodeURIComponent(route.id)}`;
    case 'client-photos':
      return `#/clients/${encodeURIComponent(route.id)}/photos`;
    case 'reports':
      return route.clientId ? `#/reports?client=${encodeURIComponent(route.clientId)}` : '#/reports';
    case 'not-found':
      return `#/${route.path.replace(/^\/+/, '')}`;
    default:
      return `#/${route.name}`;
  }
}

/** Which navbar entry a route belongs to (null for an unknown address). */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'client':
    case 'client-photos':
      return 'clients';
    case 'not-found':
      return null;
    default:
      return route.name;
  }
}
