import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDashboardService } from '../features/dashboard.ts';
import { silentLogger, type Logger } from '../logging/log.ts';
import { latestDayFlag, confidenceOf, PLAUSIBILITY_FACTOR } from '../rules/confidence.ts';
import { forecastVariables } from '../rules/features.ts';
import { rulesKit } from '../rules/test-kit.ts';
import { contributions, parseXgbModel, predict } from '../scoring/xgboost.ts';
import { mifflinStJeorBmr } from '../targets/energy.ts';
import { fixedClock, ok, tempDir, unlockedCore } from '../test-utils/core-harness.ts';
import {
  createForecastService,
  defaultForecastModelDir,
  FORECAST_FEATURES,
  forecastHiddenReason,
  formatEffect,
  GOLDBERG_CUTOFF_1DAY_N1,
  goldbergCutoff,
  isoWeekday,
  type ForecastService,
} from './forecast.ts';
import { TINY_BASE, TINY_RMSE, tinyModelJson, writeTinyModel } from './test-model.ts';

const AS_OF = '2026-03-15'; // a Sunday

async function setup(
  opts: { rmse?: number; modelDir?: string } = {},
): Promise<{ kit: ReturnType<typeof rulesKit>; forecast: ForecastService; clientId: string }> {
  const clock = fixedClock(`${AS_OF}T10:00:00Z`);
  const core = await unlockedCore({ clock });
  const kit = rulesKit(core, clock.now);
  let dir = opts.modelDir ?? writeTinyModel(tempDir('bioai-forecast-'));
  if (opts.rmse !== undefined) {
    dir = writeTinyModel(tempDir('bioai-forecast-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ featureNames: [...FORECAST_FEATURES], holdout: { n: 10, rmse: opts.rmse, mae: 1 } }),
    );
  }
  const forecast = createForecastService({ modelDir: dir, log: silentLogger });
  // Mifflin-St Jeor BMR: 10 × 60 + 6.25 × 165 − 5 × 36 − 161 = 1,290.25 kcal; 0.87 × BMR = 1,122.5 kcal.
  const c = kit.addClient({ name: 'Ada Example', sex: 'female', birthDate: '1990-01-01', heightCm: 165, weightKg: 60 });
  return { kit, forecast, clientId: c.id };
}

describe('Goldberg cut-off', () => {
  it('is 0.87 for one day of one person with Black 2000 values', () => {
    expect(Math.round(goldbergCutoff(1) * 100) / 100).toBe(GOLDBERG_CUTOFF_1DAY_N1);
    // More days narrow the within-person variation, so the cut-off rises (Black 2000, Table 3).
    expect(goldbergCutoff(7)).toBeGreaterThan(goldbergCutoff(1));
  });
});

describe('featureVector', () => {
  it('follows the manifest order with NaN for what is missing', async () => {
    const { kit, forecast, clientId } = await setup();
    kit.addEvent({ clientId, date: '2026-03-09', energyKcal: 1800, proteinG: 70 });
    const row = kit.sqlite
      .prepare('SELECT * FROM daily_totals WHERE client_id = ? AND local_date = ?')
      .get(clientId, '2026-03-09') as Record<string, number | string | null>;
    const x = forecast.featureVector(kit.clients.get(clientId), row, '2026-03-09');
    const byName = Object.fromEntries(FORECAST_FEATURES.map((f, i) => [f, x[i]]));
    expect(x).toHaveLength(15);
    expect(byName.day1_energy_kcal).toBe(1800);
    expect(byName.day1_protein_g).toBe(70);
    expect(byName.day1_carb_g).toBeNaN();
    expect(byName.day1_entries).toBe(1);
    expect(byName.day1_weekday).toBe(0); // 9 March 2026 is a Monday
    expect(byName.age_years).toBe(36);
    expect(byName.sex_female).toBe(1);
    expect(byName.bmi).toBeCloseTo(60 / 1.65 ** 2, 6);
    expect(isoWeekday(AS_OF)).toBe(6);
  });
});

describe('estimate (hand-built model)', () => {
  it('is null without diet entries that day', async () => {
    const { kit, forecast, clientId } = await setup();
    kit.addEvent({ clientId, kind: 'sleep', date: AS_OF, sleepHours: 7, sleepQuality: 3 });
    expect(forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF)).toBeNull();
    expect(forecast.estimate(kit.sqlite, kit.clients.get(clientId), '2026-03-14')).toBeNull();
  });

  it('gives the estimate, the RMSE band and the contributors', async () => {
    const { kit, forecast, clientId } = await setup();
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1200 });
    const f = forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF);
    expect(f).not.toBeNull();
    expect(f?.estimateKcal).toBe(TINY_BASE - 300);
    expect(f?.band).toEqual({ low: 1700 - TINY_RMSE, high: 1700 + TINY_RMSE });
    expect(f?.contributors).toHaveLength(4);
    expect(f?.contributors[0]).toMatchObject({ feature: 'day1_energy_kcal', value: 1200, effectKcal: -250 });
    expect(f?.contributors[0]?.text).toBe('Logged energy that day: 1,200 kcal → −250 kcal');
    // 1,200 ÷ 1,290 = 0.93: above the cut-off; 1,200 > 1,700 − 1.5 × 800.
    expect(f?.plausibility.flag).toBe('ok');
    expect(f?.loggedToEstimateRatio).toBeCloseTo(1200 / 1700, 6);
  });

  it('flags a day below the Goldberg cut-off', async () => {
    const { kit, forecast, clientId } = await setup();
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1000 });
    const f = forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF);
    expect(f?.plausibility.flag).toBe('below-goldberg');
    expect(f?.plausibility.message).toContain('1,000 kcal');
    expect(f?.plausibility.message).toContain('0.78 × the estimated basal metabolic rate of 1,290 kcal');
  });

  it('reads the weight in force on the day estimated, not the latest weight', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const core = await unlockedCore({ clock });
    const kit = rulesKit(core, clock.now);
    const forecast = createForecastService({ modelDir: writeTinyModel(tempDir('bioai-forecast-')), log: silentLogger });
    const c = kit.addClient({
      name: 'Ada Example',
      sex: 'female',
      birthDate: '1990-01-01',
      heightCm: 165,
      weightKg: 60,
    });
    clock.advance(14 * 86_400_000);
    await ok(core, 'measures.add', { clientId: c.id, kind: 'weight', value: 90, date: '2026-03-12' });
    kit.addEvent({ clientId: c.id, date: '2026-03-10', energyKcal: 1200 });
    kit.addEvent({ clientId: c.id, date: '2026-03-14', energyKcal: 1200 });
    const client = kit.clients.get(c.id);
    expect(client.weightKg).toBe(90);
    // Mifflin-St Jeor, woman of 36, 165 cm: 60 kg on 10 March (1,290 kcal), 90 kg on 14 March (1,590 kcal).
    const before = forecast.estimate(kit.sqlite, client, '2026-03-10');
    expect(before?.bmrKcal).toBeCloseTo(mifflinStJeorBmr('female', 60, 165, 36), 9);
    expect(before?.plausibility.flag).toBe('ok'); // 1,200 ÷ 1,290 = 0.93
    const after = forecast.estimate(kit.sqlite, client, '2026-03-14');
    expect(after?.bmrKcal).toBeCloseTo(mifflinStJeorBmr('female', 90, 165, 36), 9);
    expect(after?.plausibility.flag).toBe('below-goldberg'); // 1,200 ÷ 1,590 = 0.75
  });

  it('flags a day well below the estimate (logged < estimate − 1.5 × RMSE)', async () => {
    const { kit, forecast, clientId } = await setup({ rmse: 100 });
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1200 });
    const f = forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF);
    expect(f?.plausibility.flag).toBe('below-estimate');
  });

  it('gives no estimate for a client under 18 (the model was trained on adults)', async () => {
    const { kit, forecast } = await setup();
    const teen = kit.addClient({ name: 'Teen', sex: 'male', birthDate: '2012-01-01', heightCm: 160, weightKg: 50 });
    kit.addEvent({ clientId: teen.id, date: AS_OF, energyKcal: 2000 });
    expect(forecast.estimate(kit.sqlite, kit.clients.get(teen.id), AS_OF)).toBeNull();
  });

  it('leaves the forecast out, logged once, when the model files are missing', async () => {
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (msg) => void warnings.push(msg) };
    const { kit, clientId } = await setup();
    const forecast = createForecastService({ modelDir: tempDir('bioai-no-model-'), log });
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1000 });
    expect(forecast.available()).toBe(false);
    expect(forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF)).toBeNull();
    expect(warnings).toEqual(['intake model not available']);
  });

  it('formats effects with a true minus sign', () => {
    expect(formatEffect(-310.4)).toBe('−310 kcal');
    expect(formatEffect(1234)).toBe('+1,234 kcal');
  });
});

