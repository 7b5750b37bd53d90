import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '../contract/clients.ts';
import type { Sqlite } from '../db/open.ts';
import type { Logger } from '../logging/log.ts';
import { profileOn } from '../measures/in-force.ts';
import { contributions, parseXgbModel, predict, type XgbModel } from '../scoring/xgboost.ts';
import { ageInYears } from '../targets/compute.ts';
import { mifflinStJeorBmr, MSJ_MIN_AGE } from '../targets/energy.ts';

/**
 * The intake model (issue 6): an XGBoost regression of a client's energy intake on ANOTHER day from
 * one logged day's totals and the profile (trained on the NHANES 2017–2018 two-day recalls, day 2
 * from day 1; models/intake-forecast/MODEL_CARD.md). It answers "what does a typical day of this
 * client probably look like, given this day?", and so flags days that are implausibly low, which in
 * practice mostly means meals were left out of the log.
 *
 * The band is the estimate ± the model's holdout RMSE (manifest.holdout.rmse): the model's average
 * error on people it never saw, the same width for everyone. It is NOT a per-client prediction
 * interval, and the UI says so.
 */

export const FORECAST_FEATURES = [
  'day1_energy_kcal',
  'day1_protein_g',
  'day1_carb_g',
  'day1_sugar_g',
  'day1_fibre_g',
  'day1_fat_g',
  'day1_sat_fat_g',
  'day1_sodium_mg',
  'day1_entries',
  'day1_weekday',
  'age_years',
  'sex_female',
  'weight_kg',
  'height_cm',
  'bmi',
] as const;

/**
 * Goldberg cut-off for ONE day of intake of ONE subject (N = 1, d = 1): energy intake ÷ BMR below it
 * is incompatible with life at a sedentary-to-moderate activity level (PAL 1.55) with 95 % confidence.
 *   cut-off = PAL × exp(−2 × S / 100), S = √(CVwEI² / d + CVwB² + CVtP²)
 * with the variances Black recommends: CVwEI 23 % (within-subject day-to-day intake), CVwB 8.5 %
 * (BMR estimated, not measured), CVtP 15 % (between-subject PAL): S = 28.7 and cut-off =
 * 1.55 × exp(−0.575) = 0.87. Goldberg GR et al. 1991, Eur J Clin Nutr 45:569–581; Black AE 2000,
 * Int J Obes 24:1119–1130 (Table 3, individual, 1 day: 0.87).
 */
export const GOLDBERG_PAL = 1.55;
export const GOLDBERG_CV = { withinIntake: 23, bmr: 8.5, pal: 15 } as const;
export const GOLDBERG_CUTOFF_1DAY_N1 = 0.87;

/** The cut-off for `days` days of one subject (Black 2000 eq. 1 with N = 1, SDmin = −2). */
export function goldbergCutoff(days: number): number {
  const s = Math.sqrt(GOLDBERG_CV.withinIntake ** 2 / days + GOLDBERG_CV.bmr ** 2 + GOLDBERG_CV.pal ** 2);
  return GOLDBERG_PAL * Math.exp((-2 * s) / 100);
}

/**
 * A logged day below estimate − 1.5 × RMSE is flagged: about 7 % of days fall that low by chance if
 * the model's errors were normal (one-sided z = 1.5), so most flagged days are incomplete logs, and
 * the flag is a prompt to check the log, never a judgement of the client.
 */
export const BELOW_ESTIMATE_RMSE = 1.5;

/** The model was trained on adults only (models/intake-forecast/train.py: RIDAGEYR >= 18). */
export const MIN_AGE_YEARS = 18;

/**
 * Why the model gives no estimate for this client on `date`, or null when it does. It was trained on
 * NHANES 2017–2018 respondents aged 18 y and over from the general population (train.py keeps
 * RIDAGEYR >= 18 and does not model pregnancy or lactation; the model card lists pregnancy and children
 * among the populations it was not validated on), so an estimate for a pregnant or lactating client, or
 * one under 18, would rest on people unlike them. A life stage on a male profile is ignored, as in
 * core/targets/compute.ts.
 */
