import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { AuditEntry } from '../contract/clients.ts';
import type { DayView } from '../contract/log.ts';
import type { Plan, PlanSummary } from '../contract/plans.ts';
import { addClient, coreWithClient } from '../test-utils/clients.ts';
import { ok } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { sumNutrients } from './plans-service.ts';

const START = '2026-03-16';
const MILK = 'usda:01077';
const BANANA = 'usda:09040';
const PEANUT_BUTTER = 'usda:16098';
const CHICKEN = 'usda:05064';

async function fail(core: Core, method: string, input: unknown) {
  const r = await core.dispatch(method, input);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r;
}

async function planFor(fields: Record<string, unknown> = {}, plan: Record<string, unknown> = {}) {
  const { core, client } = await coreWithClient({ name: 'Plan Client', ...fields });
  const created = await ok<Plan>(core, 'plans.create', {
    clientId: client.id,
    name: 'Week one',
    startDate: START,
    days: 7,
    ...plan,
  });
  const add = (input: Record<string, unknown>) =>
    ok<Plan>(core, 'plans.addEntry', { planId: created.id, day: 1, slot: 'breakfast', ...input });
  return { core, client, plan: created, add };
}

const entriesOfDay = (p: Plan, day: number) => p.entries.filter((e) => e.day === day);

