import { describe, expect, it } from 'vitest';
import { servicesOf } from '../test-utils/services.ts';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import type { DayView } from '../contract/log.ts';
import type { Recommendation } from '../contract/rules.ts';
import { ReportRequest } from '../contract/reports.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { renderReportHtml } from './render-html.ts';
import { buildReportModel, formatHeight, formatWeight, type IntakeRow } from './report-model.ts';

const NOW = Date.parse('2026-03-15T10:00:00Z');
const profile = {
  name: 'Ada Report',
  sex: 'female',
  birthDate: '1986-05-05',
  heightCm: 165,
  weightKg: 60,
  activityLevel: 'low-active',
  notes: 'Prefers plant proteins.',
};

async function seeded(): Promise<{ core: Core; a: Client; b: Client }> {
  const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
  const a = await ok<Client>(core, 'clients.create', profile);
  const b = await ok<Client>(core, 'clients.create', { ...profile, name: 'Zed Othername', notes: 'Secret of Zed' });
  const diet = (c: Client, date: string, extra: object): Promise<unknown> =>
    ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, ...extra });
  await diet(a, '2026-03-02', { foodId: 'usda:09040', amount: '1 medium', meal: 'breakfast' });
  await diet(a, '2026-03-02', { foodId: 'usda:09040', grams: 250, meal: 'snack' });
  await diet(a, '2026-03-05', { foodId: 'usda:09040', grams: 400, meal: 'lunch' });
  await diet(a, '2026-03-09', { foodId: 'usda:09040', grams: 90 });
  await ok(core, 'log.add', {
    kind: 'activity',
    clientId: a.id,
    date: '2026-03-05',
    activity: 'walking-brisk',
    minutes: 40,
  });
  await ok(core, 'log.add', {
    kind: 'activity',
    clientId: a.id,
    date: '2026-03-06',
    activity: 'walking-brisk',
    minutes: 25,
  });
  await ok(core, 'log.add', { kind: 'sleep', clientId: a.id, date: '2026-03-05', hours: 7, quality: 4 });
  await ok(core, 'log.add', { kind: 'sleep', clientId: a.id, date: '2026-03-06', hours: 8, quality: 3 });
  await diet(b, '2026-03-05', { foodId: 'usda:09040', grams: 1000 });
  return { core, a, b };
}

const request = (clientId: string, extra: object = {}): ReportRequest =>
  ReportRequest.parse({ clientId, from: '2026-03-01', to: '2026-03-10', ...extra });

