import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import type { Food, FoodHit } from '../contract/foods.ts';
import type { Favourite, LogEntry, MealTemplate } from '../contract/log.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';

/**
 * Favourite foods, meal templates and copying a meal, through the contract over a real SQLCipher
 * database: what the practitioner does on the log screen, and what is refused with which words.
 */

const BANANA = 'usda:09040'; // Bananas, raw: "1 medium" is 118 g (USDA SR28)
const MILK = 'usda:01077'; // Milk, whole, 3.25% milkfat
const OATS = 'usda:08121'; // Cereals, oats, regular and quick, unenriched, cooked with water
const PEANUT_BUTTER = 'usda:16098';
const DAY = '2026-03-10';
const OTHER_DAY = '2026-03-12';

type Dispatched = Awaited<ReturnType<Core['dispatch']>>;
const refusal = (r: Dispatched) => r as Extract<Dispatched, { ok: false }>;

async function setup(fields: Record<string, unknown> = {}) {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const ana = await ok<Client>(core, 'clients.create', { name: 'Ana Example', ...fields });
  const add = (extra: object, date = DAY) =>
    ok<{ entry: LogEntry }>(core, 'log.add', { kind: 'diet', clientId: ana.id, date, ...extra });
  const day = (date: string) => ok<LogEntry[]>(core, 'log.list', { clientId: ana.id, from: date, to: date });
  const search = (query: string, clientId = ana.id) =>
    ok<FoodHit[]>(core, 'foods.search', { query, clientId, limit: 10 });
  return { core, clock, ana, add, day, search };
}

describe('favourite foods per client', () => {
  it('a starred food comes first for that client, above recent foods, and not for another client; unstarring undoes it', async () => {
    const { core, ana, add, search } = await setup();
    const bea = await ok<Client>(core, 'clients.create', { name: 'Bea Example' });
    // Ana ate banana often (a recent food); milk is starred, never logged.
    await add({ foodId: BANANA, grams: 100 });
    await add({ foodId: BANANA, grams: 100 }, OTHER_DAY);
    expect((await search('')).map((h) => h.id)).toEqual([BANANA]);

    const favs = await ok<Favourite[]>(core, 'log.setFavourite', { clientId: ana.id, foodId: MILK, favourite: true });
    expect(favs).toEqual([
      expect.objectContaining({ foodId: MILK, name: 'Milk, whole, 3.25% milkfat, with added vitamin D' }),
    ]);
    // Starring twice is no change.
    expect(await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: MILK, favourite: true })).toEqual(favs);

    const listed = await search('');
    expect(listed.map((h) => [h.id, h.favourite ?? false, h.recent])).toEqual([
      [MILK, true, false],
      [BANANA, false, true],
    ]);
    // Typing: a favourite that matches ranks above everything, even a better-scoring recent food.
    const milky = await search('milk');
    expect(milky[0]).toMatchObject({ id: MILK, favourite: true });
    // Bea's list knows nothing of Ana's star.
    expect((await search('', bea.id)).map((h) => h.id)).toEqual([]);
    expect((await search('milk', bea.id)).every((h) => !h.favourite)).toBe(true);

    await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: MILK, favourite: false });
    expect(await ok(core, 'log.favourites', { clientId: ana.id })).toEqual([]);
    expect((await search('')).map((h) => h.id)).toEqual([BANANA]);
    // Starring again revives the same row (one row per food, not a new one each time).
    await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: MILK, favourite: true });
    const rows = core.session
      .database()
      .sqlite.prepare('SELECT count(*) AS n FROM client_favourites WHERE client_id = ?')
      .get(ana.id) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('favourites are ordered latest starred first, and a food that does not exist cannot be starred', async () => {
    const { core, clock, ana, search } = await setup();
    await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: MILK, favourite: true });
    clock.advance(60_000);
    await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: OATS, favourite: true });
    const favs = await ok<Favourite[]>(core, 'log.favourites', { clientId: ana.id });
    expect(favs.map((f) => f.foodId)).toEqual([OATS, MILK]);
    expect((await search('')).map((h) => h.id)).toEqual([OATS, MILK]);
    const missing = await core.dispatch('log.setFavourite', {
      clientId: ana.id,
      foodId: 'usda:99999',
      favourite: true,
    });
    expect(missing).toMatchObject({ ok: false, code: 'not-found' });
    expect(refusal(missing).message).toMatch(/does not exist/);
  });
});

