import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { joinAll, practice as practiceAt, sync, useSyncServer, type Device } from '../test-utils/sync-harness.ts';
import { localText, serverText, syncedContent } from '../test-utils/sync-inspect.ts';
import { startDropProxy, type DropProxy } from '../test-utils/drop-proxy.ts';
import { generatePracticeKey } from './practice-key.ts';
import { HybridClock, formatHlc, parseHlc } from './protocol/hlc.ts';
import { enableSync, holdFutureChanges, outboxBatches, stageChanges } from './store.ts';
import { clockAheadMessage } from './sync-run.ts';

/**
 * A computer whose clock is far ahead, syncing with real devices (each a core over its own SQLCipher
 * database) through the real server over a real PostgreSQL. The server's clock and every device's
 * clock are fakes advanced by hand, so "two days fast" and "corrected" are exact.
 */

const HOUR = 3600_000;
const START = '2026-03-15T10:00:00Z';
const serverClock = fixedClock(START);
const server = useSyncServer({ now: serverClock.now });
let proxy: DropProxy;
beforeAll(async () => {
  proxy = await startDropProxy(server.current.url);
});
afterAll(async () => {
  await proxy?.close();
});

/** A practice whose computers' clocks start at the server's (fake) time. */
const practice = (url = server.current.url) => practiceAt(url, () => new Date(serverClock.now()).toISOString());

/** Every clock (server and devices) moves on by ms: time passes for everyone. */
function pass(ms: number, ...devices: Device[]): void {
  serverClock.advance(ms);
  for (const d of devices) d.clock.advance(ms);
}

/** A practice whose first computer made a client and synced, and the computers `names` that joined and pulled it. */
async function sharedClient<N extends string[]>(fields: Record<string, unknown>, ...names: N) {
  const p = await practice();
  const client = await ok<Client>(p.a.core, 'clients.create', fields);
  return { a: p.a, join: p.join, client, others: await joinAll(p, ...names) };
}

/** The latest stamp wall time this device holds anywhere (field stamps, outbox, saved clock). */
function latestStampWall(core: Core): number {
  const { sqlite } = core.session.database();
  const walls = [
    ...(sqlite.prepare('SELECT hlc FROM sync_stamps').all() as { hlc: string }[]),
    ...(sqlite.prepare('SELECT hlc FROM sync_outbox').all() as { hlc: string }[]),
    ...(sqlite.prepare("SELECT value AS hlc FROM sync_state WHERE key = 'hlc'").all() as { hlc: string }[]),
  ].map((r) => parseHlc(r.hlc).wall);
  return Math.max(0, ...walls);
}

/** A and B share Ada; a minute on, A's clock is set two days ahead and A edits her weight, then syncs. */
async function aheadTwoDays() {
  const { a, client: ada, others } = await sharedClient({ name: 'Ada Example' }, 'Laptop');
  const [b] = others;
  pass(60_000, a, b);
  a.clock.advance(48 * HOUR); // A's clock is set two days ahead
  await ok(a.core, 'clients.update', { id: ada.id, patch: { weightKg: 70 } });
  return { a, b, ada, refused: await ok<SyncResult>(a.core, 'sync.now') };
}

const person = (c: Client) => ({ weightKg: c.weightKg, phone: c.phone, notes: c.notes, email: c.email });

