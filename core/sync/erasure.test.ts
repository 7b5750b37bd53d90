import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { PhotoAnalysis } from '../contract/photos.ts';
import type { SyncResult } from '../contract/sync.ts';
import { ok } from '../test-utils/core-harness.ts';
import {
  joinAll,
  practice as newPractice,
  sync as syncRun,
  useSyncServer,
  type Device,
} from '../test-utils/sync-harness.ts';
import { localText, rowIdsOf, serverText, sqliteOf, syncedContent } from '../test-utils/sync-inspect.ts';
import { CLIENT_CHILD_TABLES } from './protocol/tables.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';

/**
 * Deleting a client is an erasure, on every computer and on the server, whatever the order in which
 * computers sync. Real devices (cores over their own SQLCipher databases) sync through the real server
 * over a real PostgreSQL; only the clocks are fake, advanced by hand so "later" is exact.
 */

const server = useSyncServer();

const sync = (d: Device): Promise<SyncResult> => syncRun(d.core);

const meal = (clientId: string, note: string, grams = 100) => ({
  kind: 'diet',
  clientId,
  date: '2026-03-15',
  foodId: 'usda:09040',
  grams,
  note,
});

/** The seeded personal values: none of them may be readable anywhere once the client is deleted. */
const SEED = {
  name: 'Zelda Quillfeather',
  email: 'zelda.quillfeather@example.org',
  phone: '+44 20 7946 0999',
  notes: 'SEEDNOTE insulin at night',
  birthDate: '1971-07-09',
  allergies: ['Sesame-seedallergy'],
  tags: ['seedtag-vip'],
};
const SECRETS = [
  'Quillfeather',
  'zelda.quillfeather',
  '7946 0999',
  'SEEDNOTE',
  '1971-07-09',
  'seedallergy',
  'seedtag',
  'SEEDMEAL',
  'SEEDTARGET',
  'SECRET',
  'type-2-diabetes',
];

async function seedClient(d: Device): Promise<Client> {
  const c = await ok<Client>(d.core, 'clients.create', {
    ...SEED,
    sex: 'female',
    heightCm: 170,
    weightKg: 70,
    conditions: ['type-2-diabetes'],
  });
  await ok(d.core, 'log.add', meal(c.id, 'SEEDMEAL eaten at her sister’s'));
  await ok(d.core, 'targets.set', { clientId: c.id, overrides: { energyKcal: 1800 }, note: 'SEEDTARGET per GP' });
  await ok(d.core, 'recommendations.evaluate', { clientId: c.id });
  return c;
}

const expectNoSecret = (text: string, where: string) => {
  for (const s of SECRETS) expect(text, `${where} still holds "${s}"`).not.toContain(s);
};

/** A practice whose computer A made a client with `make`, synced, and the computers `names` pulled it. */
async function sharedClient<N extends string[]>(make: (a: Device) => Promise<Client>, ...names: N) {
  const p = await newPractice(server.current.url);
  const c = await make(p.a);
  return { a: p.a, c, others: await joinAll(p, ...names) };
}

/** A deletes the client ten seconds on, without syncing. */
async function deleteOffline(a: Device, c: Client): Promise<void> {
  a.clock.advance(10_000);
  await ok(a.core, 'clients.delete', { id: c.id });
}