describe('plans: storage and editing', () => {
  it('creates, reads, edits and lists a plan; household amounts resolve as the log resolves them', async () => {
    const { core, client, plan, add } = await planFor();
    expect(plan).toMatchObject({ status: 'draft', version: 1, days: 7, previousVersionId: null, entries: [] });
    expect(plan.slots.map((s) => s.key)).toEqual(['breakfast', 'lunch', 'snack', 'dinner']);
    expect(plan.dayTotals).toHaveLength(7);
    expect(plan.dayTotals[6]?.date).toBe('2026-03-22');

    await add({ foodId: MILK, grams: 250 });
    const withBanana = await add({ foodId: BANANA, amount: '1 medium' });
    const banana = withBanana.entries.find((e) => e.food.id === BANANA);
    const logged = await ok<{ entry: { food: { grams: number; amountLabel: string } } }>(core, 'log.add', {
      kind: 'diet',
      clientId: client.id,
      date: START,
      foodId: BANANA,
      amount: '1 medium',
    });
    expect(banana?.food.grams).toBe(logged.entry.food.grams);
    expect(banana?.food.amountLabel).toBe(logged.entry.food.amountLabel);
    expect(banana?.food.amountLabel).toMatch(/^1 medium \(\d+ g\)$/);
    expect(banana?.position).toBe(1);

    const renamed = await ok<Plan>(core, 'plans.update', { planId: plan.id, changes: { name: 'Week one (revised)' } });
    expect(renamed.name).toBe('Week one (revised)');
    expect(renamed.entries).toHaveLength(2);

    const moved = await ok<Plan>(core, 'plans.updateEntry', {
      entryId: banana?.id,
      changes: { day: 2, slot: 'snack', grams: 100 },
    });
    const after = moved.entries.find((e) => e.id === banana?.id);
    expect(after).toMatchObject({ day: 2, slot: 'snack', food: { grams: 100, amountLabel: '100 g' } });

    const list = await ok<PlanSummary[]>(core, 'plans.list', { clientId: client.id });
    expect(list.map((p) => p.name)).toEqual(['Week one (revised)']);

    const removed = await ok<Plan>(core, 'plans.removeEntry', { entryId: banana?.id });
    expect(removed.entries.map((e) => e.food.id)).toEqual([MILK]);
  });

  it('refuses what cannot be right, with messages naming the problem, and changes nothing', async () => {
    const { core, plan, add } = await planFor();
    const beyond = await fail(core, 'plans.addEntry', {
      planId: plan.id,
      day: 9,
      slot: 'lunch',
      foodId: MILK,
      grams: 10,
    });
    expect(beyond).toMatchObject({ code: 'invalid-input', message: 'Day 9 is outside this 7-day plan.' });
    const slot = await fail(core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'brunch',
      foodId: MILK,
      grams: 10,
    });
    expect(slot.message).toBe('The plan has no meal slot "brunch" (its slots: breakfast, lunch, snack, dinner).');
    const both = await fail(core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'lunch',
      foodId: MILK,
      grams: 10,
      amount: '1 cup',
    });
    expect(both).toMatchObject({ code: 'invalid-input' });
    expect(both.message).toContain('Give either grams or a household measure');
    const noMeasure = await fail(core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'lunch',
      foodId: BANANA,
      amount: '2 bowls',
    });
    expect(noMeasure.code).toBe('invalid-input');
    expect(noMeasure.message).toContain('Bananas, raw');
    const first = await add({ foodId: MILK, grams: 200 });
    const main = first.entries[0]?.id;
    const crossSlot = await fail(core, 'plans.addEntry', {
      planId: plan.id,
      day: 1,
      slot: 'lunch',
      foodId: BANANA,
      grams: 100,
      altOf: main,
    });
    expect(crossSlot.message).toBe(
      'An "or" alternative must be in the same day and meal slot as the entry it replaces.',
    );
    const short = await fail(core, 'plans.update', { planId: plan.id, changes: { days: 0 } });
    expect(short.code).toBe('invalid-input');
    const repeat = await fail(core, 'plans.repeatWeek', { planId: plan.id });
    expect(repeat.message).toContain('The plan has 7 days: there is no later week');
    await add({ day: 5, foodId: MILK, grams: 100 });
    const shrink = await fail(core, 'plans.update', { planId: plan.id, changes: { days: 3 } });
    expect(shrink.message).toBe('Days 4–5 have entries: remove them before making the plan 3 days long.');
    // Notes count as the practitioner's work too: a note on a day or a slot that would go blocks the change.
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 7, slot: null, text: 'Batch-cook Sunday' } });
    const noteDay = await fail(core, 'plans.update', { planId: plan.id, changes: { days: 6 } });
    expect(noteDay.message).toBe('Day 7 has notes: remove them before making the plan 6 days long.');
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 2, slot: 'snack', text: 'Only if hungry' } });
    const slots = (await ok<Plan>(core, 'plans.get', { planId: plan.id })).slots;
    const noteSlot = await fail(core, 'plans.update', {
      planId: plan.id,
      changes: { slots: slots.filter((s) => s.key !== 'snack') },
    });
    expect(noteSlot.message).toBe('The meal slot "snack" has a note: move or remove it before removing the slot.');
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 7, slot: null, text: '' } });
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 2, slot: 'snack', text: '' } });
    const twoAmounts = await fail(core, 'plans.updateEntry', {
      entryId: main,
      changes: { grams: 10, amount: '1 cup' },
    });
    expect(twoAmounts.message).toBe('Give either grams or a household measure (such as "1 cup"), not both.');
    const toItself = await fail(core, 'plans.updateEntry', { entryId: main, changes: { altOf: main } });
    expect(toItself.message).toBe('An entry cannot be an alternative to itself.');
    const missing = await fail(core, 'plans.get', { planId: '0190f1a2-7b3c-7d4e-8f50-123456789abc' });
    expect(missing).toMatchObject({ code: 'not-found' });
    const unchanged = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    expect(unchanged.entries).toHaveLength(2);
    expect(unchanged.days).toBe(7);
  });

  it('an "or" alternative is not counted in the day, and goes with the entry it replaces', async () => {
    const { core, add } = await planFor();
    const p1 = await add({ foodId: MILK, grams: 250 });
    const milk = p1.entries[0]?.id;
    const p2 = await add({ foodId: BANANA, grams: 120, altOf: milk });
    const day1 = p2.dayTotals[0];
    expect(day1?.totals.energyKcal).toBeCloseTo(p2.entries.find((e) => e.id === milk)?.nutrients.energyKcal ?? -1, 9);
    const removed = await ok<Plan>(core, 'plans.removeEntry', { entryId: milk });
    expect(removed.entries).toEqual([]);
  });
});

