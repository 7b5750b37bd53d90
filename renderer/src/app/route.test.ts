import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, sectionOf, type Route } from './route.ts';

describe('parseRoute', () => {
  it('treats an empty hash and the host token fragment as the client list', () => {
    expect(parseRoute('')).toEqual({ name: 'clients' });
    expect(parseRoute('#')).toEqual({ name: 'clients' });
    expect(parseRoute('#/')).toEqual({ name: 'clients' });
    expect(parseRoute('#token=abc_DEF-123')).toEqual({ name: 'clients' });
  });

  it('reads a client photos view', () => {
    expect(parseRoute('#/clients/abc/photos')).toEqual({ name: 'client-photos', id: 'abc' });
  });

  it('reads sections and a client id', () => {
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/foods/')).toEqual({ name: 'foods' });
    expect(parseRoute('#/clients/0190a5b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b')).toEqual({
      name: 'client',
      id: '0190a5b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
    });
  });

  it('reads the reports page with a preselected client', () => {
    expect(parseRoute('#/reports?client=abc')).toEqual({ name: 'reports', clientId: 'abc' });
    expect(parseRoute('#/reports?client=')).toEqual({ name: 'reports' });
    expect(parseRoute('#/reports?client=%E0%A4%A')).toEqual({ name: 'not-found', path: '/reports?client=%E0%A4%A' });
  });

  it('reports anything else as not found', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('#/clients/a/b')).toEqual({ name: 'not-found', path: '/clients/a/b' });
    expect(parseRoute('#/clients/a/photos/x')).toEqual({ name: 'not-found', path: '/clients/a/photos/x' });
    expect(parseRoute('#/clients/%E0%A4%A')).toEqual({ name: 'not-found', path: '/clients/%E0%A4%A' });
  });
});

describe('formatRoute', () => {
  it('round-trips every route kind', () => {
    const routes: Route[] = [
      { name: 'clients' },
      { name: 'client', id: 'a b/c' },
      { name: 'client-photos', id: 'a b/c' },
      { name: 'foods' },
      { name: 'rules' },
      { name: 'reports' },
      { name: 'reports', clientId: 'a b/c&d' },
      { name: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});

describe('sectionOf', () => {
  it('puts a client page under Clients', () => {
    expect(sectionOf({ name: 'client', id: 'x' })).toBe('clients');
    expect(sectionOf({ name: 'client-photos', id: 'x' })).toBe('clients');
    expect(sectionOf({ name: 'not-found', path: '/x' })).toBeNull();
  });
});
