import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Plan, PlanSummary } from '../contract/plans.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { sqliteOf } from '../test-utils/sync-inspect.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * Meal plans between two real computers (each a core over its own SQLCipher database) through the
 * real server over a real PostgreSQL: every plan write goes out, what the server holds of the
 * practitioner's text is ciphertext, and a deleted client's plans are erased there.
 */

const server = useSyncServer();

const MILK = 'usda:01077';
const BANANA = 'usda:09040';
const PLAN_NAME = 'Ramadan week for Ada';
const ENTRY_NOTE = 'warm, with the suhoor dates';
const DAY_NOTE = 'Break the fast slowly; water first';
const PLAN_TABLES = ['meal_plans', 'meal_plan_entries', 'meal_plan_notes'] as const;

/** What a plan is, as a practitioner sees it on any computer (ids included: they are the same rows). */
const essence = (p: Plan) => ({
  id: p.id,
  name: p.name,
  version: p.version,
  status: p.status,
  days: p.days,
  startDate: p.startDate,
  previousVersionId: p.previousVersionId,
  slots: p.slots,
  excludedFoodIds: p.excludedFoodIds,
  entries: p.entries.map((e) => ({
    id: e.id,
    day: e.day,
    slot: e.slot,
    food: e.food,
    altOf: e.altOf,
    note: e.note,
    pinned: e.pinned,
  })),
  notes: p.notes,
});

async function serverRows(table: string, clientId: string) {
  const r = await server.current.pool.query<{ id: string; fields: Record<string, unknown> }>(
    `SELECT id::text AS id, fields FROM ${table} WHERE fields->>'client_id' = $1 ORDER BY id`,
    [clientId],
  );
  return r.rows;
}