describe('plans: versions', () => {
  it('sending freezes a version; an edit then makes a new draft version and the sent one stays as sent', async () => {
    const { core, client, plan, add } = await planFor();
    await add({ foodId: MILK, grams: 250 });
    const sent = await ok<Plan>(core, 'plans.send', { planId: plan.id });
    expect(sent).toMatchObject({ status: 'sent', version: 1 });
    expect(sent.sentAt).not.toBeNull();

    const v2 = await ok<Plan>(core, 'plans.addEntry', {
      planId: plan.id,
      day: 2,
      slot: 'lunch',
      foodId: BANANA,
      grams: 118,
    });
    expect(v2).toMatchObject({ status: 'draft', version: 2, previousVersionId: plan.id, sentAt: null });
    expect(v2.id).not.toBe(plan.id);
    expect(v2.entries.map((e) => e.food.id)).toEqual([MILK, BANANA]);
    const v1 = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    expect(v1).toMatchObject({ status: 'sent', version: 1 });
    expect(v1.entries.map((e) => e.food.id)).toEqual([MILK]);
    // Copies have their own ids: the sent version's entries are untouched by edits of the draft.
    expect(v2.entries[0]?.id).not.toBe(v1.entries[0]?.id);

    const versions = await ok<PlanSummary[]>(core, 'plans.versions', { planId: v2.id });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'sent'],
      [2, 'draft'],
    ]);
    const list = await ok<PlanSummary[]>(core, 'plans.list', { clientId: client.id });
    expect(list.map((p) => [p.id, p.version])).toEqual([[v2.id, 2]]);

    const old = await fail(core, 'plans.update', { planId: plan.id, changes: { name: 'Old' } });
    expect(old).toMatchObject({ code: 'conflict' });
    expect(old.message).toContain('version 2 is newer');

    // Editing an entry of a sent version edits its copy in the new version.
    await ok(core, 'plans.send', { planId: v2.id });
    const bananaV2 = v2.entries.find((e) => e.food.id === BANANA);
    const v3 = await ok<Plan>(core, 'plans.updateEntry', { entryId: bananaV2?.id, changes: { grams: 200 } });
    expect(v3).toMatchObject({ version: 3, previousVersionId: v2.id, status: 'draft' });
    expect(v3.entries.find((e) => e.food.id === BANANA)?.food.grams).toBe(200);
    expect(
      (await ok<Plan>(core, 'plans.get', { planId: v2.id })).entries.find((e) => e.food.id === BANANA)?.food.grams,
    ).toBe(118);

    const deleted = await ok<{ deleted: number }>(core, 'plans.delete', { planId: v3.id });
    expect(deleted.deleted).toBe(3);
    expect(await ok<PlanSummary[]>(core, 'plans.list', { clientId: client.id })).toEqual([]);
    expect((await fail(core, 'plans.get', { planId: plan.id })).code).toBe('not-found');
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: client.id, limit: 50 });
    const actions = audit.map((a) => a.action);
    for (const a of [
      'plan-create',
      'plan-add-entry',
      'plan-send',
      'plan-new-version',
      'plan-update-entry',
      'plan-delete',
    ])
      expect(actions).toContain(a);
  });
});