describe('a computer whose clock is far ahead of the server', () => {
  it('keeps its changes, says how far ahead it is, keeps no future stamps, and sends them once the clock is right', async () => {
    const { a, b, ada, refused } = await aheadTwoDays();
    expect(refused.error?.code).toBe('sync-clock');
    expect(refused.error?.message).toMatch(/clock is 48 hours ahead of the server/);
    expect(refused.error?.message).toMatch(/kept/);
    expect(refused.error?.message).toMatch(/date and time/);
    expect(refused.refused).toBe(0);
    const status = await ok<SyncStatus>(a.core, 'sync.status');
    expect(status.pending).toBeGreaterThan(0);
    expect(status.lastResult?.error?.code).toBe('sync-clock');
    // Nothing stamped two days ahead stays on the device: not the fields, the outbox or the clock.
    expect(latestStampWall(a.core)).toBeLessThanOrEqual(serverClock.now() + 60_000);

    // Others' edits keep arriving while A cannot send.
    pass(60_000, a, b);
    await ok(b.core, 'clients.update', { id: ada.id, patch: { notes: 'from the laptop', weightKg: 65 } });
    await sync(b.core);
    const again = await ok<SyncResult>(a.core, 'sync.now');
    expect(again.error?.code).toBe('sync-clock');
    expect((await ok<Client>(a.core, 'clients.get', { id: ada.id })).notes).toBe('from the laptop');
    expect((await ok<Client>(a.core, 'clients.get', { id: ada.id })).weightKg).toBe(70);
    expect(latestStampWall(a.core)).toBeLessThanOrEqual(serverClock.now() + 60_000);

    // The clock is corrected: the kept change is stamped again and sent.
    a.clock.advance(-48 * HOUR);
    pass(60_000, a, b);
    const sent = await sync(a.core);
    expect(sent.pushed).toBeGreaterThan(0);
    expect((await ok<SyncStatus>(a.core, 'sync.status')).pending).toBe(0);
    await sync(b.core);
    expect(person(await ok<Client>(b.core, 'clients.get', { id: ada.id }))).toEqual(
      person(await ok<Client>(a.core, 'clients.get', { id: ada.id })),
    );
    // A's held weight is stamped when it is sent, after the laptop's edit it had seen: it wins everywhere.
    expect((await ok<Client>(b.core, 'clients.get', { id: ada.id })).weightKg).toBe(70);
    const onServer = await server.current.pool.query<{ stamps: Record<string, string> }>(
      'SELECT stamps FROM clients WHERE id = $1',
      [ada.id],
    );
    const stamps = Object.values(onServer.rows[0]?.stamps ?? {});
    expect(stamps.length).toBeGreaterThan(0);
    for (const s of stamps) expect(parseHlc(s).wall).toBeLessThanOrEqual(serverClock.now() + 60_000);
  });

  it('three computers end equal: the fast one’s edits are kept, and a later edit elsewhere still wins on it', async () => {
    const {
      a,
      client: ada,
      others,
    } = await sharedClient({ name: 'Ada Example', email: 'ada@example.org' }, 'Laptop', 'Reception');
    const [b, c] = others;

    pass(60_000, a, b, c);
    a.clock.advance(30 * HOUR);
    await ok(a.core, 'clients.update', { id: ada.id, patch: { weightKg: 70, phone: '+44 20 7946 0001' } });
    expect((await ok<SyncResult>(a.core, 'sync.now')).error?.message).toMatch(/30 hours ahead/);
    pass(60_000, a, b, c);
    await ok(b.core, 'clients.update', { id: ada.id, patch: { notes: 'walks daily' } });
    await sync(b.core);
    expect((await ok<SyncResult>(a.core, 'sync.now')).error?.code).toBe('sync-clock');

    a.clock.advance(-30 * HOUR);
    pass(60_000, a, b, c);
    await sync(a.core);
    // Later by the corrected clocks (past the minute an edit time may run ahead): the reception
    // computer changes the weight A had changed.
    pass(2 * 60_000, a, b, c);
    await ok(c.core, 'clients.update', { id: ada.id, patch: { weightKg: 72 } });
    await sync(c.core);
    await sync(b.core);
    await sync(a.core);
    await sync(c.core);

    const [ca, cb, cc] = await Promise.all(
      [a, b, c].map((d) => ok<Client>(d.core, 'clients.get', { id: ada.id }).then(person)),
    );
    expect(ca).toEqual({ weightKg: 72, phone: '+44 20 7946 0001', notes: 'walks daily', email: 'ada@example.org' });
    expect(cb).toEqual(ca);
    expect(cc).toEqual(ca);
  });

  it('changes stamped while the clock was fast and the network down are stamped again and sent once it is right', async () => {
    const { a, join } = await practice(proxy.url);
    const kit = await ok<Client>(a.core, 'clients.create', { name: 'Kit Example' });
    await sync(a.core);
    pass(60_000, a);
    a.clock.advance(48 * HOUR);
    await ok(a.core, 'clients.update', { id: kit.id, patch: { weightKg: 81 } });
    proxy.drop('/v1/sync/push', 'before-server', 10);
    expect((await ok<SyncResult>(a.core, 'sync.now')).error?.code).toBe('sync-offline');
    proxy.drop('/v1/sync/push', 'before-server', 0);
    // The outbox holds stamps two days ahead; the clock is corrected before the next run.
    expect(latestStampWall(a.core)).toBeGreaterThan(serverClock.now() + 24 * HOUR);
    a.clock.advance(-48 * HOUR);
    pass(60_000, a);
    await sync(a.core);
    expect((await ok<SyncStatus>(a.core, 'sync.status')).pending).toBe(0);
    expect(latestStampWall(a.core)).toBeLessThanOrEqual(serverClock.now() + 60_000);
    const b = await join('Laptop');
    await sync(b.core);
    expect((await ok<Client>(b.core, 'clients.get', { id: kit.id })).weightKg).toBe(81);
  });

  it('sends again an edit an earlier version dropped for its future stamp, which it kept', async () => {
    const { a, client: kit, others } = await sharedClient({ name: 'Kit Example' }, 'Laptop');
    const [b] = others;
    pass(60_000, a, b);
    await ok(a.core, 'clients.update', { id: kit.id, patch: { weightKg: 64 } });
    // What an earlier version left after the server refused a stamp two days ahead: the change gone
    // from the queue, the future stamp kept, and nothing saying it was looked for.
    const { sqlite } = a.core.session.database();
    const deviceId = (await ok<SyncStatus>(a.core, 'sync.status')).deviceId ?? '';
    const future = `${String(serverClock.now() + 48 * HOUR).padStart(15, '0')}-000000-${deviceId}`;
    sqlite.prepare("DELETE FROM sync_dirty WHERE tbl = 'clients' AND field = 'weight_kg'").run();
    sqlite
      .prepare("INSERT OR REPLACE INTO sync_stamps (tbl, row_id, field, hlc) VALUES ('clients', ?, 'weight_kg', ?)")
      .run(kit.id, future);
    sqlite.prepare("DELETE FROM sync_state WHERE key = 'future_stamps_checked'").run();

    pass(60_000, a, b);
    await sync(a.core);
    expect(latestStampWall(a.core)).toBeLessThanOrEqual(serverClock.now() + 60_000);
    await sync(b.core);
    expect((await ok<Client>(b.core, 'clients.get', { id: kit.id })).weightKg).toBe(64);
    // And a later edit elsewhere is taken here again.
    pass(2 * 60_000, a, b);
    await ok(b.core, 'clients.update', { id: kit.id, patch: { weightKg: 63 } });
    await sync(b.core);
    await sync(a.core);
    expect((await ok<Client>(a.core, 'clients.get', { id: kit.id })).weightKg).toBe(63);
  });
});