describe('meal plans sync', () => {
  it('a plan made on A reaches B with its entries and notes, an edit on B returns to A, and the server holds ciphertext', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    const made = await ok<Plan>(a.core, 'plans.create', {
      clientId: ada.id,
      name: PLAN_NAME,
      startDate: '2026-03-16',
      days: 3,
      excludedFoodIds: [BANANA],
    });
    await ok<Plan>(a.core, 'plans.addEntry', { planId: made.id, day: 1, slot: 'breakfast', foodId: MILK, grams: 250 });
    await ok<Plan>(a.core, 'plans.addEntry', {
      planId: made.id,
      day: 2,
      slot: 'dinner',
      foodId: BANANA,
      amount: '1 medium',
      note: ENTRY_NOTE,
    });
    const onA = await ok<Plan>(a.core, 'plans.setNote', {
      planId: made.id,
      note: { day: 1, slot: null, text: DAY_NOTE },
    });
    await sync(a.core);

    const b = await join('Laptop');
    await sync(b.core);
    const listed = await ok<PlanSummary[]>(b.core, 'plans.list', { clientId: ada.id });
    expect(listed.map((p) => p.id)).toEqual([made.id]);
    const onB = await ok<Plan>(b.core, 'plans.get', { planId: made.id });
    expect(essence(onB)).toEqual(essence(onA));
    expect(onB.entries.map((e) => e.note)).toContain(ENTRY_NOTE);
    expect(onB.notes).toEqual([{ day: 1, slot: null, text: DAY_NOTE }]);

    // The server relays and never reads: the practitioner's text is ciphertext there.
    const stored = JSON.stringify(
      await Promise.all(PLAN_TABLES.map((t) => serverRows(t, ada.id))).then((rows) => rows.flat()),
    );
    for (const plain of [PLAN_NAME, ENTRY_NOTE, DAY_NOTE, '1 medium', MILK, BANANA, 'breakfast'])
      expect(stored).not.toContain(plain);
    const [planRow] = await serverRows('meal_plans', ada.id);
    expect(String(planRow?.fields.name)).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));
    const noteRows = await serverRows('meal_plan_notes', ada.id);
    expect(noteRows).toHaveLength(1);
    expect(String(noteRows[0]?.fields.text)).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));
    expect((await serverRows('meal_plan_entries', ada.id)).map((r) => r.fields.plan_id)).not.toContain(made.id);

    // B renames the plan, changes an entry's note and removes the other entry; A gets all of it.
    b.clock.advance(60_000);
    const milk = onB.entries.find((e) => e.food.id === MILK)!;
    const banana = onB.entries.find((e) => e.food.id === BANANA)!;
    await ok<Plan>(b.core, 'plans.update', { planId: made.id, changes: { name: 'Ramadan week (revised)' } });
    await ok<Plan>(b.core, 'plans.updateEntry', { entryId: milk.id, changes: { note: 'lactose-free', grams: 200 } });
    const editedOnB = await ok<Plan>(b.core, 'plans.removeEntry', { entryId: banana.id });
    await sync(b.core);
    await sync(a.core);
    const backOnA = await ok<Plan>(a.core, 'plans.get', { planId: made.id });
    expect(backOnA.name).toBe('Ramadan week (revised)');
    expect(essence(backOnA)).toEqual(essence(editedOnB));
    expect(backOnA.entries).toHaveLength(1);
    expect(backOnA.entries[0]).toMatchObject({ note: 'lactose-free', food: { grams: 200 } });

    // Sending freezes the plan; an edit on A makes version 2 (new rows) and B sees both versions.
    a.clock.advance(60_000);
    await ok<Plan>(a.core, 'plans.send', { planId: made.id });
    const v2 = await ok<Plan>(a.core, 'plans.addEntry', {
      planId: made.id,
      day: 3,
      slot: 'lunch',
      foodId: MILK,
      grams: 100,
    });
    expect(v2.version).toBe(2);
    await sync(a.core);
    await sync(b.core);
    const versionsOnB = await ok<PlanSummary[]>(b.core, 'plans.versions', { planId: v2.id });
    expect(versionsOnB.map((p) => [p.id, p.version, p.status]).sort()).toEqual(
      [
        [made.id, 1, 'sent'],
        [v2.id, 2, 'draft'],
      ].sort(),
    );
    expect(essence(await ok<Plan>(b.core, 'plans.get', { planId: v2.id }))).toEqual(essence(v2));

    // Deleting the plan on B removes it from A's list too.
    b.clock.advance(60_000);
    await ok(b.core, 'plans.delete', { planId: v2.id });
    await sync(b.core);
    await sync(a.core);
    expect(await ok<PlanSummary[]>(a.core, 'plans.list', { clientId: ada.id })).toEqual([]);
  });

  it('a computer that synced before it knew plan tables pulls again once and gets the plans it was not sent', async () => {
    const { a, join } = await practice(server.current.url);
    const ada = await ok<Client>(a.core, 'clients.create', { name: 'Ada Example' });
    const plan = await ok<Plan>(a.core, 'plans.create', {
      clientId: ada.id,
      name: PLAN_NAME,
      startDate: '2026-03-16',
      days: 2,
    });
    await ok<Plan>(a.core, 'plans.addEntry', { planId: plan.id, day: 1, slot: 'lunch', foodId: MILK, grams: 200 });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    // B as an earlier version left it: its cursor past the plan rows, which it was never sent.
    const db = sqliteOf(b);
    db.prepare('DELETE FROM meal_plans WHERE id = ?').run(plan.id);
    db.prepare("DELETE FROM sync_stamps WHERE tbl LIKE 'meal_plan%'").run();
    db.prepare("DELETE FROM sync_state WHERE key = 'table_level'").run();
    expect(await ok<PlanSummary[]>(b.core, 'plans.list', { clientId: ada.id })).toEqual([]);
    await sync(b.core);
    const back = await ok<Plan>(b.core, 'plans.get', { planId: plan.id });
    expect(essence(back)).toEqual(essence(await ok<Plan>(a.core, 'plans.get', { planId: plan.id })));
    expect(back.entries).toHaveLength(1);
  });

  it("an erased client's plans are erased on the server and gone from every computer", async () => {
    const { a, join } = await practice(server.current.url);
    const cleo = await ok<Client>(a.core, 'clients.create', { name: 'Cleo Example' });
    const plan = await ok<Plan>(a.core, 'plans.create', {
      clientId: cleo.id,
      name: PLAN_NAME,
      startDate: '2026-03-16',
      days: 2,
    });
    await ok<Plan>(a.core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'breakfast',
      foodId: MILK,
      grams: 250,
      note: ENTRY_NOTE,
    });
    await ok<Plan>(a.core, 'plans.setNote', { planId: plan.id, note: { day: 2, slot: 'lunch', text: DAY_NOTE } });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    expect(await ok<PlanSummary[]>(b.core, 'plans.list', { clientId: cleo.id })).toHaveLength(1);
    for (const t of PLAN_TABLES) expect(await serverRows(t, cleo.id)).toHaveLength(1);

    // B deletes the client; A, offline, edits the plan later still.
    b.clock.advance(10_000);
    await ok(b.core, 'clients.delete', { id: cleo.id });
    a.clock.advance(60_000);
    await ok<Plan>(a.core, 'plans.update', { planId: plan.id, changes: { name: 'Edited after the delete' } });
    await sync(b.core);
    await sync(a.core);
    await sync(b.core);

    // On the server each row keeps only its id, the client link and the delete: nothing else.
    for (const t of PLAN_TABLES) {
      const rows = await serverRows(t, cleo.id);
      expect(rows).toHaveLength(1);
      for (const r of rows) {
        const kept = Object.entries(r.fields).filter(([, v]) => v !== null);
        expect(kept.map(([f]) => f).sort(), t).toEqual(['client_id', 'deleted_at']);
      }
    }
    for (const d of [a, b])
      for (const t of PLAN_TABLES)
        expect(sqliteOf(d).prepare(`SELECT count(*) AS n FROM ${t} WHERE client_id = ?`).get(cleo.id)).toEqual({
          n: 0,
        });
    for (const d of [a, b])
      expect(sqliteOf(d).prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
  });
});