describe('plans: copy day, copy slot, repeat week, notes', () => {
  it('copies a day with its alternatives and notes; pinned entries of later weeks stay when the week repeats', async () => {
    const { core, plan, add } = await planFor({}, { days: 14 });
    const p = await add({ foodId: MILK, grams: 250 });
    const milk = p.entries[0]?.id;
    await add({ foodId: BANANA, grams: 100, altOf: milk });
    await add({ slot: 'lunch', foodId: CHICKEN, grams: 120 });
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 1, slot: null, text: 'Drink water with meals.' } });
    // Day 9 (week 2) has a pinned lunch and a dinner that is not pinned.
    const pinnedPlan = await add({ day: 9, slot: 'lunch', foodId: BANANA, grams: 50, pinned: true });
    const pinned = pinnedPlan.entries.find((e) => e.day === 9)?.id;
    await add({ day: 9, slot: 'dinner', foodId: MILK, grams: 10 });

    const copied = await ok<Plan>(core, 'plans.copyDay', { planId: plan.id, from: 1, to: 3 });
    const day3 = entriesOfDay(copied, 3);
    expect(day3.map((e) => [e.slot, e.food.id, e.food.grams])).toEqual([
      ['breakfast', MILK, 250],
      ['breakfast', BANANA, 100],
      ['lunch', CHICKEN, 120],
    ]);
    const copyMain = day3[0]?.id;
    expect(day3[1]?.altOf).toBe(copyMain);
    expect(copyMain).not.toBe(milk);
    expect(copied.notes).toContainEqual({ day: 3, slot: null, text: 'Drink water with meals.' });

    const slotCopy = await ok<Plan>(core, 'plans.copySlot', { planId: plan.id, fromDay: 1, toDay: 4, slot: 'lunch' });
    expect(entriesOfDay(slotCopy, 4).map((e) => [e.slot, e.food.id])).toEqual([['lunch', CHICKEN]]);

    const repeated = await ok<Plan>(core, 'plans.repeatWeek', { planId: plan.id });
    for (let d = 8; d <= 14; d++) {
      const src = entriesOfDay(repeated, d - 7).map((e) => [e.slot, e.food.id, e.food.grams]);
      const got = entriesOfDay(repeated, d)
        .filter((e) => e.id !== pinned)
        .map((e) => [e.slot, e.food.id, e.food.grams]);
      expect(got).toEqual(src);
    }
    // Day 9 keeps its pinned lunch (before the copied lunch); its unpinned dinner was replaced.
    const day9 = entriesOfDay(repeated, 9);
    expect(day9.find((e) => e.id === pinned)).toMatchObject({ pinned: true, slot: 'lunch', food: { grams: 50 } });
    expect(day9.filter((e) => e.slot === 'dinner')).toEqual([]);
    expect(repeated.notes).toContainEqual({ day: 8, slot: null, text: 'Drink water with meals.' });

    const cleared = await ok<Plan>(core, 'plans.setNote', { planId: plan.id, note: { day: 1, slot: null, text: '' } });
    expect(cleared.notes.filter((n) => n.day === 1)).toEqual([]);
  });
});