describe('the tiny model through the scorer', () => {
  it('gives the hand-computed TreeSHAP values', () => {
    const m = parseXgbModel(tinyModelJson());
    const x = FORECAST_FEATURES.map(() => Number.NaN);
    x[0] = 1000;
    expect(predict(m, x)).toBe(1700);
    const c = contributions(m, x);
    expect(c.bias).toBeCloseTo(1950, 3);
    expect(c.values[0]).toBeCloseTo(-250, 3);
  });
});

describe('dashboard.day forecast', () => {
  it('fills DayView.forecast, and hides the numbers for eating-disorder-sensitive care', async () => {
    const { kit, forecast, clientId } = await setup();
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1000 });
    const dashboard = createDashboardService(kit.sqlite, kit.targets, { forecast, clients: kit.clients });
    const day = dashboard.day(clientId, AS_OF);
    expect(day.forecast?.numbersHidden).toBe(false);
    expect(day.forecast?.estimateKcal).toBe(1700);
    expect(day.forecast?.plausibility?.flag).toBe('below-goldberg');
    expect(day.forecast?.hiddenReason).toBeNull();
    expect(dashboard.day(clientId, '2026-03-14').forecast).toBeNull();
    // A reader of many days (the report) skips the model; the day's figures are the same.
    const plain = dashboard.day(clientId, AS_OF, { forecast: false });
    expect(plain.forecast).toBeNull();
    expect({ ...plain, forecast: day.forecast }).toEqual(day);

    const ed = kit.addClient({
      name: 'Bea Example',
      sex: 'female',
      birthDate: '1990-01-01',
      heightCm: 165,
      weightKg: 60,
      edSensitive: true,
    });
    kit.addEvent({ clientId: ed.id, date: AS_OF, energyKcal: 1000 });
    const hidden = dashboard.day(ed.id, AS_OF).forecast;
    expect(hidden).toMatchObject({ numbersHidden: true, estimateKcal: null, band: null, contributors: [] });
    expect(hidden?.plausibility?.flag).toBe('below-goldberg');
    expect(hidden?.plausibility?.message).not.toMatch(/kcal|\d/);
  });
});