describe('a held edit and a computer whose clock runs a few hours ahead', () => {
  it('the held edit, skipped pulls included, is stamped after what it skipped: all computers end equal', async () => {
    const { a, b, ada, refused } = await aheadTwoDays();
    expect(refused.error?.code).toBe('sync-clock');
    // B's clock is five hours ahead: within what the server accepts, and later than A's resend.
    b.clock.advance(5 * HOUR);
    await ok(b.core, 'clients.update', { id: ada.id, patch: { weightKg: 65 } });
    await sync(b.core);
    expect((await ok<SyncResult>(a.core, 'sync.now')).error?.code).toBe('sync-clock');
    a.clock.advance(-48 * HOUR);
    pass(60_000, a, b);
    await sync(a.core);
    await sync(b.core);
    await sync(a.core);
    const wa = (await ok<Client>(a.core, 'clients.get', { id: ada.id })).weightKg;
    const wb = (await ok<Client>(b.core, 'clients.get', { id: ada.id })).weightKg;
    expect(wa).toBe(70);
    expect(wb).toBe(wa);
  });
});

describe('the clock message', () => {
  it('says how far ahead, what the server’s time is, what is kept and what to do', () => {
    const server = Date.parse('2026-03-15T10:00:00Z');
    expect(clockAheadMessage(30 * HOUR + 20 * 60_000, server, 3)).toBe(
      "This computer's clock is 30 hours ahead of the server's (the server's time is 2026-03-15 10:00 UTC), so the " +
        'server refused its changes. The 3 changes are kept on this computer and sent once its clock is right: correct ' +
        "this computer's date and time (or turn on setting them automatically), then sync again.",
    );
    expect(clockAheadMessage(HOUR, server, 1)).toMatch(/clock is an hour ahead .* The change is kept/);
    expect(clockAheadMessage(25 * 60_000, server, 2)).toMatch(/clock is 25 minutes ahead/);
  });
});

