import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Plan } from '../contract/plans.ts';
import { defaultMigrationsDir, readMigrations } from '../db/open.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { syncTriggerStatements } from './local-tables.ts';
import { generatePracticeKey, decryptField } from './practice-key.ts';
import { HybridClock, parseHlc } from './protocol/hlc.ts';
import { MAX_PUSH_CHANGES } from './protocol/wire.ts';
import { enableSync, outboxBatches, pendingCount, stageChanges } from './store.ts';

const DEVICE = '0190aaaa-0000-7000-8000-00000000000a';

async function setup() {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const sqlite = core.session.database().sqlite;
  const dirty = (): string[] =>
    (
      sqlite.prepare('SELECT tbl, field FROM sync_dirty ORDER BY tbl, field').all() as { tbl: string; field: string }[]
    ).map((r) => `${r.tbl}.${r.field}`);
  return { core, clock, sqlite, dirty };
}

describe('change recording', () => {
  it('the latest migration that creates each trigger holds exactly the generated one', () => {
    const migrations = readMigrations(defaultMigrationsDir());
    for (const statement of syncTriggerStatements()) {
      const name = /^CREATE TRIGGER (\S+)/.exec(statement)?.[1];
      if (!name) continue; // the sync_meta row
      const latest = migrations.findLast((m) => m.statements.some((s) => s.includes(`CREATE TRIGGER ${name} `)));
      expect(latest?.statements, `no migration creates ${name}`).toContain(statement);
    }
  });

  it('records nothing until sync is on; then the existing rows, non-empty fields only', async () => {
    const { core, sqlite, dirty } = await setup();
    const c = await ok<Client>(core, 'clients.create', { name: 'Ana Souza', email: 'ana@example.org' });
    expect(dirty()).toEqual([]);
    enableSync(sqlite);
    const fields = dirty();
    expect(fields).toContain('clients.name');
    expect(fields).toContain('clients.email');
    expect(fields).not.toContain('clients.phone'); // empty: never sent as a value
    expect(fields).not.toContain('clients.notes');
    sqlite.prepare('DELETE FROM sync_dirty').run();
    await ok(core, 'clients.update', { id: c.id, patch: { weightKg: 61, email: null } });
    // The cleared e-mail is a real change; the new weight is also a reading (a measurement) dated today.
    expect(dirty()).toEqual([
      'client_measurements.client_id',
      'client_measurements.created_at',
      'client_measurements.kind',
      'client_measurements.measured_on',
      'client_measurements.unit',
      'client_measurements.value',
      'clients.email',
      'clients.weight_kg',
    ]);
  });

  it('ignores writes made while applying server changes', async () => {
    const { core, sqlite, dirty } = await setup();
    enableSync(sqlite);
    const c = await ok<Client>(core, 'clients.create', { name: 'Ana' });
    sqlite.prepare('DELETE FROM sync_dirty').run();
    sqlite.prepare('UPDATE sync_meta SET applying = 1').run();
    sqlite.prepare('UPDATE clients SET weight_kg = 50, updated_at = updated_at + 1 WHERE id = ?').run(c.id);
    expect(dirty()).toEqual([]);
  });

  it('records a custom food and its measures as one synced row', async () => {
    const { core, sqlite, dirty } = await setup();
    enableSync(sqlite);
    servicesOf(core).foods.createCustom({
      name: 'Kefir, homemade',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 60 },
      portions: [{ amount: 1, unit: 'cup', grams: 240 }],
    });
    expect(dirty()).toEqual(
      expect.arrayContaining(['custom_foods.name', 'custom_foods.nutrients', 'custom_foods.portions']),
    );
    expect(dirty().filter((f) => !f.startsWith('custom_foods.'))).toEqual([]); // bundled foods are never synced
  });
});