describe('clients outside the training population (pregnant, lactating, under 18)', () => {
  it('the dashboard day of a pregnant client has no estimate and says why', async () => {
    const { kit, forecast } = await setup();
    const pregnant = kit.addClient({
      name: 'Clara Example',
      sex: 'female',
      birthDate: '1990-01-01',
      heightCm: 165,
      weightKg: 66,
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    kit.addEvent({ clientId: pregnant.id, date: AS_OF, energyKcal: 1000 });
    const dashboard = createDashboardService(kit.sqlite, kit.targets, { forecast, clients: kit.clients });
    const f = dashboard.day(pregnant.id, AS_OF).forecast;
    expect(f).toMatchObject({ estimateKcal: null, band: null, rmseKcal: null, contributors: [], plausibility: null });
    expect(f?.hiddenReason).toContain('NHANES 2017–2018');
    expect(f?.hiddenReason).toContain('pregnant client');
    expect(forecast.estimate(kit.sqlite, kit.clients.get(pregnant.id), AS_OF)).toBeNull();
    // Without diet entries there is nothing to estimate or explain.
    expect(dashboard.day(pregnant.id, '2026-03-14').forecast).toBeNull();
  });

  it('lactating and under-18 clients get their own reason; a male profile ignores a stray life stage', async () => {
    const { kit, forecast, clientId } = await setup();
    const base = { sex: 'female' as const, birthDate: '1990-01-01', heightCm: 165, weightKg: 60 };
    const lactating = kit.addClient({ ...base, name: 'Dora', lifeStage: 'lactating', lifeStageDetail: 3 });
    const teen = kit.addClient({ ...base, name: 'Eva', birthDate: '2010-06-01' });
    expect(forecastHiddenReason(kit.clients.get(lactating.id), AS_OF)).toContain('breastfeeding client');
    expect(forecastHiddenReason(kit.clients.get(teen.id), AS_OF)).toContain('under 18');
    expect(forecastHiddenReason(kit.clients.get(clientId), AS_OF)).toBeNull();
    // The clients service refuses this combination; a stale value (say from an old sync) must not hide the model.
    const stray = { ...kit.clients.get(clientId), sex: 'male' as const, lifeStage: 'pregnant' as const };
    expect(forecastHiddenReason(stray, AS_OF)).toBeNull();
    // The rule variables are empty for them, even with a logged day in the window.
    for (const c of [lactating, teen]) {
      kit.addEvent({ clientId: c.id, date: AS_OF, energyKcal: 800 });
      expect(forecastVariables(kit.sqlite, forecast, kit.clients.get(c.id), AS_OF)).toEqual({
        energy_kcal: null,
        band_low_kcal: null,
        band_high_kcal: null,
        logged_to_estimate_ratio: null,
        below_goldberg: false,
      });
    }
  });
});

describe('forecast.* variables and confidence', () => {
  it('reads the most recent logged day within 7 days', async () => {
    const { kit, forecast, clientId } = await setup();
    const client = kit.clients.get(clientId);
    expect(forecastVariables(kit.sqlite, forecast, client, AS_OF)).toEqual({
      energy_kcal: null,
      band_low_kcal: null,
      band_high_kcal: null,
      logged_to_estimate_ratio: null,
      below_goldberg: false,
    });
    kit.addEvent({ clientId, date: '2026-03-08', energyKcal: 900 }); // 7 days back: outside the window
    expect(forecastVariables(kit.sqlite, forecast, client, AS_OF).energy_kcal).toBeNull();
    kit.addEvent({ clientId, date: '2026-03-12', energyKcal: 1000 });
    kit.addEvent({ clientId, date: '2026-03-10', energyKcal: 3000 });
    const v = forecastVariables(kit.sqlite, forecast, client, AS_OF);
    expect(v).toMatchObject({ energy_kcal: 1700, band_low_kcal: 900, band_high_kcal: 2500, below_goldberg: true });
    expect(v.logged_to_estimate_ratio).toBeCloseTo(1000 / 1700, 6);
    expect(latestDayFlag(v)).toBe('below-goldberg');
    expect(forecastVariables(kit.sqlite, null, client, AS_OF).below_goldberg).toBe(false);
  });

  it('lowers the confidence of intake rules when the latest day is implausibly low', () => {
    const reads = ['features.energy_kcal_7d_ratio'];
    const values = { 'features.energy_kcal_7d_ratio': 0.8 };
    const data = { entries7: 21, days7: 7, days30: 30 };
    expect(confidenceOf(reads, values, data)).toBe(1);
    expect(confidenceOf(reads, values, { ...data, latestDayFlag: 'below-goldberg' })).toBe(
      PLAUSIBILITY_FACTOR['below-goldberg'],
    );
    expect(
      confidenceOf(
        ['features.days_logged_7d'],
        { 'features.days_logged_7d': 7 },
        { ...data, latestDayFlag: 'below-goldberg' },
      ),
    ).toBe(1);
    // below-estimate from the variables: 400 < 2000 − 1.5 × 800.
    const v = {
      energy_kcal: 2000,
      band_low_kcal: 1200,
      band_high_kcal: 2800,
      logged_to_estimate_ratio: 0.2,
      below_goldberg: false,
    };
    expect(latestDayFlag(v)).toBe('below-estimate');
    expect(latestDayFlag({ ...v, logged_to_estimate_ratio: 0.5 })).toBe('ok');
    expect(latestDayFlag(undefined)).toBe('ok');
  });
});

// The trained model (models/intake-forecast), once present: a realistic estimate whose contributions add up.
describe.runIf(existsSync(path.join(defaultForecastModelDir(), 'model.json')))('the trained intake model', () => {
  it('estimates a typical day and explains it', async () => {
    const { kit, forecast, clientId } = await setup({ modelDir: defaultForecastModelDir() });
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 1900, proteinG: 75, fatG: 70, fibreG: 20, sodiumMg: 3000 });
    kit.addEvent({ clientId, date: AS_OF, energyKcal: 200 });
    const f = forecast.estimate(kit.sqlite, kit.clients.get(clientId), AS_OF);
    expect(f).not.toBeNull();
    expect(f?.estimateKcal).toBeGreaterThan(1200);
    expect(f?.estimateKcal).toBeLessThan(3200);
    expect(f?.rmseKcal).toBeGreaterThan(500);
    expect(f?.band.high).toBeCloseTo((f?.estimateKcal ?? 0) + (f?.rmseKcal ?? 0), 6);
    expect(f?.contributors).toHaveLength(4);
    expect(f?.contributors[0]?.text).toMatch(/^.+: .+ → [+−][\d,]+ kcal$/);
    expect(f?.plausibility.flag).toBe('ok');
  });
});