describe('buildReportModel', () => {
  it('reports caffeine and alcohol per logged day as the dashboard sums them, against the pregnancy reference', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const c = await ok<Client>(core, 'clients.create', { ...profile, lifeStage: 'pregnant', lifeStageDetail: 2 });
    const diet = (date: string, foodId: string, grams: number): Promise<unknown> =>
      ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId, grams });
    await diet('2026-03-02', 'usda:14209', 711); // three cups of brewed coffee
    await diet('2026-03-03', 'usda:14209', 237);
    await diet('2026-03-03', 'usda:14096', 150); // a glass of red wine
    await diet('2026-03-04', 'usda:09040', 118);
    const m = await buildReportModel(servicesOf(core), request(c.id), NOW, '2026-03-15');
    const days: DayView[] = [];
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04'])
      days.push(await ok<DayView>(core, 'dashboard.day', { clientId: c.id, date }));
    const valuesOf = (k: string) =>
      days.map((d) => d.extras.find((x) => x.key === k)?.value ?? null).filter((v): v is number => v !== null);
    const caffeine = m.extras.find((x) => x.key === 'caffeineMg');
    const alcohol = m.extras.find((x) => x.key === 'alcoholG');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(valuesOf('caffeineMg')).toHaveLength(3); // the banana day counts: SR24 analysed it, 0 mg
    expect(caffeine?.mean).toBeCloseTo(sum(valuesOf('caffeineMg')) / 3, 9);
    expect(caffeine?.mean).toBeCloseTo(((711 + 237) * 40) / 100 / 3, 9);
    expect(caffeine).toMatchObject({ daysWithValue: 3, daysAbove: 1, reference: { max: 200 } }); // 284.4 mg on the 2nd
    expect(alcohol?.mean).toBeCloseTo((150 * 10.6) / 100 / 3, 9);
    expect(alcohol).toMatchObject({ daysAbove: 1, reference: { max: 0 } });
    const doc = renderReportHtml(m, { pageSize: 'A4' });
    expect(doc).toContain('Caffeine and alcohol');
    expect(doc).toContain('<td class="num">126 mg</td>'); // 948 × 0.40 ÷ 3 = 126.4
    expect(doc).toContain('In pregnancy, up to 200 mg a day');
    expect(doc).toContain('In pregnancy, no alcohol');
  });

  it('reports the DB numbers for the requested client only', async () => {
    const { core, a } = await seeded();
    const m = await buildReportModel(servicesOf(core), request(a.id), NOW, '2026-03-15');

    expect(m.title).toBe('Nutrition report — Ada Report, 2026-03-01 to 2026-03-10');
    expect(m.period).toEqual({ from: '2026-03-01', to: '2026-03-10', daysInRange: 10, daysLogged: 3 });

    // Independent mean: dashboard.day totals over the logged days, through the contract.
    const days: DayView[] = [];
    for (let d = 1; d <= 10; d++)
      days.push(
        await ok<DayView>(core, 'dashboard.day', { clientId: a.id, date: `2026-03-${String(d).padStart(2, '0')}` }),
      );
    const logged = days.filter((d) => d.dietEntries > 0);
    expect(logged.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-05', '2026-03-09']);
    const meanOf = (k: keyof DayView['totals']): number =>
      logged.reduce((s, d) => s + (d.totals[k] ?? 0), 0) / logged.length;
    const row = (k: string): IntakeRow | undefined => m.intake?.find((r) => r.key === k);
    expect(row('energyKcal')?.mean).toBeCloseTo(meanOf('energyKcal'), 6);
    expect(row('fibreG')?.mean).toBeCloseTo(meanOf('fibreG'), 6);
    expect(row('potassiumMg')?.mean).toBeCloseTo(meanOf('potassiumMg'), 6);
    // Bananas alone: far below the protein target.
    expect(row('proteinG')?.status).toBe('low');
    // Bananas alone hold far less water than the AI for total water.
    expect(row('waterL')?.status).toBe('low');
    expect(row('waterL')?.mean).toBeCloseTo(meanOf('waterG') / 1000, 6);

    const energy = m.series.find((s) => s.key === 'energyKcal');
    expect(energy?.values.length).toBe(10);
    expect(energy?.values[0]).toBeNull();
    expect(energy?.values[1]).toBeCloseTo(logged[0]?.totals.energyKcal ?? NaN, 6);
    expect(m.series.map((s) => s.key)).toEqual(['energyKcal', 'proteinG', 'carbG', 'fatG', 'fibreG', 'sodiumMg']);
    expect(m.macroSplit?.carbPct).toBeGreaterThan(80);
    expect(m.activity.totalMinutes).toBe(65);
    expect(m.activity.minutes[4]).toBe(40);
    expect(m.sleep.meanHours).toBe(7.5);
    expect(m.sleep.nightsLogged).toBe(2);
    // The client's copy prints no practitioner notes unless asked for; the case report does.
    expect(m.notes).toBeNull();
    expect(m.sections).not.toContain('notes');
    const withNotes = await buildReportModel(
      servicesOf(core),
      request(a.id, { includeNotes: true }),
      NOW,
      '2026-03-15',
    );
    expect(withNotes.notes).toBe('Prefers plant proteins.');
    const caseReport = await buildReportModel(
      servicesOf(core),
      request(a.id, { variant: 'practitioner' }),
      NOW,
      '2026-03-15',
    );
    expect(caseReport.notes).toBe('Prefers plant proteins.');
    expect(caseReport.title).toBe('Case report — Ada Report, 2026-03-01 to 2026-03-10');
    expect(m.client).toMatchObject({ ageYears: 39, height: '165 cm', weight: '60.0 kg', bmi: 22 });
    expect(m.flags.some((f) => f.includes('3 of 10 days'))).toBe(true);
    expect(JSON.stringify(m)).not.toContain('Zed');
  });

  it('gives an honest, valid model for a client with nothing logged', async () => {
    const core = await unlockedCore({ clock: fixedClock() });
    const c = await ok<Client>(core, 'clients.create', { name: 'Empty Client' });
    const m = await buildReportModel(servicesOf(core), request(c.id), NOW, '2026-03-15');
    expect(m.period.daysLogged).toBe(0);
    expect(m.flags).toContain('No meals were logged in this period, so no intake figures are shown.');
    expect(m.intake).toBeNull(); // no sex/age/height/weight: no targets, and a flag says why
    expect(m.flags.some((f) => f.startsWith('Targets could not be set'))).toBe(true);
    expect(m.macroSplit).toBeNull();
    expect(m.series.every((s) => s.values.every((v) => v === null))).toBe(true);
    expect(m.client).toMatchObject({ ageYears: null, height: null, weight: null, bmi: null });
    expect(m.photos).toEqual([]);
  });

  it('leaves energy out for an eating-disorder-sensitive client', async () => {
    const { core, a } = await seeded();
    await ok(core, 'clients.update', { id: a.id, patch: { edSensitive: true } });
    const m = await buildReportModel(servicesOf(core), request(a.id), NOW, '2026-03-15');
    expect(m.energyHidden).toBe(true);
    expect(m.intake?.some((r) => r.key === 'energyKcal')).toBe(false);
    expect(m.series.some((s) => s.key === 'energyKcal')).toBe(false);
    expect(m.flags.some((f) => f.includes('Energy (calorie) figures'))).toBe(true);
  });

  it("prints the accepted recommendations in the client's words in the client's copy, every open one in the case report", async () => {
    const { core, a } = await seeded();
    await ok(core, 'clients.update', {
      id: a.id,
      patch: { allergies: ['Peanut'], conditions: ['hypertension'], lifeStage: 'pregnant', lifeStageDetail: 2 },
    });
    const open = await ok<Recommendation[]>(core, 'recommendations.list', { clientId: a.id });
    expect(open.length).toBeGreaterThan(1);
    const chosen = open[0] as Recommendation;
    await ok(core, 'recommendations.accept', { id: chosen.id });

    const mine = await buildReportModel(servicesOf(core), request(a.id), NOW, '2026-03-15');
    expect(mine.recommendations.map((r) => r.title)).toEqual([chosen.title]);
    expect(mine.recommendations[0]).toMatchObject({
      message: chosen.clientMessage,
      rationale: '',
      guardrails: [],
      why: [],
    });
    expect(mine.recommendations[0]?.suggestions).toEqual(chosen.suggestions.map((x) => x.text));
    expect(mine.client).toMatchObject({
      allergies: ['Peanut'],
      conditions: ['High blood pressure'],
      lifeStage: 'Pregnant (trimester 2)',
      goal: 'Maintain weight',
    });

    const theirs = await buildReportModel(
      servicesOf(core),
      request(a.id, { variant: 'practitioner' }),
      NOW,
      '2026-03-15',
    );
    expect(theirs.recommendations.map((r) => r.title).sort()).toEqual(open.map((r) => r.title).sort());
    expect(theirs.recommendations.every((r) => r.rationale.length > 0 && r.why.length > 0)).toBe(true);
  });

  it('uses US units when the settings say so', async () => {
    const { core, a } = await seeded();
    await ok(core, 'settings.update', { units: 'us' });
    const m = await buildReportModel(servicesOf(core), request(a.id), NOW, '2026-03-15');
    expect(m.client.height).toBe('5 ft 5 in');
    expect(m.client.weight).toBe('132 lb');
    expect(formatHeight(182.88, 'us')).toBe('6 ft 0 in');
    expect(formatWeight(100, 'metric')).toBe('100.0 kg');
  });
});