export function forecastHiddenReason(client: Client, date: string): string | null {
  const trained =
    'The intake model was trained on adults (18 y and over) of the general US population (NHANES 2017–2018)';
  const stage = client.sex === 'male' ? 'none' : client.lifeStage;
  if (stage === 'pregnant')
    return `${trained} and was not validated in pregnancy, so it gives no estimate for a pregnant client.`;
  if (stage === 'lactating')
    return `${trained} and was not validated during lactation, so it gives no estimate for a breastfeeding client.`;
  if (client.birthDate && ageInYears(client.birthDate, date) < MIN_AGE_YEARS)
    return `${trained}, so it gives no estimate for a client under 18.`;
  return null;
}

/** How many features the dashboard lists as the main contributors to an estimate. */
export const TOP_CONTRIBUTORS = 4;

export type PlausibilityFlag = 'ok' | 'below-estimate' | 'below-goldberg';

export interface ForecastContributor {
  feature: string;
  label: string;
  /** The feature's value (null when missing: the model then follows each tree's default branch). */
  value: number | null;
  /** e.g. "1,120 kcal", "Tuesday", "female". */
  valueText: string;
  /** The feature's additive effect on the estimate (XGBoost pred_contribs / TreeSHAP), kcal. */
  effectKcal: number;
  /** e.g. "Logged energy that day: 1,120 kcal → −310 kcal". */
  text: string;
}

export interface ForecastEstimate {
  date: string;
  estimateKcal: number;
  /** estimate ± the model's holdout RMSE (not a per-client interval). */
  band: { low: number; high: number };
  rmseKcal: number;
  contributors: ForecastContributor[];
  loggedKcal: number | null;
  /** Mifflin-St Jeor BMR from the profile; null when sex, weight, height or age is missing. */
  bmrKcal: number | null;
  loggedToEstimateRatio: number | null;
  loggedToBmrRatio: number | null;
  plausibility: { flag: PlausibilityFlag; message: string };
}

export interface ForecastService {
  /** Whether the model files were found and parsed (they load on first use). */
  available(): boolean;
  /** Model inputs in the manifest's featureNames order; NaN for missing. */
  featureVector(client: Client, dayTotals: DayTotalsRow | undefined, date: string): number[];
  /**
   * Null when the day has no diet entries, the model is not available, or the client is outside the
   * model's training population (forecastHiddenReason).
   */
  estimate(sqlite: Sqlite, client: Client, date: string): ForecastEstimate | null;
}

/** A daily_totals row (core/db/migrations/0001_foods_logging.sql). */
export type DayTotalsRow = Record<string, number | string | null>;

export interface ForecastManifest {
  featureNames: string[];
  holdout: { n: number; rmse: number; mae: number };
}

export function defaultForecastModelDir(): string {
  return fileURLToPath(new URL('../../models/intake-forecast', import.meta.url));
}

const DAY_COLUMNS: Record<string, string> = {
  day1_energy_kcal: 'energy_kcal',
  day1_protein_g: 'protein_g',
  day1_carb_g: 'carb_g',
  day1_sugar_g: 'sugar_g',
  day1_fibre_g: 'fibre_g',
  day1_fat_g: 'fat_g',
  day1_sat_fat_g: 'sat_fat_g',
  day1_sodium_mg: 'sodium_mg',
  day1_entries: 'diet_entries',
};

