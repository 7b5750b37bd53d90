import { describe, expect, it } from 'vitest';
import { ENERGY_FIGURE } from '../rules/guardrails.ts';
import type { Client } from '../contract/clients.ts';
import type { DayView, LogEntry, TrendsView } from '../contract/log.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';

const profile = {
  name: 'Eva Log',
  sex: 'female',
  birthDate: '1986-05-05',
  heightCm: 165,
  weightKg: 60,
  activityLevel: 'low-active',
};
const diet = (clientId: string, date: string, extra: object) => ({ kind: 'diet', clientId, date, ...extra });

describe('logging through the contract', () => {
  it('logs "1 medium" banana: 118 g, 105 kcal, 3.1 g fibre (USDA SR28 09040), and the day totals follow', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const c = await ok<Client>(core, 'clients.create', profile);
    const { entry, warnings } = await ok<{ entry: LogEntry; warnings: string[] }>(
      core,
      'log.add',
      diet(c.id, '2026-03-15', { foodId: 'usda:09040', amount: '1 medium', meal: 'breakfast' }),
    );
    expect(warnings).toEqual([]);
    expect(entry.food).toMatchObject({ name: 'Bananas, raw', grams: 118 });
    expect(entry.nutrients.energyKcal).toBeCloseTo(105.02, 2);
    expect(entry.nutrients.fibreG).toBeCloseTo(3.068, 3);
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: '2026-03-15' });
    expect(day.dietEntries).toBe(1);
    expect(day.totals.energyKcal).toBeCloseTo(105.02, 2);
    const fibre = day.statuses?.find((s) => s.key === 'fibreG');
    expect(fibre).toMatchObject({ status: 'low' });
    const sodium = day.statuses?.find((s) => s.key === 'sodiumMg');
    expect(sodium?.status).toBe('ok');
    expect(day.statuses?.find((s) => s.key === 'addedSugarG')?.status).toBe('untracked');
  });

  it('edits, deletes with undo, and copies a day; totals stay exact after each change', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const c = await ok<Client>(core, 'clients.create', profile);
    const kcal = async (date: string): Promise<number | undefined> =>
      (await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date })).totals.energyKcal;
    const a = await ok<{ entry: LogEntry }>(
      core,
      'log.add',
      diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 100 }),
    );
    await ok(core, 'log.add', diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 50 }));
    expect(await kcal('2026-03-10')).toBeCloseTo(133.5, 5);
    await ok(core, 'log.update', {
      id: a.entry.id,
      entry: diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 200 }),
    });
    expect(await kcal('2026-03-10')).toBeCloseTo(222.5, 5);
    await ok(core, 'log.delete', { id: a.entry.id });
    expect(await kcal('2026-03-10')).toBeCloseTo(44.5, 5);
    await ok(core, 'log.restore', { id: a.entry.id });
    expect(await kcal('2026-03-10')).toBeCloseTo(222.5, 5);
    // Moving an entry to another day moves its energy too.
    await ok(core, 'log.update', {
      id: a.entry.id,
      entry: diet(c.id, '2026-03-11', { foodId: 'usda:09040', grams: 200 }),
    });
    expect(await kcal('2026-03-10')).toBeCloseTo(44.5, 5);
    expect(await kcal('2026-03-11')).toBeCloseTo(178, 5);
    expect(await ok(core, 'log.copyDay', { clientId: c.id, from: '2026-03-11', to: '2026-03-12' })).toEqual({
      copied: 1,
      days: 1,
    });
    expect(await kcal('2026-03-12')).toBeCloseTo(178, 5);
    const list = await ok<LogEntry[]>(core, 'log.list', { clientId: c.id, from: '2026-03-01', to: '2026-03-31' });
    expect(list.map((e) => e.date)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
  });

  it('copies a day to a range of days, all or none', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const c = await ok<Client>(core, 'clients.create', profile);
    await ok(core, 'log.add', diet(c.id, '2026-03-02', { foodId: 'usda:09040', grams: 118 }));
    await ok(core, 'log.add', diet(c.id, '2026-03-02', { foodId: 'usda:01077', grams: 244 }));
    const r = await ok(core, 'log.copyDay', {
      clientId: c.id,
      from: '2026-03-02',
      to: '2026-03-03',
      until: '2026-03-07',
    });
    expect(r).toEqual({ copied: 10, days: 5 });
    const list = await ok<LogEntry[]>(core, 'log.list', { clientId: c.id, from: '2026-03-01', to: '2026-03-31' });
    const perDay = new Map<string, number>();
    for (const e of list) perDay.set(e.date, (perDay.get(e.date) ?? 0) + 1);
    expect([...perDay]).toEqual(
      ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map((d) => [d, 2]),
    );
    // A range that holds the day copied, ends before it starts or is longer than a month copies nothing.
    for (const bad of [
      { to: '2026-03-01', until: '2026-03-04', message: 'The range includes the day being copied.' },
      { to: '2026-03-10', until: '2026-03-09', message: 'The range ends (2026-03-09) before it starts (2026-03-10).' },
      { to: '2026-04-01', until: '2026-05-15', message: 'Copy to at most 31 days at a time.' },
    ]) {
      const { message, ...range } = bad;
      const refused = await core.dispatch('log.copyDay', { clientId: c.id, from: '2026-03-02', ...range });
      expect(refused).toMatchObject({ ok: false, code: 'invalid-input', message });
    }
    expect(
      await ok<LogEntry[]>(core, 'log.list', { clientId: c.id, from: '2026-03-01', to: '2026-05-31' }),
    ).toHaveLength(12);
  });

  it('words the very-large-day check without an energy figure for an eating-disorder-sensitive client', async () => {
    const core = await unlockedCore();
    const usual = await ok<Client>(core, 'clients.create', profile);
    const careful = await ok<Client>(core, 'clients.create', { ...profile, name: 'Careful Logger', edSensitive: true });
    // 1.2 kg of butter (717 kcal/100 g, USDA SR28 01001): over 8,000 kcal in one day.
    const big = (id: string): unknown => diet(id, '2026-03-10', { foodId: 'usda:01001', grams: 1200, confirm: true });
    const a = await ok<{ warnings: string[] }>(core, 'log.add', big(usual.id));
    expect(a.warnings.join(' ')).toMatch(/8,604 kcal, more than 8,000 kcal in a day/);
    const b = await ok<{ warnings: string[] }>(core, 'log.add', big(careful.id));
    expect(b.warnings.join(' ')).toContain('an unusually large day in the log');
    expect(b.warnings.join(' ')).not.toMatch(ENERGY_FIGURE);
  });

  it('asks to confirm dates far in the past or future (1850, 3000) for diet, activity and sleep, and in imports', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const c = await ok<Client>(core, 'clients.create', profile);
    const count = async (): Promise<number> =>
      (await ok<LogEntry[]>(core, 'log.list', { clientId: c.id, from: '1800-01-01', to: '3100-01-01' })).length;
    const inputs = [
      diet(c.id, '1850-03-10', { foodId: 'usda:09040', grams: 100 }),
      { kind: 'activity', clientId: c.id, date: '3000-01-01', activity: 'walking-moderate', minutes: 30 },
      { kind: 'sleep', clientId: c.id, date: '1850-03-10', hours: 8, quality: 3 },
    ];
    for (const input of inputs) {
      const refused = await core.dispatch('log.add', input);
      expect(refused).toMatchObject({ ok: false, code: 'implausible' });
      expect(refused.ok ? '' : refused.message).toMatch(
        /^Please check: The date (1850-03-10 is more than 5 years in the past|3000-01-01 is more than a year in the future)\./,
      );
    }
    expect(await count()).toBe(0);
    for (const input of inputs) await ok(core, 'log.add', { ...input, confirm: true });
    expect(await count()).toBe(3);
    // Near dates need nothing.
    await ok(core, 'log.add', diet(c.id, '2022-01-01', { foodId: 'usda:09040', grams: 100 }));
    // A diary file: the far row is refused (and nothing stored) unless the dates are confirmed for the file.
    const csv = 'date,food_id,grams\n2026-03-01,usda:09040,100\n1850-03-02,usda:09040,100\n';
    const upload = { clientId: c.id, fileName: 'diary.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const report = await ok<{ committed: boolean; errors: { row: number; message: string }[] }>(
      core,
      'log.importCsv',
      upload,
    );
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      {
        row: 3,
        message:
          'date: The date 1850-03-02 is more than 5 years in the past. Check it, or confirm the dates to import them.',
      },
    ]);
    expect(await count()).toBe(4);
    const confirmed = await ok<{ committed: boolean }>(core, 'log.importCsv', { ...upload, confirmDates: true });
    expect(confirmed.committed).toBe(true);
    expect(await count()).toBe(6);
  });

  it('rejects impossible entries and asks to confirm implausible ones; nothing is half-saved', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', profile);
    const count = async (): Promise<number> =>
      (await ok<LogEntry[]>(core, 'log.list', { clientId: c.id, from: '2000-01-01', to: '2100-01-01' })).length;
    expect(
      await core.dispatch('log.add', diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 6000 })),
    ).toMatchObject({
      ok: false,
      code: 'invalid-input',
      fields: { grams: 'More than 5 kg in one entry cannot be right.' },
    });
    expect(
      await core.dispatch('log.add', diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 2000 })),
    ).toMatchObject({
      ok: false,
      code: 'implausible',
      message: expect.stringContaining('very large amount'),
    });
    expect(await count()).toBe(0);
    const confirmed = await ok<{ warnings: string[] }>(
      core,
      'log.add',
      diet(c.id, '2026-03-10', { foodId: 'usda:09040', grams: 2000, confirm: true }),
    );
    expect(confirmed.warnings).toHaveLength(1);
    expect(
      await core.dispatch('log.add', diet(c.id, '2026-03-10', { foodId: 'usda:09040', amount: '1 bucket' })),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('no measure called "bucket"'),
    });
    expect(await core.dispatch('log.add', diet(c.id, '2026-03-10', { foodId: 'usda:99999', grams: 10 }))).toMatchObject(
      { ok: false },
    );
    expect(
      await core.dispatch('log.add', { kind: 'sleep', clientId: c.id, date: '2026-03-10', hours: 25, quality: 3 }),
    ).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    expect(
      await core.dispatch('log.add', { kind: 'sleep', clientId: c.id, date: '2026-03-10', hours: 7, quality: 6 }),
    ).toMatchObject({
      ok: false,
      fields: { quality: 'Rate the quality from 1 to 5.' },
    });
    expect(await count()).toBe(1);
  });

  it('estimates activity energy from the Compendium MET and the client weight; sleep is averaged', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', profile);
    const r = await ok<{ entry: LogEntry }>(core, 'log.add', {
      kind: 'activity',
      clientId: c.id,
      date: '2026-03-10',
      activity: 'running-10kmh',
      minutes: 30,
    });
    // 9.8 MET × 60 kg × 0.5 h = 294 kcal (Ainsworth 2011, code 12050).
    expect(r.entry.activity).toMatchObject({ met: 9.8, minutes: 30, kcal: 294 });
    await ok(core, 'log.add', { kind: 'sleep', clientId: c.id, date: '2026-03-10', hours: 7.5, quality: 4 });
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date: '2026-03-10' });
    expect(day).toMatchObject({ activityMin: 30, burnedKcal: 294, sleepHours: 7.5, sleepQuality: 4, dietEntries: 0 });
    expect(
      await core.dispatch('log.add', {
        kind: 'activity',
        clientId: c.id,
        date: '2026-03-10',
        activity: 'flying',
        minutes: 5,
      }),
    ).toMatchObject({
      ok: false,
      message: 'Unknown activity "flying". Choose one from the list.',
    });
  });

  it('estimates activity energy with the weight in force on the activity day, not the latest weight', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const core = await unlockedCore({ clock });
    const c = await ok<Client>(core, 'clients.create', profile); // 60 kg, kept as the reading of 1 March
    clock.advance(14 * 86_400_000);
    await ok(core, 'measures.add', { clientId: c.id, kind: 'weight', value: 80, date: '2026-03-12' });
    const run = (date: string) =>
      ok<{ entry: LogEntry }>(core, 'log.add', {
        kind: 'activity',
        clientId: c.id,
        date,
        activity: 'running-10kmh',
        minutes: 30,
      });
    // 9.8 MET × kg × 0.5 h (Ainsworth 2011, code 12050): 60 kg before 12 March, 80 kg from it.
    expect((await run('2026-03-10')).entry.activity?.kcal).toBeCloseTo(9.8 * 60 * 0.5, 9);
    expect((await run('2026-03-14')).entry.activity?.kcal).toBeCloseTo(9.8 * 80 * 0.5, 9);
  });

  it('trends: rolling means skip unlogged days, and the macro split is by Atwater energy', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', profile);
    // 100 g banana on the 1st, 300 g on the 3rd, nothing on the 2nd.
    await ok(core, 'log.add', diet(c.id, '2026-01-01', { foodId: 'usda:09040', grams: 100 }));
    await ok(core, 'log.add', diet(c.id, '2026-01-03', { foodId: 'usda:09040', grams: 300 }));
    const t = await ok<TrendsView>(core, 'dashboard.trends', { clientId: c.id, from: '2026-01-01', to: '2026-01-03' });
    expect(t.days.map((d) => d.logged)).toEqual([true, false, true]);
    expect(t.days[1]?.values.energyKcal).toBeNull();
    expect(t.days[2]?.mean7.energyKcal).toBeCloseTo((89 + 267) / 2, 5);
    expect(t.daysLogged).toBe(2);
    const split = t.macroSplit;
    expect(split && split.proteinPct + split.carbPct + split.fatPct).toBeCloseTo(100, 5);
    // Banana per 100 g: protein 1.09 g, carbohydrate 22.84 g, fat 0.33 g (SR28).
    const p = 1.09 * 4;
    const cb = 22.84 * 4;
    const f = 0.33 * 9;
    expect(split?.carbPct).toBeCloseTo((100 * cb) / (p + cb + f), 3);
    expect(t.targets.energyKcal).toBeGreaterThan(1500);
    expect(
      await core.dispatch('dashboard.trends', { clientId: c.id, from: '2026-01-05', to: '2026-01-01' }),
    ).toMatchObject({ ok: false });
  });
});