describe('deleting a client erases them everywhere', () => {
  it('an edit made after the delete on another computer that syncs first is erased on the server and everywhere', async () => {
    const { a, c, others } = await sharedClient(
      (d) => ok<Client>(d.core, 'clients.create', { name: 'Xena Example', phone: '+1 202 555 0100' }),
      'B',
    );
    const [b] = others;

    // Offline: A deletes X; B, later, edits X's phone and notes without having seen the delete.
    await deleteOffline(a, c);
    b.clock.advance(60_000);
    await ok(b.core, 'clients.update', {
      id: c.id,
      patch: { phone: '+1 202 555 0199', notes: 'SECRET written after the delete' },
    });
    await sync(b); // B first: the server holds the later edit until the delete arrives
    await sync(a);
    await sync(b);

    for (const d of [a, b]) {
      const row = sqliteOf(d).prepare('SELECT name, phone, notes, deleted_at FROM clients WHERE id = ?').get(c.id);
      expect(row, d.name).toMatchObject({ name: '', phone: null, notes: null });
      expect((row as { deleted_at: number | null }).deleted_at).not.toBeNull();
      expect(localText(d, c.id)).not.toContain('0199');
      expectNoSecret(localText(d, c.id), d.name);
    }
    const onServer = await serverText(server.current.pool, a, c.id);
    expect(onServer.text).not.toContain('0199');
    expect(onServer.text).not.toContain('Xena');
    expectNoSecret(onServer.text, 'server');
    expect(syncedContent(a, c.id)).toEqual(syncedContent(b, c.id));
  });

  it('cascades to log entries, targets, recommendations, photos and audit details on every computer', async () => {
    const { a, c, others } = await sharedClient(seedClient, 'B');
    const [b] = others;
    // B has a photo of the client's meal (photos stay on the computer that took them).
    await ok<PhotoAnalysis>(b.core, 'photos.analyze', {
      clientId: c.id,
      fileName: 'E009.jpeg',
      dataBase64: fs.readFileSync(path.join(PICTURES, 'E009.jpeg')).toString('base64'),
    });
    const seeded = rowIdsOf(b, c.id);
    expect(seeded.events.length).toBeGreaterThan(0);
    expect(seeded.client_targets.length).toBeGreaterThan(0);
    expect(sqliteOf(b).prepare('SELECT count(*) AS n FROM meal_photos WHERE client_id = ?').get(c.id)).toEqual({
      n: 1,
    });
    expect(localText(b, c.id)).toContain('SEEDMEAL');
    const analyzed = sqliteOf(b)
      .prepare("SELECT fields FROM audit_log WHERE entity_id = ? AND entity = 'photo'")
      .get(c.id) as { fields: string };
    expect(JSON.parse(analyzed.fields)).not.toEqual([]);

    await deleteOffline(a, c);
    // The deleting computer erased everything about the client at once.
    expectNoSecret(localText(a, c.id), 'A before syncing');
    await sync(a);
    await sync(b);

    for (const d of [a, b]) {
      const db = sqliteOf(d);
      for (const t of CLIENT_CHILD_TABLES)
        expect(
          db.prepare(`SELECT count(*) AS n FROM ${t} WHERE client_id = ? AND deleted_at IS NULL`).get(c.id),
          `${d.name} ${t}`,
        ).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM meal_photos WHERE client_id = ?').get(c.id)).toEqual({ n: 0 });
      expectNoSecret(localText(d, c.id), d.name);
      // The audit trail keeps who did what and when, without the details.
      const trail = db.prepare('SELECT action, fields FROM audit_log WHERE entity_id = ?').all(c.id) as {
        action: string;
        fields: string;
      }[];
      expect(trail.length, d.name).toBeGreaterThan(0);
      for (const e of trail) expect(e.fields, `${d.name} ${e.action}`).toBe('[]');
    }
    expect(
      sqliteOf(a).prepare("SELECT fields FROM audit_log WHERE entity_id = ? AND action = 'delete'").get(c.id),
    ).toEqual({ fields: '[]' });
    expect(syncedContent(a, c.id)).toEqual(syncedContent(b, c.id));
    const onServer = await serverText(server.current.pool, a, c.id);
    expect(onServer.rows).toBeGreaterThan(2);
    expectNoSecret(onServer.text, 'server');
  });

  it('a meal logged for the client on another computer after the delete is dropped by the server and erased there', async () => {
    const { a, c, others } = await sharedClient(
      (d) => ok<Client>(d.core, 'clients.create', { name: 'Yann Example' }),
      'B',
    );
    const [b] = others;
    await deleteOffline(a, c);
    await sync(a);
    b.clock.advance(60_000);
    await ok(b.core, 'log.add', meal(c.id, 'SECRET meal logged after the delete'));
    await sync(b); // pushes the meal (dropped by the server), then pulls the delete
    await sync(a);
    for (const d of [a, b]) expectNoSecret(localText(d, c.id), d.name);
    expectNoSecret((await serverText(server.current.pool, a, c.id)).text, 'server');
    expect(syncedContent(a, c.id)).toEqual(syncedContent(b, c.id));
  });

  it('three computers: a cascade delete racing later edits and log entries converges with nothing left', async () => {
    const { a, c, others } = await sharedClient(seedClient, 'B', 'C');
    const [b, cc] = others;

    // Offline on all three: A deletes; B later edits the client, logs a meal, overrides a target;
    // C, later still, logs a meal and edits the existing log entry's note.
    await deleteOffline(a, c);
    b.clock.advance(60_000);
    await ok(b.core, 'clients.update', {
      id: c.id,
      patch: { notes: 'SECRET later note', phone: '+44 20 7946 0999', allergies: ['SECRET peanut'] },
    });
    await ok(b.core, 'log.add', meal(c.id, 'SECRET B meal'));
    await ok(b.core, 'targets.set', { clientId: c.id, overrides: { energyKcal: 1500 }, note: 'SECRET B target' });
    cc.clock.advance(120_000);
    await ok(cc.core, 'log.add', meal(c.id, 'SECRET C meal', 50));
    const existing = rowIdsOf(cc, c.id).events[0]!;
    await ok(cc.core, 'log.update', { id: existing, entry: meal(c.id, 'SECRET C edit', 80) });

    // Adversarial order: the later writers first, the delete in the middle, then everyone again.
    await sync(b);
    await sync(cc);
    await sync(a);
    await sync(cc);
    await sync(b);
    await sync(a);

    const contents = [a, b, cc].map((d) => syncedContent(d, c.id));
    expect(contents[1]).toEqual(contents[0]);
    expect(contents[2]).toEqual(contents[0]);
    for (const d of [a, b, cc]) {
      expectNoSecret(localText(d, c.id), d.name);
      expect(
        sqliteOf(d).prepare('SELECT count(*) AS n FROM clients WHERE id = ? AND deleted_at IS NULL').get(c.id),
      ).toEqual({
        n: 0,
      });
    }
    const onServer = await serverText(server.current.pool, a, c.id);
    expect(onServer.rows).toBeGreaterThan(4);
    expectNoSecret(onServer.text, 'server');
  });

  it('a computer’s own delete coming back is not reported as received', async () => {
    const { a, c, others } = await sharedClient(seedClient, 'B');
    const [b] = others;
    await deleteOffline(a, c);
    const own = await sync(a);
    expect(own.pushed).toBeGreaterThan(0);
    expect(own.pulled).toBe(0);
    expect(own.changed).toEqual([]);
    // The other computer does receive it.
    const other = await sync(b);
    expect(other.changed).toEqual(expect.arrayContaining([{ table: 'clients', count: 1 }]));
    expect((await sync(a)).pulled).toBe(0);
  });
});
