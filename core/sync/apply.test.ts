import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { createApplier, emptyOutcome } from './apply.ts';
import { reconcileRecommendations } from './recommendations.ts';
import { encryptField, fieldContext, generatePracticeKey } from './practice-key.ts';
import { HybridClock, formatHlc } from './protocol/hlc.ts';
import { mergeRow } from './protocol/merge.ts';
import type { SyncRow } from './protocol/wire.ts';

describe('reconcileRecommendations', () => {
  it('closes duplicates opened on two computers the same way everywhere, keeping a decision', async () => {
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const c = await ok<Client>(core, 'clients.create', { name: 'Hana Example' });
    const { sqlite } = core.session.database();
    const insert = sqlite.prepare(
      `INSERT INTO recommendations (id, client_id, rule_id, rule_version, title, message, rationale, severity, category,
         confidence, suggestions, guardrails, "references", condition, "values", status, created_at, updated_at)
       VALUES (?, ?, ?, 1, 't', 'm', 'r', 'low', 'c', 0.5, '[]', '[]', '[]', 'true', '{}', ?, 1, 1)`,
    );
    insert.run('0190aaaa-0000-7000-8000-000000000002', c.id, 'fibre-low', 'new');
    insert.run('0190aaaa-0000-7000-8000-000000000001', c.id, 'fibre-low', 'new'); // made on the other computer
    insert.run('0190aaaa-0000-7000-8000-000000000003', c.id, 'fibre-low', 'accepted');
    insert.run('0190aaaa-0000-7000-8000-000000000009', c.id, 'sodium-high', 'new');
    expect(reconcileRecommendations(sqlite, [c.id], clock.now())).toBe(2);
    const open = sqlite
      .prepare('SELECT id, rule_id, status FROM recommendations WHERE deleted_at IS NULL ORDER BY id')
      .all();
    expect(open).toEqual([
      { id: '0190aaaa-0000-7000-8000-000000000001', rule_id: 'fibre-low', status: 'accepted' },
      { id: '0190aaaa-0000-7000-8000-000000000009', rule_id: 'sodium-high', status: 'new' },
    ]);
    expect(reconcileRecommendations(sqlite, [c.id], clock.now())).toBe(0);
  });
});