describe('holding back changes stamped in the future', () => {
  const ME = '0190aaaa-0000-7000-8000-00000000000a';
  const OTHER = '0190bbbb-0000-7000-8000-00000000000b';

  it('puts back only this computer’s own stamps past the horizon, keeps the rest queued under a new key', async () => {
    const clock = fixedClock(START);
    const core = await unlockedCore({ clock });
    const { sqlite } = core.session.database();
    enableSync(sqlite);
    const early = await ok<Client>(core, 'clients.create', { name: 'Early Example' });
    clock.advance(48 * HOUR);
    const late = await ok<Client>(core, 'clients.create', { name: 'Late Example' });
    // One batch: the early change stamped at its edit time, the late one two days on.
    stageChanges(sqlite, new HybridClock(ME, null, clock.now), generatePracticeKey());
    const before = outboxBatches(sqlite);
    expect(before).toHaveLength(1);
    // A stamp of another computer's, a day ahead, accepted by the server and pulled here.
    const theirs = formatHlc({ wall: Date.parse(START) + 20 * HOUR, counter: 0, node: OTHER });
    sqlite
      .prepare("INSERT OR REPLACE INTO sync_stamps (tbl, row_id, field, hlc) VALUES ('clients', ?, 'phone', ?)")
      .run(early.id, theirs);
    const lateFields = (
      sqlite.prepare('SELECT count(*) AS n FROM sync_outbox WHERE row_id = ?').get(late.id) as {
        n: number;
      }
    ).n;

    const held = holdFutureChanges(sqlite, ME, Date.parse(START) + 10 * 60_000);
    expect(held).toBe(lateFields);
    const dirty = sqlite.prepare('SELECT row_id, at_ms FROM sync_dirty').all() as { row_id: string; at_ms: number }[];
    expect(new Set(dirty.map((d) => d.row_id))).toEqual(new Set([late.id]));
    for (const d of dirty) expect(d.at_ms).toBeGreaterThanOrEqual(Date.parse(START) + 48 * HOUR);
    expect(sqlite.prepare('SELECT 1 FROM sync_stamps WHERE row_id = ?').all(late.id)).toEqual([]);
    expect(sqlite.prepare('SELECT 1 FROM sync_outbox WHERE row_id = ?').all(late.id)).toEqual([]);
    // The early change stays queued as it was, under a new key (its batch lost changes); theirs stays.
    const after = outboxBatches(sqlite);
    expect(after).toHaveLength(1);
    expect(after[0]?.key).not.toBe(before[0]?.key);
    expect(after[0]?.changes).toEqual(before[0]?.changes.filter((c) => c.id === early.id));
    expect(after[0]?.changes.length).toBeGreaterThan(0);
    const stamp = sqlite.prepare("SELECT hlc FROM sync_stamps WHERE row_id = ? AND field = 'phone'").get(early.id) as {
      hlc: string;
    };
    expect(stamp.hlc).toBe(theirs);
  });
});

describe('three computers: a fast clock, a delete racing a later edit, and a cascade', () => {
  it('end equal, with the deleted client readable nowhere', async () => {
    const { a, join } = await practice();
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example', weightKg: 60 });
    const zed = await ok<Client>(a.core, 'clients.create', {
      name: 'Zed Privatename',
      phone: '+44 20 7946 0555',
      notes: 'ZEDNOTE private history',
    });
    const meal = (clientId: string, note: string) => ({
      kind: 'diet',
      clientId,
      date: '2026-03-15',
      foodId: 'usda:09040',
      grams: 100,
      note,
    });
    await ok(a.core, 'log.add', meal(zed.id, 'ZEDMEAL first'));
    await sync(a.core);
    const b = await join('Laptop');
    const c = await join('Reception');
    await sync(b.core);
    await sync(c.core);

    // Apart: C's clock runs 30 hours fast and it changes Ada's weight; A deletes Zed (with his log);
    // a minute later B, not knowing, edits Zed and logs a meal for him, and syncs first.
    pass(60_000, a, b, c);
    c.clock.advance(30 * HOUR);
    await ok(c.core, 'clients.update', { id: ada.id, patch: { weightKg: 64 } });
    await ok(a.core, 'clients.delete', { id: zed.id });
    pass(60_000, a, b, c);
    await ok(b.core, 'clients.update', { id: zed.id, patch: { notes: 'SECRET written after the delete' } });
    await ok(b.core, 'log.add', meal(zed.id, 'SECRETMEAL logged after the delete'));
    await sync(b.core);
    expect((await ok<SyncResult>(c.core, 'sync.now')).error?.code).toBe('sync-clock');
    await sync(a.core);

    // C's clock is corrected; everyone syncs in turn.
    c.clock.advance(-30 * HOUR);
    pass(60_000, a, b, c);
    for (const d of [c, b, a, c, b]) await sync(d.core);

    for (const d of [a, b, c]) {
      expect((await ok<Client>(d.core, 'clients.get', { id: ada.id })).weightKg).toBe(64);
      const text = localText(d, zed.id);
      for (const s of ['Privatename', '7946 0555', 'ZEDNOTE', 'ZEDMEAL', 'SECRET']) expect(text, s).not.toContain(s);
      expect(syncedContent(d, zed.id)).toEqual(syncedContent(a, zed.id));
    }
    const onServer = await serverText(server.current.pool, a, zed.id);
    expect(onServer.rows).toBeGreaterThan(1); // the client and his entries, erased
    for (const s of ['Privatename', '7946 0555', 'ZEDNOTE', 'ZEDMEAL', 'SECRET'])
      expect(onServer.text, s).not.toContain(s);
  });
});