describe('plans: totals and flags', () => {
  it("a day's totals equal a fresh sum and the dashboard's judgement of the same foods logged that day", async () => {
    const { core, client, plan, add } = await planFor();
    const foods: [string, number][] = [
      [MILK, 250],
      [BANANA, 118],
      [CHICKEN, 140],
      [PEANUT_BUTTER, 32],
    ];
    for (const [foodId, grams] of foods) await add({ slot: 'lunch', foodId, grams });
    const got = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    const fresh = sumNutrients(got.entries.map((e) => e.nutrients));
    const day1 = got.dayTotals[0];
    for (const [k, v] of Object.entries(fresh)) expect(day1?.totals[k as keyof typeof fresh]).toBeCloseTo(v, 9);

    for (const [foodId, grams] of foods) {
      await ok(core, 'log.add', { kind: 'diet', clientId: client.id, date: START, foodId, grams });
    }
    const dash = await ok<DayView>(core, 'dashboard.day', { clientId: client.id, date: START });
    expect(day1?.statuses).not.toBeNull();
    // The same judgement on every target but water, which a plan leaves out (it lists no drinks).
    expect(day1?.statuses?.map((s) => [s.key, s.status])).toEqual(
      dash.statuses?.filter((s) => s.key !== 'waterL').map((s) => [s.key, s.status]),
    );
    expect(dash.statuses?.find((s) => s.key === 'waterL')?.status).toBe('low');
    for (const s of day1?.statuses ?? []) {
      const d = dash.statuses?.find((x) => x.key === s.key);
      expect(s.target).toBe(d?.target);
      if (d?.value === null) expect(s.value).toBeNull();
      else expect(s.value).toBeCloseTo(d?.value ?? Number.NaN, 6);
    }
    // Days without food are unknown, not zero: the average is of the days with food.
    expect(got.dayTotals[1]?.statuses?.every((s) => s.value === null)).toBe(true);
    expect(got.average.totals.energyKcal).toBeCloseTo(day1?.totals.energyKcal ?? Number.NaN, 9);
  });

  it('shows no energy or nutrient figures for an eating-disorder-sensitive client', async () => {
    const { core, plan, add } = await planFor({ edSensitive: true }, { showNumbers: true });
    expect(plan.numbersHidden).toBe(true);
    expect(plan.showNumbers).toBe(false);
    const p = await add({ foodId: MILK, grams: 250 });
    expect(p.entries[0]?.nutrients).toEqual({});
    expect(p.dayTotals.every((d) => Object.keys(d.totals).length === 0 && d.statuses === null)).toBe(true);
    expect(p.average).toEqual({ totals: {}, statuses: null });
    expect(JSON.stringify(p)).not.toMatch(/kcal|energyKcal/i);
    const other = await addClient(core, { name: 'Numbers Client' });
    const shown = await ok<Plan>(core, 'plans.create', { clientId: other.id, name: 'P', startDate: START, days: 1 });
    expect(shown).toMatchObject({ numbersHidden: false, showNumbers: true });
  });

  it("flags foods the client's allergies or diet pattern rule out", async () => {
    const { add } = await planFor({ allergies: ['peanuts'], dietPattern: 'vegetarian' });
    await add({ foodId: PEANUT_BUTTER, grams: 32 });
    await add({ foodId: CHICKEN, grams: 100 });
    const p = await add({ foodId: MILK, grams: 200 });
    const by = (id: string) => p.entries.find((e) => e.food.id === id);
    expect(by(PEANUT_BUTTER)?.allergens).toEqual(['peanut']);
    expect(by(PEANUT_BUTTER)?.dietConflict).toBeNull();
    expect(by(CHICKEN)?.dietConflict).toContain('poultry');
    expect(by(CHICKEN)?.dietConflict).toContain('vegetarian');
    expect(by(CHICKEN)?.allergens).toEqual([]);
    expect(by(MILK)).toMatchObject({ allergens: [], dietConflict: null });
  });
});

describe('plans: shopping list', () => {
  it('adds up the main entries of the plan per food', async () => {
    const { core, plan, add } = await planFor();
    const p = await add({ foodId: MILK, grams: 250 });
    await add({ day: 2, foodId: MILK, grams: 250 });
    await add({ foodId: BANANA, grams: 100, altOf: p.entries[0]?.id });
    const list = await ok<{ foodId: string; grams: number; amountLabel: string }[]>(core, 'plans.shoppingList', {
      planId: plan.id,
    });
    expect(list.map((i) => [i.foodId, i.grams])).toEqual([[MILK, 500]]);
    expect(list[0]?.amountLabel).toMatch(/cups? \(500 g\)$/);
  });
});

describe('plans: services directly', () => {
  it('clientOf names the client of any version', async () => {
    const { core, client, plan } = await planFor();
    const s = servicesOf(core);
    expect(s.plans.clientOf(plan.id)).toBe(client.id);
  });
});

