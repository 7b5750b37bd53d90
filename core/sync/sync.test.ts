import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client, ClientSummary } from '../contract/clients.ts';
import type { LogEntry } from '../contract/log.ts';
import type { SyncStatus } from '../contract/sync.ts';
import { ok } from '../test-utils/core-harness.ts';
import { ACCOUNT, practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { diet, snapshot } from '../test-utils/sync-inspect.ts';

/**
 * Two (or three) real devices — each a core over its own SQLCipher database — syncing through the
 * real server over a real PostgreSQL. Clocks are the app's (fake, advanced by hand) so "later" is
 * exact; everything else is what a practitioner runs.
 */

const server = useSyncServer();

describe('sync between devices', () => {
  it('two devices edit the same client offline and converge, field by field', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', {
      name: 'Ada Example',
      email: 'ada@example.org',
      notes: 'likes oats',
    });
    await ok(a.core, 'log.add', diet(ada.id, 100));
    await sync(a.core);
    const b = await join('Laptop');
    const first = await sync(b.core);
    expect(first.changed).toEqual(
      expect.arrayContaining([
        { table: 'clients', count: 1 },
        { table: 'events', count: 1 },
      ]),
    );
    expect((await snapshot(b.core, ada.id)).client?.name).toBe('Ada Example');

    // Offline: A edits weight and notes; B, a minute later, edits weight and phone and logs a meal.
    a.clock.advance(60_000);
    await ok(a.core, 'clients.update', { id: ada.id, patch: { weightKg: 61, notes: 'likes oats; walks daily' } });
    b.clock.advance(120_000);
    await ok(b.core, 'clients.update', { id: ada.id, patch: { weightKg: 62, phone: '+44 20 7946 0000' } });
    await ok(b.core, 'log.add', diet(ada.id, 50));

    await sync(a.core);
    const fromB = await sync(b.core);
    expect(fromB.conflicts).toBe(0); // B's weight is the later edit: nothing of B's lost
    await sync(a.core);
    const sa = await snapshot(a.core, ada.id);
    const sb = await snapshot(b.core, ada.id);
    expect(sa).toEqual(sb);
    expect(sa.client).toMatchObject({
      weightKg: 62,
      phone: '+44 20 7946 0000',
      notes: 'likes oats; walks daily',
      email: 'ada@example.org',
    });
    expect(sa.entries).toHaveLength(2);
    expect(sa.kcal).toBeCloseTo(133.5, 5); // daily totals follow pulled events (SR28 banana, 89 kcal/100 g)
  });

  it('an empty value never overwrites a real one because a device was behind', async () => {
    const { a, join } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Ben Example' });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    a.clock.advance(1000);
    await ok(a.core, 'clients.update', { id: c.id, patch: { notes: 'allergic to nothing, loves fish' } });
    await sync(a.core);
    // B has not pulled the note; it edits another field much later and syncs.
    b.clock.advance(3_600_000);
    await ok(b.core, 'clients.update', { id: c.id, patch: { weightKg: 80 } });
    await sync(b.core);
    await sync(a.core);
    for (const d of [a, b])
      expect((await snapshot(d.core, c.id)).client).toMatchObject({
        notes: 'allergic to nothing, loves fish',
        weightKg: 80,
      });
  });

  it('edit vs delete: the delete wins over a later edit made without seeing it, on every device', async () => {
    const { a, join } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Cleo Example', notes: 'private note' });
    const meal = (await ok<{ entry: LogEntry }>(a.core, 'log.add', diet(c.id, 100))).entry;
    await ok(a.core, 'log.add', diet(c.id, 200));
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    a.clock.advance(1000);
    await ok(a.core, 'log.delete', { id: meal.id });
    b.clock.advance(5000);
    await ok(b.core, 'log.update', { id: meal.id, entry: diet(c.id, 300) });
    await sync(a.core);
    await sync(b.core);
    await sync(a.core);
    const sa = await snapshot(a.core, c.id);
    expect(sa).toEqual(await snapshot(b.core, c.id));
    expect(sa.entries).toHaveLength(1);
    expect(sa.kcal).toBeCloseTo(178, 5);

    // Deleting the client erases its personal fields everywhere, even against a later edit of the name.
    a.clock.advance(10_000);
    await ok(a.core, 'clients.delete', { id: c.id });
    b.clock.advance(60_000);
    await ok(b.core, 'clients.update', { id: c.id, patch: { name: 'Cleo Renamed' } });
    await sync(a.core);
    await sync(b.core);
    await sync(a.core);
    for (const d of [a, b]) {
      expect((await ok<ClientSummary[]>(d.core, 'clients.list', {})).map((x) => x.id)).not.toContain(c.id);
      const row = d.core.session
        .database()
        .sqlite.prepare('SELECT name, notes, deleted_at FROM clients WHERE id = ?')
        .get(c.id);
      expect(row).toMatchObject({ name: '', notes: null });
    }
    const onServer = await server.current.pool.query('SELECT fields FROM clients WHERE id = $1', [c.id]);
    expect(onServer.rows[0].fields.name).toBe(null); // erased: the server keeps no name at all
    expect(JSON.stringify(onServer.rows[0].fields)).not.toContain('Cleo');
  });

  it('leaves nothing readable about a client on the server: not in any table, not in its files', async () => {
    const { a } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', {
      name: 'Dora Unique-Surname',
      email: 'dora.unique@example.org',
      phone: '+1 202 555 0143',
      notes: 'sensitive free text',
      birthDate: '1980-04-02',
      sex: 'female',
      heightCm: 163,
      weightKg: 58,
    });
    await ok(a.core, 'clients.update', {
      id: c.id,
      patch: { lifeStage: 'pregnant', lifeStageDetail: 2, allergies: ['Peanut'], conditions: ['hypertension'] },
    });
    await ok(a.core, 'foods.createCustom', {
      name: 'Dora Unique-Surname porridge',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 987.65, proteinG: 10 },
      portions: [],
    });
    for (const date of ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12'])
      await ok(a.core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId: 'usda:09040', grams: 250 });
    await ok(a.core, 'recommendations.evaluate', { clientId: c.id });
    const recs = await ok<{ message: string }[]>(a.core, 'recommendations.list', { clientId: c.id });
    expect(recs.length).toBeGreaterThan(0);
    await sync(a.core);

    const seeded = [
      'Unique-Surname', // the name, also in a custom food's name
      'dora.unique',
      '555 0143',
      'sensitive free text',
      '1980-04-02',
      'pregnant', // the pregnancy flag's value
      '987.65', // an energy value
      ...recs.map((r) => r.message.slice(0, 40)), // what a recommendation says
    ];
    // Every table of the server's database, every row, as text.
    const pool = server.current.pool;
    const tables = await pool.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    let text = '';
    for (const t of tables.rows)
      text += (await pool.query(`SELECT to_jsonb(x)::text AS t FROM "${t.name}" x`)).rows.map((r) => r.t).join('\n');
    expect(text).toContain(c.id); // the rows are there (their ids are not secret)
    for (const value of seeded) expect(text, value).not.toContain(value);
    // And PostgreSQL's own files: table pages and the write-ahead log, after a checkpoint.
    await pool.query('CHECKPOINT');
    const dir = (await pool.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]?.d ?? '';
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name)).toString('latin1');
      for (const value of seeded) if (bytes.includes(value)) hits.push(`${value} in ${f.name}`);
    }
    expect(hits).toEqual([]);
  });

  it('a custom food with its household measures reaches the other device', async () => {
    const { a, join } = await practice(server.current.url);
    await ok(a.core, 'foods.createCustom', {
      name: 'Clinic granola',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 450, proteinG: 10 },
      portions: [{ amount: 1, unit: 'bowl', grams: 60 }],
    });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    const hits = await ok<{ id: string; name: string }[]>(b.core, 'foods.search', { query: 'clinic granola' });
    expect(hits[0]?.name).toBe('Clinic granola');
    const food = await ok<{ portions: { unit: string; grams: number }[] }>(b.core, 'foods.get', { id: hits[0]?.id });
    expect(food.portions).toEqual([expect.objectContaining({ unit: 'bowl', grams: 60 })]);
  });
});

