import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { FoodHit } from '../contract/foods.ts';
import type { Favourite, LogEntry, MealTemplate } from '../contract/log.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { sqliteOf } from '../test-utils/sync-inspect.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * Favourite foods and meal templates between two real computers (each a core over its own SQLCipher
 * database) through the real server over a real PostgreSQL: they travel, the server holds only
 * ciphertext of them, and a deleted client's are erased there and gone from every computer.
 */

const server = useSyncServer();

const MILK = 'usda:01077';
const BANANA = 'usda:09040';
const TEMPLATE_NAME = "Ada's usual breakfast";
const NOTE = 'very ripe, mashed';
const TABLES = ['client_favourites', 'meal_templates'] as const;

async function serverRows(table: string, clientId: string) {
  const r = await server.current.pool.query<{ id: string; fields: Record<string, unknown> }>(
    `SELECT id::text AS id, fields FROM ${table} WHERE fields->>'client_id' = $1 ORDER BY id`,
    [clientId],
  );
  return r.rows;
}

describe('favourites and meal templates sync', () => {
  it('reach the other computer, edits come back, and the server holds ciphertext only', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    await ok(a.core, 'log.setFavourite', { clientId: ada.id, foodId: MILK, favourite: true });
    const add = (extra: object) =>
      ok(a.core, 'log.add', { kind: 'diet', clientId: ada.id, date: '2026-03-10', meal: 'breakfast', ...extra });
    await add({ foodId: BANANA, amount: '1 medium', note: NOTE });
    await add({ foodId: MILK, grams: 250 });
    const template = await ok<MealTemplate>(a.core, 'log.saveTemplate', {
      clientId: ada.id,
      name: TEMPLATE_NAME,
      date: '2026-03-10',
      meal: 'breakfast',
    });
    await sync(a.core);

    const b = await join('Laptop');
    await sync(b.core);
    expect((await ok<Favourite[]>(b.core, 'log.favourites', { clientId: ada.id })).map((f) => f.foodId)).toEqual([
      MILK,
    ]);
    const hits = await ok<FoodHit[]>(b.core, 'foods.search', { query: '', clientId: ada.id, limit: 5 });
    expect(hits[0]).toMatchObject({ id: MILK, favourite: true });
    expect(await ok(b.core, 'log.templates', { clientId: ada.id })).toEqual([template]);

    // The server relays and never reads: only ids, the client link and times are readable.
    for (const t of TABLES) {
      const rows = await serverRows(t, ada.id);
      expect(rows, t).toHaveLength(1);
      for (const [field, value] of Object.entries(rows[0]!.fields)) {
        if (field === 'client_id' || field === 'deleted_at') continue;
        expect(String(value), `${t}.${field}`).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));
      }
    }
    const stored = JSON.stringify(await Promise.all(TABLES.map((t) => serverRows(t, ada.id))));
    for (const plain of [TEMPLATE_NAME, NOTE, '1 medium', MILK, BANANA, 'breakfast', 'Bananas'])
      expect(stored).not.toContain(plain);

    // B logs the template, renames it and unstars milk; A gets all of it.
    b.clock.advance(60_000);
    await ok(b.core, 'log.logTemplate', { id: template.id, date: '2026-03-11', meal: 'breakfast' });
    await ok(b.core, 'log.renameTemplate', { id: template.id, name: 'Weekday breakfast' });
    await ok(b.core, 'log.setFavourite', { clientId: ada.id, foodId: MILK, favourite: false });
    await sync(b.core);
    await sync(a.core);
    expect(await ok(a.core, 'log.favourites', { clientId: ada.id })).toEqual([]);
    const [renamed] = await ok<MealTemplate[]>(a.core, 'log.templates', { clientId: ada.id });
    expect(renamed?.name).toBe('Weekday breakfast');
    const logged = await ok<LogEntry[]>(a.core, 'log.list', { clientId: ada.id, from: '2026-03-11', to: '2026-03-11' });
    expect(logged.map((e) => [e.food?.id, e.food?.amountText ?? null, e.note])).toEqual([
      [BANANA, '1 medium', NOTE],
      [MILK, null, null],
    ]);

    // A deletes the template; B's list empties.
    a.clock.advance(60_000);
    await ok(a.core, 'log.deleteTemplate', { id: template.id });
    await sync(a.core);
    await sync(b.core);
    expect(await ok(b.core, 'log.templates', { clientId: ada.id })).toEqual([]);
  });

  it("an erased client's favourites and templates are erased on the server and gone from every computer", async () => {
    const { a, join } = await practice(server.current.url);
    const cleo = await ok<Client>(a.core, 'clients.create', { name: 'Cleo Example' });
    await ok(a.core, 'log.setFavourite', { clientId: cleo.id, foodId: BANANA, favourite: true });
    await ok(a.core, 'log.add', {
      kind: 'diet',
      clientId: cleo.id,
      date: '2026-03-10',
      meal: 'lunch',
      foodId: BANANA,
      grams: 120,
    });
    await ok(a.core, 'log.saveTemplate', { clientId: cleo.id, name: TEMPLATE_NAME, date: '2026-03-10', meal: 'lunch' });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    expect(await ok<MealTemplate[]>(b.core, 'log.templates', { clientId: cleo.id })).toHaveLength(1);

    // B deletes the client; A, offline, renames the template later still.
    b.clock.advance(10_000);
    await ok(b.core, 'clients.delete', { id: cleo.id });
    for (const t of TABLES)
      expect(sqliteOf(b).prepare(`SELECT count(*) AS n FROM ${t} WHERE client_id = ?`).get(cleo.id)).toEqual({ n: 0 });
    a.clock.advance(60_000);
    const [onA] = await ok<MealTemplate[]>(a.core, 'log.templates', { clientId: cleo.id });
    await ok(a.core, 'log.renameTemplate', { id: onA!.id, name: 'Edited after the delete' });
    await sync(b.core);
    await sync(a.core);
    await sync(b.core);

    // On the server each row keeps only its id, the client link and the delete: nothing else.
    for (const t of TABLES) {
      const rows = await serverRows(t, cleo.id);
      expect(rows, t).toHaveLength(1);
      for (const r of rows) {
        const kept = Object.entries(r.fields).filter(([, v]) => v !== null);
        expect(kept.map(([f]) => f).sort(), t).toEqual(['client_id', 'deleted_at']);
      }
    }
    for (const d of [a, b]) {
      for (const t of TABLES)
        expect(sqliteOf(d).prepare(`SELECT count(*) AS n FROM ${t} WHERE client_id = ?`).get(cleo.id)).toEqual({
          n: 0,
        });
      expect(sqliteOf(d).prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
      expect(
        sqliteOf(d)
          .prepare(`SELECT count(*) AS n FROM sync_dirty WHERE tbl IN ('client_favourites', 'meal_templates')`)
          .get(),
      ).toEqual({ n: 0 });
    }
  });

  it('a computer that synced before it knew these tables pulls again once and gets them', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    await ok(a.core, 'log.setFavourite', { clientId: ada.id, foodId: MILK, favourite: true });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    // B as an earlier version left it: its cursor past the favourite, which it was never sent.
    const db = sqliteOf(b);
    db.prepare('DELETE FROM client_favourites').run();
    db.prepare("DELETE FROM sync_stamps WHERE tbl = 'client_favourites'").run();
    db.prepare("UPDATE sync_state SET value = '3' WHERE key = 'table_level'").run();
    expect(await ok(b.core, 'log.favourites', { clientId: ada.id })).toEqual([]);
    await sync(b.core);
    expect((await ok<Favourite[]>(b.core, 'log.favourites', { clientId: ada.id })).map((f) => f.foodId)).toEqual([
      MILK,
    ]);
  });
});