describe('meal templates', () => {
  async function withBreakfast(fields: Record<string, unknown> = {}) {
    const s = await setup(fields);
    await s.add({ foodId: BANANA, amount: '1 medium', meal: 'breakfast', time: '07:30', note: 'ripe' });
    await s.add({ foodId: MILK, grams: 250, meal: 'breakfast', time: '07:31' });
    await s.add({ foodId: OATS, grams: 200, meal: 'lunch' }); // another meal: not in the template
    const template = await ok<MealTemplate>(s.core, 'log.saveTemplate', {
      clientId: s.ana.id,
      name: "  Ana's usual breakfast ",
      date: DAY,
      meal: 'breakfast',
    });
    return { ...s, template };
  }

  it('saves a meal with each food, amount and measure as typed, and logs it on another day in one go', async () => {
    const { core, ana, day, template } = await withBreakfast();
    expect(template).toMatchObject({ name: "Ana's usual breakfast", meal: 'breakfast' });
    expect(template.entries).toEqual([
      { foodId: BANANA, foodName: 'Bananas, raw', grams: 118, amountText: '1 medium', note: 'ripe', missing: false },
      {
        foodId: MILK,
        foodName: 'Milk, whole, 3.25% milkfat, with added vitamin D',
        grams: 250,
        amountText: null,
        note: null,
        missing: false,
      },
    ]);
    expect(await ok(core, 'log.templates', { clientId: ana.id })).toEqual([template]);

    const logged = await ok<{ entries: LogEntry[]; warnings: string[] }>(core, 'log.logTemplate', {
      id: template.id,
      date: OTHER_DAY,
      meal: 'snack',
      time: '10:00',
    });
    expect(logged.warnings).toEqual([]);
    const there = await day(OTHER_DAY);
    expect(there.map((e) => [e.food?.id, e.meal, e.food?.grams, e.food?.amountText ?? null, e.time])).toEqual([
      [BANANA, 'snack', 118, '1 medium', '10:00'],
      [MILK, 'snack', 250, null, '10:00'],
    ]);
    expect(there.map((e) => e.id).sort()).toEqual(logged.entries.map((e) => e.id).sort());
    // The audit names the write, never the foods.
    const audit = core.session
      .database()
      .sqlite.prepare("SELECT fields FROM audit_log WHERE action = 'log-template'")
      .all() as { fields: string }[];
    expect(audit).toEqual([{ fields: '["2"]' }]);
  });

  it('renames and deletes; bad names and unknown templates are refused with clear words', async () => {
    const { core, ana, template } = await withBreakfast();
    const renamed = await ok<MealTemplate>(core, 'log.renameTemplate', { id: template.id, name: 'Weekday breakfast' });
    expect(renamed.name).toBe('Weekday breakfast');
    const blank = await core.dispatch('log.renameTemplate', { id: template.id, name: '   ' });
    expect(blank).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(refusal(blank).message).toMatch(/Name the template/);
    await ok(core, 'log.deleteTemplate', { id: template.id });
    expect(await ok(core, 'log.templates', { clientId: ana.id })).toEqual([]);
    const gone = await core.dispatch('log.logTemplate', { id: template.id, date: OTHER_DAY, meal: 'breakfast' });
    expect(gone).toMatchObject({ ok: false, code: 'not-found' });
    expect(refusal(gone).message).toMatch(/template does not exist/);
    const empty = await core.dispatch('log.saveTemplate', {
      clientId: ana.id,
      name: 'Dinner',
      date: DAY,
      meal: 'dinner',
    });
    expect(empty).toMatchObject({ ok: false, code: 'not-found' });
    expect(refusal(empty).message).toMatch(/No food is logged for dinner on 2026-03-10/);
  });

  it('a meal of more than 60 foods is refused as a template, naming the limit', async () => {
    const s = await setup();
    for (let i = 0; i < 61; i++) await s.add({ foodId: BANANA, grams: 10, meal: 'dinner' });
    const refused = await s.core.dispatch('log.saveTemplate', {
      clientId: s.ana.id,
      name: 'Buffet',
      date: DAY,
      meal: 'dinner',
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(refusal(refused).message).toBe('A template holds at most 60 foods; this meal has 61.');
    expect(await ok(s.core, 'log.templates', { clientId: s.ana.id })).toEqual([]);
  });

  it('is all or nothing: a food the client is allergic to refuses the whole template until a reason is given', async () => {
    const s = await setup({ allergies: ['Peanut'] });
    await s.add({ foodId: BANANA, grams: 100, meal: 'breakfast' });
    await s.add({
      foodId: PEANUT_BUTTER,
      grams: 32,
      meal: 'breakfast',
      allergyConfirmation: { reason: 'Tolerates small amounts (allergist letter)' },
    });
    const t = await ok<MealTemplate>(s.core, 'log.saveTemplate', {
      clientId: s.ana.id,
      name: 'Toast breakfast',
      date: DAY,
      meal: 'breakfast',
    });
    const refused = await s.core.dispatch('log.logTemplate', { id: t.id, date: OTHER_DAY, meal: 'breakfast' });
    expect(refused).toMatchObject({ ok: false, code: 'allergen-conflict' });
    expect(refusal(refused).message).toMatch(/^Nothing was logged\. .*Peanut butter.*contains peanut/);
    expect(await s.day(OTHER_DAY)).toEqual([]); // not even the banana
    const logged = await ok<{ entries: LogEntry[] }>(s.core, 'log.logTemplate', {
      id: t.id,
      date: OTHER_DAY,
      meal: 'breakfast',
      allergyConfirmation: { reason: 'Same as usual, agreed with the client' },
    });
    const pb = logged.entries.find((e) => e.food?.id === PEANUT_BUTTER);
    expect(pb?.allergyConfirmation).toMatchObject({ reason: 'Same as usual, agreed with the client' });
    expect(logged.entries.find((e) => e.food?.id === BANANA)?.allergyConfirmation).toBeNull();
  });

  it('an implausible day needs confirming, and then every entry is written', async () => {
    const s = await setup();
    // 1.4 kg of peanut butter ≈ 8,300 kcal (588 kcal/100 g, USDA SR28 16098): more than 8,000 in a day.
    await s.add({ foodId: PEANUT_BUTTER, grams: 1400, meal: 'lunch', confirm: true });
    await s.add({ foodId: BANANA, grams: 100, meal: 'lunch', confirm: true });
    const t = await ok<MealTemplate>(s.core, 'log.saveTemplate', {
      clientId: s.ana.id,
      name: 'Huge lunch',
      date: DAY,
      meal: 'lunch',
    });
    const refused = await s.core.dispatch('log.logTemplate', { id: t.id, date: OTHER_DAY, meal: 'lunch' });
    expect(refused).toMatchObject({ ok: false, code: 'implausible' });
    expect(refusal(refused).message).toMatch(/more than 8,000 kcal in a day/);
    expect(await s.day(OTHER_DAY)).toEqual([]);
    const logged = await ok<{ entries: LogEntry[]; warnings: string[] }>(s.core, 'log.logTemplate', {
      id: t.id,
      date: OTHER_DAY,
      meal: 'lunch',
      confirm: true,
    });
    expect(logged.entries).toHaveLength(2);
    expect(logged.warnings.some((w) => /8,000 kcal/.test(w))).toBe(true);
  });

  it('a template whose food was deleted says which food, logs nothing, and still lists the template', async () => {
    const s = await setup();
    const kefir = await ok<Food>(s.core, 'foods.createCustom', {
      name: 'Kefir, homemade',
      foodGroup: null,
      brand: null,
      nutrients: { energyKcal: 60 },
      portions: [{ amount: 1, unit: 'glass', grams: 200 }],
    });
    await s.add({ foodId: kefir.id, amount: '1 glass', meal: 'snack' });
    await s.add({ foodId: BANANA, grams: 100, meal: 'snack' });
    const t = await ok<MealTemplate>(s.core, 'log.saveTemplate', {
      clientId: s.ana.id,
      name: 'Afternoon snack',
      date: DAY,
      meal: 'snack',
    });
    expect(t.entries[0]).toMatchObject({ foodId: kefir.id, amountText: '1 glass', grams: 200 });
    await ok(s.core, 'foods.delete', { id: kefir.id });
    const [listed] = await ok<MealTemplate[]>(s.core, 'log.templates', { clientId: s.ana.id });
    expect(listed?.entries[0]).toMatchObject({ foodName: 'Kefir, homemade', missing: true });
    const refused = await s.core.dispatch('log.logTemplate', { id: t.id, date: OTHER_DAY, meal: 'snack' });
    expect(refused).toMatchObject({ ok: false, code: 'not-found' });
    expect(refusal(refused).message).toBe(
      'Nothing was logged: "Kefir, homemade" in "Afternoon snack" was deleted from the foods. Log the other foods one by one, or save the meal as a template again.',
    );
    expect(await s.day(OTHER_DAY)).toEqual([]);
  });
});

describe('copy a meal', () => {
  it('copies one meal to another day and meal, and to a range of days; other meals stay', async () => {
    const { core, ana, add, day } = await setup();
    await add({ foodId: BANANA, amount: '1 medium', meal: 'breakfast', time: '07:30' });
    await add({ foodId: MILK, grams: 250, meal: 'breakfast', time: '07:35' });
    await add({ foodId: OATS, grams: 200, meal: 'lunch' });
    const one = await ok(core, 'log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'breakfast',
      to: '2026-03-11',
      toMeal: 'snack',
    });
    expect(one).toEqual({ copied: 2, days: 1 });
    expect((await day('2026-03-11')).map((e) => [e.food?.id, e.meal, e.time, e.food?.amountText ?? null])).toEqual([
      [BANANA, 'snack', '07:30', '1 medium'],
      [MILK, 'snack', '07:35', null],
    ]);
    const range = await ok(core, 'log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'breakfast',
      to: '2026-03-12',
      until: '2026-03-14',
    });
    expect(range).toEqual({ copied: 6, days: 3 });
    for (const d of ['2026-03-12', '2026-03-13', '2026-03-14'])
      expect((await day(d)).map((e) => e.meal)).toEqual(['breakfast', 'breakfast']);
    // Another meal of the same day is a fine target; the same meal of the same day is not.
    expect(
      await ok(core, 'log.copyMeal', { clientId: ana.id, from: DAY, meal: 'lunch', to: DAY, toMeal: 'dinner' }),
    ).toEqual({ copied: 1, days: 1 });
  });

  it('refuses bad input and writes nothing', async () => {
    const { core, ana, add, day } = await setup();
    await add({ foodId: BANANA, grams: 100, meal: 'breakfast' });
    const same = await core.dispatch('log.copyMeal', { clientId: ana.id, from: DAY, meal: 'breakfast', to: DAY });
    expect(same).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(refusal(same).message).toBe('Choose a different day to copy to.');
    const backwards = await core.dispatch('log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'breakfast',
      to: '2026-03-12',
      until: '2026-03-11',
    });
    expect(refusal(backwards).message).toBe('The range ends (2026-03-11) before it starts (2026-03-12).');
    const tooMany = await core.dispatch('log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'breakfast',
      to: '2026-03-11',
      until: '2026-05-11',
    });
    expect(refusal(tooMany).message).toBe('Copy to at most 31 days at a time.');
    const nothing = await core.dispatch('log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'dinner',
      to: '2026-03-11',
    });
    expect(nothing).toMatchObject({ ok: false, code: 'not-found' });
    expect(refusal(nothing).message).toBe('Nothing is logged for dinner on 2026-03-10.');
    const badMeal = await core.dispatch('log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'brunch',
      to: '2026-03-11',
    });
    expect(badMeal).toMatchObject({ ok: false, code: 'invalid-input' });
    for (const d of ['2026-03-11', '2026-03-12']) expect(await day(d)).toEqual([]);
  });

  it('a copied food the client has become allergic to needs a reason, like copying a day', async () => {
    const { core, ana, add, day } = await setup();
    await add({ foodId: PEANUT_BUTTER, grams: 32, meal: 'snack' });
    await ok(core, 'clients.update', { id: ana.id, patch: { allergies: ['Peanut'] } });
    const refused = await core.dispatch('log.copyMeal', { clientId: ana.id, from: DAY, meal: 'snack', to: OTHER_DAY });
    expect(refused).toMatchObject({ ok: false, code: 'allergen-conflict' });
    expect(refusal(refused).message).toMatch(/^Nothing was copied\. .*to copy the meal anyway/);
    expect(await day(OTHER_DAY)).toEqual([]);
    await ok(core, 'log.copyMeal', {
      clientId: ana.id,
      from: DAY,
      meal: 'snack',
      to: OTHER_DAY,
      allergyConfirmation: { reason: 'Checked with the client' },
    });
    expect((await day(OTHER_DAY))[0]?.allergyConfirmation).toMatchObject({ reason: 'Checked with the client' });
  });
});