describe('plans: erasure', () => {
  it("deleting a client erases every version of their plans, with entries and notes, and the audit's details", async () => {
    const { core, client, plan, add } = await planFor();
    await add({ foodId: MILK, grams: 250 });
    await ok(core, 'plans.setNote', { planId: plan.id, note: { day: 1, slot: 'breakfast', text: 'SEEDPLANNOTE' } });
    await ok(core, 'plans.send', { planId: plan.id });
    const v2 = await add({ foodId: BANANA, grams: 100 });
    const other = await addClient(core, { name: 'Other Client' });
    const kept = await ok<Plan>(core, 'plans.create', { clientId: other.id, name: 'Kept', startDate: START, days: 2 });
    await ok(core, 'plans.addEntry', { planId: kept.id, day: 1, slot: 'lunch', foodId: MILK, grams: 100 });

    await ok(core, 'clients.delete', { id: client.id });
    const { sqlite } = core.session.database();
    for (const table of ['meal_plans', 'meal_plan_entries', 'meal_plan_notes']) {
      expect(sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE client_id = ?`).get(client.id)).toEqual({ n: 0 });
    }
    expect(sqlite.prepare(`SELECT count(*) AS n FROM meal_plan_notes WHERE text LIKE '%SEEDPLANNOTE%'`).get()).toEqual({
      n: 0,
    });
    expect((await fail(core, 'plans.get', { planId: v2.id })).code).toBe('not-found');
    const audit = sqlite
      .prepare(`SELECT fields FROM audit_log WHERE entity = 'meal-plan' AND entity_id = ?`)
      .all(client.id) as { fields: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.fields === '[]')).toBe(true);
    // Another client's plan is untouched.
    expect((await ok<Plan>(core, 'plans.get', { planId: kept.id })).entries).toHaveLength(1);
  });
});

describe('plans: what the generator is given and how its entries are stored', () => {
  async function planned() {
    const { core, client, plan, add } = await planFor({ allergies: ['peanuts'], dietPattern: 'vegetarian' });
    await add({ foodId: MILK, grams: 250, pinned: true });
    await add({ slot: 'lunch', foodId: CHICKEN, grams: 120 });
    await add({ day: 2, slot: 'lunch', foodId: BANANA, grams: 118 });
    return { core, client, plan, s: servicesOf(core) };
  }

  it('gathers the client, the targets on the start date, the days to fill and the entries that stay', async () => {
    const { core, client, plan, s } = await planned();
    const all = s.plans.generateInput(plan.id, { kind: 'plan', keepExisting: false });
    const targets = await ok<{ targets: unknown[] }>(core, 'targets.get', { clientId: client.id, asOf: START });
    expect(all.targets).toEqual(targets.targets);
    expect(all.client).toEqual({
      dietPattern: 'vegetarian',
      allergies: ['peanuts'],
      edSensitive: false,
      lifeStage: 'none',
    });
    expect(all.fillDays).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(all.fixed.map((f) => [f.day, f.slot, f.foodId, f.grams])).toEqual([[1, 'breakfast', MILK, 250]]);
    expect(all.fixed[0]?.per100g.energyKcal).toBeGreaterThan(0);
    expect(all.keepSlots).toEqual([]);
    expect(s.plans.generateInput(plan.id, { kind: 'plan', keepExisting: false }).seed).toBe(all.seed);

    const complete = s.plans.generateInput(plan.id, { kind: 'plan', keepExisting: true });
    expect(complete.fixed).toHaveLength(3);
    expect(complete.keepSlots.sort()).toEqual(['1:breakfast', '1:lunch', '2:lunch']);

    const slot = s.plans.generateInput(plan.id, { kind: 'slot', day: 1, slot: 'lunch' });
    expect(slot.fillDays).toEqual([1]);
    // The meal's own day keeps its other meals; the next day's foods come along so its mains do not repeat.
    expect(slot.fixed.map((f) => [f.day, f.foodId])).toEqual([
      [1, MILK],
      [2, BANANA],
    ]);
    expect(slot.keepSlots.sort()).toEqual(['1:breakfast', '1:dinner', '1:snack']);
    expect(() => s.plans.generateInput(plan.id, { kind: 'day', day: 8 })).toThrow('Day 8 is outside this 7-day plan.');
  });

  it('replaces what is not pinned in the scope with the generated entries, as one edit', async () => {
    const { core, plan, s } = await planned();
    const day1 = s.plans.applyGenerated(plan.id, { kind: 'day', day: 1 }, [
      { day: 1, slot: 'lunch', foodId: BANANA, grams: 118, amount: '1 medium (118 g)', servings: 1 },
    ]);
    expect(entriesOfDay(day1, 1).map((e) => [e.slot, e.food.id, e.pinned])).toEqual([
      ['breakfast', MILK, true],
      ['lunch', BANANA, false],
    ]);
    expect(entriesOfDay(day1, 2).map((e) => e.food.id)).toEqual([BANANA]);

    await ok(core, 'plans.send', { planId: plan.id });
    const v2 = s.plans.applyGenerated(plan.id, { kind: 'slot', day: 2, slot: 'dinner' }, [
      { day: 2, slot: 'dinner', foodId: MILK, grams: 200, amount: '200 g', servings: 1 },
    ]);
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    expect(entriesOfDay(v2, 2).map((e) => [e.slot, e.food.id])).toEqual([
      ['lunch', BANANA],
      ['dinner', MILK],
    ]);
    expect(() =>
      s.plans.applyGenerated(v2.id, { kind: 'plan', keepExisting: false }, [
        { day: 9, slot: 'lunch', foodId: MILK, grams: 10, amount: '10 g', servings: 1 },
      ]),
    ).toThrow('Day 9 is outside this 7-day plan.');
    expect((await ok<Plan>(core, 'plans.get', { planId: v2.id })).entries).toHaveLength(v2.entries.length);
  });
});

describe('plans: an edit changes only what it names', () => {
  it('renaming keeps the meal slots, the exclusions and the numbers choice', async () => {
    const { core, plan } = await planFor(
      {},
      {
        slots: [
          { key: 'breakfast', label: 'Breakfast', time: '07:30', mealType: 'breakfast' },
          { key: 'mid-morning', label: 'Mid-morning', time: '10:30', mealType: 'snack' },
        ],
        excludedFoodIds: [BANANA],
        showNumbers: false,
      },
    );
    const renamed = await ok<Plan>(core, 'plans.update', { planId: plan.id, changes: { name: 'Renamed' } });
    expect(renamed.name).toBe('Renamed');
    expect(renamed.slots.map((s) => s.key)).toEqual(['breakfast', 'mid-morning']);
    expect(renamed.excludedFoodIds).toEqual([BANANA]);
    expect(renamed.showNumbers).toBe(false);
  });

  it('an entry with alternatives of its own cannot become an alternative', async () => {
    const { core, add } = await planFor();
    const a = (await add({ foodId: MILK, grams: 250 })).entries[0];
    const c = (await add({ foodId: CHICKEN, grams: 100 })).entries.find((e) => e.food.id === CHICKEN);
    await add({ foodId: BANANA, grams: 100, altOf: a?.id });
    const refused = await fail(core, 'plans.updateEntry', { entryId: a?.id, changes: { altOf: c?.id } });
    expect(refused.code).toBe('invalid-input');
    expect(refused.message).toContain('has "or" alternatives of its own');
  });

  it('opens a plan whose entry names a food not on this computer yet (synced ahead of it)', async () => {
    const { core, plan, add } = await planFor();
    await add({ foodId: MILK, grams: 250 });
    const withBanana = await add({ day: 1, slot: 'lunch', foodId: BANANA, grams: 100 });
    const { sqlite } = core.session.database();
    const id = withBanana.entries.find((e) => e.food.id === BANANA)?.id;
    sqlite.prepare('UPDATE meal_plan_entries SET food_id = ? WHERE id = ?').run('usda:99999', id);
    const opened = await ok<Plan>(core, 'plans.get', { planId: plan.id });
    const missing = opened.entries.find((e) => e.id === id);
    expect(missing?.food.name).toBe('A food not yet on this computer');
    expect(missing?.nutrients).toEqual({});
    // The milk still counts; the unknown food adds nothing rather than breaking the day.
    expect(opened.dayTotals[0]?.totals.energyKcal).toBeCloseTo(
      opened.entries.find((e) => e.food.id === MILK)?.nutrients.energyKcal ?? -1,
      6,
    );
  });
});
