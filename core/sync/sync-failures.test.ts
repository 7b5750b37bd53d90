import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import { ok } from '../test-utils/core-harness.ts';
import { ACCOUNT, device, practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { startDropProxy, type DropProxy } from '../test-utils/drop-proxy.ts';
import { diet, snapshot } from '../test-utils/sync-inspect.ts';

/**
 * Sync when things go wrong: real devices (each a core over its own SQLCipher database) and the real
 * server over a real PostgreSQL, with connections cut by a real proxy, a wrong passphrase, unsent
 * changes at sign-out, and a value the server refuses for good.
 */

const server = useSyncServer();

describe('sync when things go wrong', () => {
  let proxy: DropProxy;
  beforeAll(async () => {
    proxy = await startDropProxy(server.current.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  async function serverCounts(deviceCore: Core): Promise<{ events: number; clients: number }> {
    const practiceId = deviceCore.session
      .database()
      .sqlite.prepare("SELECT value FROM sync_state WHERE key = 'practice_id'")
      .get() as {
      value: string;
    };
    const q = async (t: string) =>
      Number(
        (await server.current.pool.query(`SELECT count(*) AS n FROM ${t} WHERE practice_id = $1`, [practiceId.value]))
          .rows[0].n,
      );
    return { events: await q('events'), clients: await q('clients') };
  }

  it.each(['after-server', 'before-server'] as const)(
    'a connection cut in the middle of a push (%s) leaves no duplicate and no loss',
    async (mode) => {
      const { a, join } = await practice(proxy.url);
      const c = await ok<Client>(a.core, 'clients.create', { name: 'Eve Example' });
      for (let i = 1; i <= 30; i++) await ok(a.core, 'log.add', diet(c.id, i));
      proxy.drop('/v1/sync/push', mode, 2);
      const before = proxy.dropped();
      const r = await sync(a.core); // retried with the same idempotency key until acknowledged
      expect(proxy.dropped() - before).toBe(2);
      expect(r.pushed).toBeGreaterThan(30);
      expect(await serverCounts(a.core)).toEqual({ events: 30, clients: 1 });
      const replays = await server.current.pool.query(
        'SELECT count(*) AS n FROM idempotency WHERE device_id = (SELECT origin_device FROM clients WHERE id = $1)',
        [c.id],
      );
      expect(Number(replays.rows[0].n)).toBe(1);
      const b = await join('Laptop', proxy.url);
      proxy.drop('/v1/sync/pull', 'after-server', 1);
      await sync(b.core);
      const sb = await snapshot(b.core, c.id);
      expect(sb.entries).toHaveLength(30);
      expect(sb).toEqual(await snapshot(a.core, c.id));
    },
  );

  it('setting up while the server cannot be reached says nothing was set up (no "sent next time")', async () => {
    const { email } = await practice(server.current.url);
    const d = await device('Offline laptop');
    proxy.drop('/v1/auth/login', 'before-server', 10);
    const r = await d.core.dispatch('sync.signIn', {
      serverUrl: proxy.url,
      email,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: 'Offline laptop',
    });
    proxy.drop('/v1/auth/login', 'before-server', 0);
    expect(r).toMatchObject({ ok: false, code: 'sync-offline' });
    if (r.ok) return;
    expect(r.message).toMatch(/cannot be reached \(the connection was cut\)\. Nothing was set up on this computer/);
    expect(r.message).not.toContain('next time');
    expect((await ok<SyncStatus>(d.core, 'sync.status')).signedIn).toBe(false);
  });

  it('offline: the run stops with a clear message, keeps the changes, and sends them later', async () => {
    const { a } = await practice(proxy.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Finn Example' });
    await sync(a.core);
    await ok(a.core, 'clients.update', { id: c.id, patch: { weightKg: 70 } });
    proxy.drop('/v1/sync/push', 'before-server', 10);
    const failed = await ok<SyncResult>(a.core, 'sync.now');
    expect(failed.error?.code).toBe('sync-offline');
    expect(failed.error?.message).toMatch(/cannot be reached \(the connection was cut\)\. Your changes are kept/);
    expect((await ok<SyncStatus>(a.core, 'sync.status')).pending).toBeGreaterThan(0);
    proxy.drop('/v1/sync/push', 'before-server', 0);
    await sync(a.core);
    expect((await ok<SyncStatus>(a.core, 'sync.status')).pending).toBe(0);
  });

  it('signing in with the wrong practice passphrase is refused and leaves this computer signed out', async () => {
    const { email } = await practice(server.current.url);
    const d = await device('Other');
    const r = await d.core.dispatch('sync.signIn', {
      serverUrl: server.current.url,
      email,
      password: ACCOUNT.password,
      practicePassphrase: 'not the passphrase',
      deviceName: 'Other',
    });
    expect(r).toMatchObject({ ok: false, code: 'wrong-practice-passphrase' });
    expect((await ok<SyncStatus>(d.core, 'sync.status')).signedIn).toBe(false);
    // Trying again (right passphrase this time) signs in as the same computer, not a new one.
    const devices = async () =>
      Number((await server.current.pool.query('SELECT count(*) AS n FROM devices')).rows[0].n);
    const before = await devices();
    await ok<SyncStatus>(d.core, 'sync.signIn', {
      serverUrl: server.current.url,
      email,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: 'Other',
    });
    expect(await devices()).toBe(before);
    await ok<SyncStatus>(d.core, 'sync.signOut', {});
    const bad = await d.core.dispatch('sync.signIn', {
      serverUrl: server.current.url,
      email,
      password: 'wrong password!!',
      practicePassphrase: 'x',
      deviceName: 'O',
    });
    expect(bad).toMatchObject({
      ok: false,
      code: 'sync-auth',
      message: 'Wrong email or password for the sync server.',
    });
  });

  it('signing out refuses while changes are unsent, unless told to discard them', async () => {
    const { a } = await practice(server.current.url);
    await ok(a.core, 'clients.create', { name: 'Gus Example' });
    expect(await a.core.dispatch('sync.signOut', {})).toMatchObject({ ok: false, code: 'conflict' });
    await sync(a.core);
    const out = await ok<SyncStatus>(a.core, 'sync.signOut', {});
    expect(out).toMatchObject({ signedIn: false, pending: 0 });
  });
});

describe('a change the server refuses for good', () => {
  it('is set aside and named; everything else still syncs', async () => {
    const { a, join } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Kit Example' });
    const { sqlite } = a.core.session.database();
    // A value no server accepts (over the size limit), as a damaged or future-version row might hold.
    sqlite
      .prepare('UPDATE clients SET notes = ?, updated_at = updated_at + 1 WHERE id = ?')
      .run('x'.repeat(300_000), c.id);
    const r = await ok<SyncResult>(a.core, 'sync.now');
    expect(r.error).toBeNull();
    expect(r.refused).toBe(1);
    expect((await ok<SyncStatus>(a.core, 'sync.status')).pending).toBe(0);
    const b = await join('Laptop');
    await sync(b.core);
    expect(await ok<Client>(b.core, 'clients.get', { id: c.id })).toMatchObject({ name: 'Kit Example', notes: null });
    const refused = sqlite.prepare("SELECT value FROM sync_state WHERE key = 'refused'").get() as { value: string };
    expect(JSON.parse(refused.value)).toEqual([
      expect.objectContaining({ table: 'clients', id: c.id, field: 'notes', reason: expect.stringMatching(/over/) }),
    ]);
  });
});