describe('signing out and in again', () => {
  it('sends only what changed meanwhile: a newer edit from another computer is kept', async () => {
    const { a, join } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Ida Example', weightKg: 60 });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    a.clock.advance(60_000);
    await ok(a.core, 'clients.update', { id: c.id, patch: { weightKg: 61 } });
    b.clock.advance(120_000);
    await ok(b.core, 'clients.update', { id: c.id, patch: { phone: '+44 20 7946 0000' } });
    await sync(b.core);
    await sync(a.core);
    b.clock.advance(60_000);
    await ok<SyncStatus>(b.core, 'sync.signOut', {});
    // Edited while signed out: recorded, and sent after signing in again.
    await ok(b.core, 'clients.update', { id: c.id, patch: { notes: 'written while signed out' } });
    await ok<SyncStatus>(b.core, 'sync.signIn', {
      serverUrl: server.current.url,
      email: (
        b.core.session.database().sqlite.prepare("SELECT value FROM sync_state WHERE key = 'email'").get() as {
          value: string;
        }
      ).value,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: 'Laptop',
    });
    await sync(b.core);
    await sync(a.core);
    for (const d of [a, b])
      expect(await ok<Client>(d.core, 'clients.get', { id: c.id })).toMatchObject({
        weightKg: 61,
        phone: '+44 20 7946 0000',
        notes: 'written while signed out',
      });
  });

  it('refuses to join a second practice with the first one’s data, which stays out of it', async () => {
    const { a } = await practice(server.current.url);
    await ok<Client>(a.core, 'clients.create', { name: 'Practice One Client' });
    await sync(a.core);
    await ok<SyncStatus>(a.core, 'sync.signOut', {});
    const other = await practice(server.current.url);
    const refused = await a.core.dispatch('sync.signIn', {
      serverUrl: server.current.url,
      email: other.email,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: 'Desk',
    });
    expect(refused).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/another practice/) });
    expect((await ok<SyncStatus>(a.core, 'sync.status')).signedIn).toBe(false);
    await sync(other.a.core);
    expect((await ok<ClientSummary[]>(other.a.core, 'clients.list', {})).map((x) => x.name)).not.toContain(
      'Practice One Client',
    );
  });

  it('signing out with unsent changes discarded takes the server’s version back on the next sign-in', async () => {
    const { a, email } = await practice(server.current.url);
    const c = await ok<Client>(a.core, 'clients.create', { name: 'Jo Example', weightKg: 70 });
    await sync(a.core);
    await ok(a.core, 'clients.update', { id: c.id, patch: { weightKg: 99 } });
    await ok<SyncStatus>(a.core, 'sync.signOut', { discardUnsent: true });
    await ok<SyncStatus>(a.core, 'sync.signIn', {
      serverUrl: server.current.url,
      email,
      password: ACCOUNT.password,
      practicePassphrase: ACCOUNT.practicePassphrase,
      deviceName: 'Desk',
    });
    await sync(a.core);
    expect((await ok<Client>(a.core, 'clients.get', { id: c.id })).weightKg).toBe(70);
  });
});