describe('meal plans', () => {
  async function withPlan() {
    const s = await setup();
    const c = await ok<Client>(s.core, 'clients.create', { name: 'Ana Souza' });
    const plan = await ok<Plan>(s.core, 'plans.create', {
      clientId: c.id,
      name: 'Week one',
      startDate: '2026-03-16',
      days: 2,
    });
    await ok(s.core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'breakfast',
      foodId: 'usda:01077',
      grams: 250,
    });
    await ok(s.core, 'plans.setNote', { planId: plan.id, note: { day: 1, slot: null, text: 'water first' } });
    return { ...s, plan };
  }
  const planFields = (dirty: string[]) => dirty.filter((f) => f.startsWith('meal_plan'));
  /** The statements of the migration that brought plans into sync, save its triggers (already there). */
  const recordingExisting = () =>
    readMigrations(defaultMigrationsDir())
      .find((m) => m.tag === '0009_plans_sync')!
      .statements.filter((st) => !st.includes('CREATE TRIGGER'));

  it('records every plan write once sync is on', async () => {
    const { core, sqlite, dirty, plan } = await withPlan();
    expect(planFields(dirty())).toEqual([]);
    enableSync(sqlite);
    expect(planFields(dirty())).toEqual(
      expect.arrayContaining(['meal_plans.name', 'meal_plan_entries.grams', 'meal_plan_notes.text']),
    );
    sqlite.prepare('DELETE FROM sync_dirty').run();
    await ok(core, 'plans.update', { planId: plan.id, changes: { name: 'Week one (revised)' } });
    await ok(core, 'plans.delete', { planId: plan.id });
    expect(planFields(dirty())).toEqual([
      'meal_plan_entries.deleted_at',
      'meal_plan_notes.deleted_at',
      'meal_plans.deleted_at',
      'meal_plans.name',
    ]);
  });

  it('the upgrade records plans made before it on a computer that already syncs, and none where sync is off', async () => {
    const { sqlite, dirty } = await withPlan();
    for (const st of recordingExisting()) sqlite.exec(st);
    expect(planFields(dirty())).toEqual([]); // sync off: enabling it later records them
    sqlite.prepare('UPDATE sync_meta SET enabled = 1').run();
    for (const st of recordingExisting()) sqlite.exec(st);
    expect(planFields(dirty())).toEqual(
      expect.arrayContaining([
        'meal_plans.name',
        'meal_plans.root_id',
        'meal_plan_entries.food_id',
        'meal_plan_notes.text',
      ]),
    );
    expect(planFields(dirty())).not.toContain('meal_plans.sent_at'); // empty: never sent as a value
  });
});

describe('staging', () => {
  it('stamps in edit order, encrypts private fields, and batches with idempotency keys', async () => {
    const { core, clock, sqlite } = await setup();
    enableSync(sqlite);
    const c = await ok<Client>(core, 'clients.create', { name: 'Ana Souza', notes: 'prefers mornings' });
    clock.advance(60_000);
    await ok(core, 'clients.update', { id: c.id, patch: { weightKg: 61 } });
    const key = generatePracticeKey();
    const hlc = new HybridClock(DEVICE);
    expect(stageChanges(sqlite, hlc, key)).toBeGreaterThan(3);
    expect(pendingCount(sqlite)).toBeGreaterThan(3);
    const [batch] = outboxBatches(sqlite);
    const byField = new Map(batch?.changes.map((ch) => [ch.field, ch]));
    const name = byField.get('name');
    expect(name?.value).toMatch(/^enc:v1:/);
    expect(JSON.stringify(batch)).not.toContain('Souza');
    expect(JSON.stringify(batch)).not.toContain('mornings');
    expect(decryptField(key, `clients/${c.id}/name`, name?.value)).toBe('Ana Souza');
    expect(decryptField(key, `clients/${c.id}/allergies`, byField.get('allergies')?.value)).toEqual([]);
    // Every field is ciphertext on the wire, the diet and the weight too.
    expect(byField.get('diet_pattern')?.value).toMatch(/^enc:v1:/);
    expect(decryptField(key, `clients/${c.id}/diet_pattern`, byField.get('diet_pattern')?.value)).toBe('omnivore');
    expect(decryptField(key, `clients/${c.id}/weight_kg`, byField.get('weight_kg')?.value)).toBe(61);
    const created = parseHlc(name?.hlc ?? '');
    const weight = parseHlc(byField.get('weight_kg')?.hlc ?? '');
    expect(weight.wall - created.wall).toBe(60_000);
    expect(sqlite.prepare('SELECT count(*) AS n FROM sync_dirty').get()).toEqual({ n: 0 });
  });

  it(`splits more than ${MAX_PUSH_CHANGES} changes into several batches`, async () => {
    const { sqlite } = await setup();
    enableSync(sqlite);
    const tx = sqlite.transaction(() => {
      for (let i = 0; i < MAX_PUSH_CHANGES + 5; i++) {
        const id = `r${i}`;
        sqlite
          .prepare(
            `INSERT INTO clients (id, name, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at)
             VALUES (?, 'X', 'sedentary', 'omnivore', '[]', 'none', '[]', 'mifflin', 1, 1)`,
          )
          .run(id);
      }
    });
    tx();
    sqlite.prepare("DELETE FROM sync_dirty WHERE field != 'name'").run();
    stageChanges(sqlite, new HybridClock(DEVICE), generatePracticeKey());
    const batches = outboxBatches(sqlite);
    expect(batches.map((b) => b.changes.length)).toEqual([MAX_PUSH_CHANGES, 5]);
    expect(new Set(batches.map((b) => b.key)).size).toBe(2);
  });
});