describe('applying a pulled tombstone on a new computer', () => {
  it('takes the server row as it is, even with a field stamped after the delete', async () => {
    // B deleted the client at 10:00:05 (offline) while A changed a required field at 10:00:10 and
    // pushed first: the server keeps both. A new computer must store the tombstone, not fail on it.
    const key = generatePracticeKey();
    const id = '0190aaaa-0000-7000-8000-0000000000c1';
    const [devA, devB] = [randomUUID(), randomUUID()];
    const T0 = Date.parse('2026-03-15T10:00:00Z');
    const h = (wall: number, counter: number, node: string): string => formatHlc({ wall, counter, node });
    const enc = (field: string, v: unknown): string | null => encryptField(key, fieldContext('clients', id, field), v);
    const created = {
      name: enc('name', 'Ada Example'),
      activity_level: 'low-active',
      diet_pattern: 'omnivore',
      allergies: enc('allergies', ['peanut']),
      life_stage: 'none',
      tags: enc('tags', []),
      energy_equation: 'mifflin-st-jeor',
      created_at: T0,
    };
    let row = mergeRow(
      null,
      Object.entries(created).map(([field, value], i) => ({ field, value, hlc: h(T0, i, devA) })),
    );
    row = mergeRow(row, [{ field: 'activity_level', value: 'active', hlc: h(T0 + 10_000, 0, devA) }]);
    const del = T0 + 5_000;
    row = mergeRow(row, [
      { field: 'deleted_at', value: del, hlc: h(del, 0, devB) },
      { field: 'name', value: enc('name', ''), hlc: h(del, 1, devB) },
      { field: 'allergies', value: enc('allergies', []), hlc: h(del, 2, devB) },
    ]);
    const clock = fixedClock('2026-03-16T09:00:00Z');
    const core = await unlockedCore({ clock });
    const { sqlite } = core.session.database();
    const applier = createApplier(sqlite, key, new HybridClock(randomUUID(), null, clock.now), clock.now);
    const pulled: SyncRow = {
      table: 'clients',
      id,
      fields: row.fields,
      stamps: row.stamps,
      originDevice: devB,
      seq: '3',
    };
    const outcome = emptyOutcome();
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE sync_meta SET applying = 1 WHERE id = 1').run();
      applier.applyRowSafely(pulled, outcome);
      applier.retryParked(outcome);
    })();
    expect(outcome.skipped).toBe(0);
    expect(sqlite.prepare('SELECT name, allergies, deleted_at FROM clients WHERE id = ?').get(id)).toEqual({
      name: '',
      allergies: '[]',
      deleted_at: del,
    });
  });

  it('skips a row that does not decrypt, names it, and goes on with the rest', async () => {
    const key = generatePracticeKey();
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const { sqlite } = core.session.database();
    const skippedIds: string[] = [];
    const applier = createApplier(sqlite, key, new HybridClock(randomUUID(), null, clock.now), clock.now, (r) =>
      skippedIds.push(r.id),
    );
    const mk = (id: string, nameValue: unknown): SyncRow => {
      const fields: Record<string, unknown> = {
        name: nameValue,
        activity_level: 'low-active',
        diet_pattern: 'omnivore',
        allergies: encryptField(key, fieldContext('clients', id, 'allergies'), []),
        life_stage: 'none',
        tags: encryptField(key, fieldContext('clients', id, 'tags'), []),
        energy_equation: 'mifflin-st-jeor',
        created_at: 1,
      };
      const stamps = Object.fromEntries(
        Object.keys(fields).map((f) => [f, formatHlc({ wall: 1, counter: 0, node: randomUUID() })]),
      );
      return { table: 'clients', id, fields, stamps, originDevice: randomUUID(), seq: '1' };
    };
    const good = '0190aaaa-0000-7000-8000-0000000000d1';
    const bad = '0190aaaa-0000-7000-8000-0000000000d2';
    const outcome = emptyOutcome();
    sqlite.transaction(() => {
      applier.applyRowSafely(
        mk(bad, encryptField(generatePracticeKey(), fieldContext('clients', bad, 'name'), 'X')),
        outcome,
      );
      applier.applyRowSafely(mk(good, encryptField(key, fieldContext('clients', good, 'name'), 'Ok Client')), outcome);
    })();
    expect(skippedIds).toEqual([bad]);
    expect(outcome.skipped).toBe(1);
    expect(sqlite.prepare('SELECT id FROM clients').all()).toEqual([{ id: good }]);
  });
});

describe('recipes arriving before their custom-food ingredients', () => {
  it('wait (parked) until the ingredient arrives, then keep it', async () => {
    const key = generatePracticeKey();
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const { sqlite } = core.session.database();
    const applier = createApplier(sqlite, key, new HybridClock(randomUUID(), null, clock.now), clock.now);
    const node = randomUUID();
    const row = (id: string, fields: Record<string, unknown>): SyncRow => ({
      table: 'custom_foods',
      id,
      fields,
      stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, formatHlc({ wall: 5, counter: 0, node })])),
      originDevice: node,
      seq: '1',
    });
    const foodId = '0190aaaa-0000-7000-8000-0000000000f1';
    const recipeId = '0190aaaa-0000-7000-8000-0000000000f2';
    const recipe = row(recipeId, {
      source: 'recipe',
      name: 'Overnight oats',
      nutrients: { energyKcal: 150 },
      created_at: 1,
      ingredients: [
        { id: 'i1', food_id: foodId, grams: 50, seq: 1 },
        { id: 'i2', food_id: 'usda:09040', grams: 100, seq: 2 },
      ],
    });
    const food = row(foodId, {
      source: 'custom',
      name: 'Clinic oat mix',
      nutrients: { energyKcal: 380 },
      created_at: 1,
    });
    await ok(core, 'foods.search', { query: 'banana' }); // loads the bundled foods, as the app does
    const outcome = emptyOutcome();
    sqlite.transaction(() => applier.applyRowSafely(recipe, outcome))();
    expect(outcome.parked).toBe(1);
    expect(sqlite.prepare('SELECT count(*) AS n FROM foods WHERE id = ?').get(recipeId)).toEqual({ n: 0 });
    sqlite.transaction(() => {
      applier.applyRowSafely(food, outcome);
      applier.retryParked(outcome);
    })();
    expect(
      sqlite.prepare('SELECT food_id, grams FROM recipe_ingredients WHERE recipe_id = ? ORDER BY seq').all(recipeId),
    ).toEqual([
      { food_id: foodId, grams: 50 },
      { food_id: 'usda:09040', grams: 100 },
    ]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
  });
});