const LABELS: Record<string, { label: string; unit: string }> = {
  day1_energy_kcal: { label: 'Logged energy that day', unit: 'kcal' },
  day1_protein_g: { label: 'Logged protein that day', unit: 'g' },
  day1_carb_g: { label: 'Logged carbohydrate that day', unit: 'g' },
  day1_sugar_g: { label: 'Logged sugars that day', unit: 'g' },
  day1_fibre_g: { label: 'Logged fibre that day', unit: 'g' },
  day1_fat_g: { label: 'Logged fat that day', unit: 'g' },
  day1_sat_fat_g: { label: 'Logged saturated fat that day', unit: 'g' },
  day1_sodium_mg: { label: 'Logged sodium that day', unit: 'mg' },
  day1_entries: { label: 'Food entries that day', unit: '' },
  day1_weekday: { label: 'Day of the week', unit: '' },
  age_years: { label: 'Age', unit: 'y' },
  sex_female: { label: 'Sex', unit: '' },
  weight_kg: { label: 'Weight', unit: 'kg' },
  height_cm: { label: 'Height', unit: 'cm' },
  bmi: { label: 'BMI', unit: 'kg/m²' },
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
// Ratios to BMR are compared with a two-decimal cut-off (0.87), so they are shown with two decimals.
const TWO_DECIMALS = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1,120", "23.4". */
export function formatAmount(x: number): string {
  return Math.abs(x) >= 100 ? WHOLE.format(x) : ONE_DECIMAL.format(x);
}

/** "+120 kcal" / "−310 kcal" (a true minus sign, as typeset). */
export function formatEffect(kcal: number): string {
  const r = Math.round(kcal);
  return `${r < 0 ? '−' : '+'}${WHOLE.format(Math.abs(r))} kcal`;
}

function valueText(feature: string, value: number): string {
  if (Number.isNaN(value)) return 'not known';
  if (feature === 'day1_weekday') return WEEKDAYS[value] ?? String(value);
  if (feature === 'sex_female') return value === 1 ? 'female' : 'male';
  const unit = LABELS[feature]?.unit ?? '';
  return unit ? `${formatAmount(value)} ${unit}` : formatAmount(value);
}

/** 0 = Monday … 6 = Sunday (the NHANES day-of-week coding shifted to ISO order in training). */
export function isoWeekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function numberOr(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

/** The model inputs by name (NaN when missing). */
export function featureValues(client: Client, row: DayTotalsRow | undefined, date: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [feature, column] of Object.entries(DAY_COLUMNS)) out[feature] = numberOr(row?.[column]);
  out.day1_weekday = isoWeekday(date);
  out.age_years = client.birthDate ? ageInYears(client.birthDate, date) : Number.NaN;
  out.sex_female = client.sex === null ? Number.NaN : client.sex === 'female' ? 1 : 0;
  out.weight_kg = client.weightKg ?? Number.NaN;
  out.height_cm = client.heightCm ?? Number.NaN;
  const m = client.heightCm ? client.heightCm / 100 : Number.NaN;
  out.bmi = client.weightKg === null ? Number.NaN : client.weightKg / (m * m);
  return out;
}

export interface PlausibilityInput {
  flag: PlausibilityFlag;
  loggedKcal: number;
  estimateKcal: number;
  rmseKcal: number;
  bmrKcal: number | null;
}

/**
 * The flag's text. Without `numbers` (eating-disorder-sensitive clients) the text says the same with
 * no energy figure, so it still prompts a check of the log.
 */
export function plausibilityMessage(flag: PlausibilityFlag, numbers: PlausibilityInput | null): string {
  if (flag === 'ok') return 'The logged intake for this day is within what the model expects.';
  if (flag === 'below-goldberg') {
    const detail = numbers?.bmrKcal
      ? ` (${WHOLE.format(numbers.loggedKcal)} kcal is ${TWO_DECIMALS.format(numbers.loggedKcal / numbers.bmrKcal)} × the estimated basal metabolic rate of ${WHOLE.format(numbers.bmrKcal)} kcal; the Goldberg cut-off for a single day is ${GOLDBERG_CUTOFF_1DAY_N1})`
      : '';
    return `The logged intake for this day is lower than is plausible for a whole day${detail}. Some meals, snacks or drinks may be missing from the log: check it is complete before drawing conclusions.`;
  }
  const detail = numbers
    ? ` (${WHOLE.format(numbers.loggedKcal)} kcal logged; the model's typical-day estimate is ${WHOLE.format(numbers.estimateKcal)} kcal and its usual error ${WHOLE.format(numbers.rmseKcal)} kcal)`
    : '';
  return `The logged intake for this day is well below what the model expects of a typical day for this client${detail}. It may be an unusual day, or some entries may be missing: check the log is complete.`;
}

interface LoadedModel {
  featureNames: string[];
  rmse: number;
  model: XgbModel;
}

export interface ForecastServiceOptions {
  /** Folder with manifest.json and model.json; default models/intake-forecast in the repository. */
  modelDir?: string | undefined;
  log: Logger;
}

export function createForecastService(options: ForecastServiceOptions): ForecastService {
  const dir = options.modelDir ?? defaultForecastModelDir();
  // Loaded once, on first use: the app starts without paying for it, and a missing model (a build
  // without models/intake-forecast) only leaves the forecast out, logged once.
  let loaded: LoadedModel | null | undefined;
  const dayRows = new WeakMap<Sqlite, ReturnType<Sqlite['prepare']>>();

  function load(): LoadedModel | null {
    if (loaded !== undefined) return loaded;
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ForecastManifest;
      const model = parseXgbModel(JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as unknown);
      if (!Array.isArray(manifest.featureNames) || !(manifest.holdout?.rmse > 0))
        throw new Error('manifest.json lacks featureNames or holdout.rmse');
      const unknown = manifest.featureNames.filter((f) => !(f in LABELS));
      if (unknown.length > 0) throw new Error(`unknown model features: ${unknown.join(', ')}`);
      loaded = { featureNames: manifest.featureNames, rmse: manifest.holdout.rmse, model };
    } catch (err) {
      options.log.warn('intake model not available', { dir, error: err });
      loaded = null;
    }
    return loaded;
  }

  function dayRow(sqlite: Sqlite, clientId: string, date: string): DayTotalsRow | undefined {
    let st = dayRows.get(sqlite);
    if (!st) {
      st = sqlite.prepare('SELECT * FROM daily_totals WHERE client_id = :client AND local_date = :date');
      dayRows.set(sqlite, st);
    }
    return st.get({ client: clientId, date }) as DayTotalsRow | undefined;
  }

  function featureVector(client: Client, dayTotals: DayTotalsRow | undefined, date: string): number[] {
    const names = load()?.featureNames ?? [...FORECAST_FEATURES];
    const values = featureValues(client, dayTotals, date);
    return names.map((n) => values[n] ?? Number.NaN);
  }

  return {
    available: () => load() !== null,
    featureVector,
    estimate(sqlite, profile, date) {
      const m = load();
      if (!m) return null;
      const row = dayRow(sqlite, profile.id, date);
      if (!row || Number(row.diet_entries ?? 0) === 0) return null;
      // The weight and height in force on that day (core/measures/in-force.ts), as the targets use them:
      // the model and the Goldberg check for last month read last month's weight, not today's.
      const client = profileOn(sqlite, profile, date);
      // Outside the training population (adults, not pregnant or lactating): no estimate at all.
      if (forecastHiddenReason(client, date) !== null) return null;
      const x = featureVector(client, row, date);
      const estimateKcal = predict(m.model, x);
      const { values } = contributions(m.model, x);
      const contributors = m.featureNames
        .map((feature, i) => ({ feature, i, effect: values[i] ?? 0 }))
        .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
        .slice(0, TOP_CONTRIBUTORS)
        .map(({ feature, i, effect }): ForecastContributor => {
          const value = x[i] ?? Number.NaN;
          const label = LABELS[feature]?.label ?? feature;
          const vt = valueText(feature, value);
          return {
            feature,
            label,
            value: Number.isNaN(value) ? null : value,
            valueText: vt,
            effectKcal: effect,
            text: `${label}: ${vt} → ${formatEffect(effect)}`,
          };
        });

      const logged = typeof row.energy_kcal === 'number' ? row.energy_kcal : null;
      const age = client.birthDate ? ageInYears(client.birthDate, date) : null;
      // Mifflin-St Jeor is validated from 19 y (core/targets/energy.ts); younger clients get no Goldberg check.
      const bmr =
        client.sex && client.weightKg && client.heightCm && age !== null && age >= MSJ_MIN_AGE
          ? mifflinStJeorBmr(client.sex, client.weightKg, client.heightCm, age)
          : null;
      const toBmr = logged !== null && bmr !== null && bmr > 0 ? logged / bmr : null;
      // Goldberg first: below it the day is physiologically implausible, the stronger of the two signals.
      const flag: PlausibilityFlag =
        toBmr !== null && toBmr < GOLDBERG_CUTOFF_1DAY_N1
          ? 'below-goldberg'
          : logged !== null && logged < estimateKcal - BELOW_ESTIMATE_RMSE * m.rmse
            ? 'below-estimate'
            : 'ok';
      return {
        date,
        estimateKcal,
        band: { low: Math.max(0, estimateKcal - m.rmse), high: estimateKcal + m.rmse },
        rmseKcal: m.rmse,
        contributors,
        loggedKcal: logged,
        bmrKcal: bmr,
        loggedToEstimateRatio: logged !== null && estimateKcal > 0 ? logged / estimateKcal : null,
        loggedToBmrRatio: toBmr,
        plausibility: {
          flag,
          message: plausibilityMessage(
            flag,
            logged === null ? null : { flag, loggedKcal: logged, estimateKcal, rmseKcal: m.rmse, bmrKcal: bmr },
          ),
        },
      };
    },
  };
}
