import { BELOW_ESTIMATE_RMSE, type PlausibilityFlag } from '../forecast/forecast.ts';
import type { Variables } from './types.ts';
import type { VariableValue } from './worker-protocol.ts';

/**
 * How much the data behind a recommendation can be trusted, in [0, 1]:
 *
 *   known    = share of the variables the condition reads that have a value (1 when it fired)
 *   For rules about intake (they read a nutrient mean, ratio or share of energy, fruit and vegetables):
 *     coverage = logged days ÷ days in the window (7, or 30 when the rule reads only 30-day features)
 *     density  = min(1, diet entries per logged day ÷ 3): fewer than three entries a day suggests
 *                meals were left out, and intake is then under-estimated
 *     plausible = 1, or less when the intake model (core/forecast) flags the latest logged day
 *                as implausibly low, a sign that meals were left out of the log (PLAUSIBILITY_FACTOR):
 *                0.8 below the Goldberg cut-off (Goldberg 1991; Black 2000), 0.9 below the model's
 *                estimate − 1.5 × its holdout RMSE
 *     confidence = known × (0.7 × coverage + 0.3 × density) × plausible
 *   For other rules (logging, sleep, activity, profile) the data is what it is:
 *     confidence = known
 *
 * So five well-logged days in seven give 0.7 × 5/7 + 0.3 = 0.80; three sparse days (one entry each)
 * give 0.7 × 3/7 + 0.1 = 0.40. Rounded to two decimals. The plausibility factors are the app's policy:
 * one incomplete day is only one day of the window, so it lowers confidence less than sparse logging
 * throughout (density can take off up to 0.3), and a day below the Goldberg cut-off, impossible as a
 * whole day's intake, more than one merely below the model's expectation.
 */

const INTAKE = /^features\.(?!sleep_|activity_|days_|logging_|hours_).+_(7d_mean|30d_mean|7d_ratio|pct_7d|per_kg_7d)$/;
export const ENTRIES_PER_FULL_DAY = 3;

export interface LoggingData {
  /** Diet entries and logged days in the 7-day window. */
  entries7: number;
  days7: number;
  days30: number;
  /** The intake model's flag for the latest logged day in the window (latestDayFlag); default 'ok'. */
  latestDayFlag?: PlausibilityFlag;
}

export const PLAUSIBILITY_FACTOR: Readonly<Record<PlausibilityFlag, number>> = {
  ok: 1,
  'below-estimate': 0.9,
  'below-goldberg': 0.8,
};

/**
 * The flag of the latest logged day from the forecast.* variables (features.ts): below_goldberg, or
 * logged energy below estimate − BELOW_ESTIMATE_RMSE × RMSE (the band's half-width is the RMSE).
 */
export function latestDayFlag(forecast: Variables['forecast']): PlausibilityFlag {
  if (!forecast) return 'ok';
  if (forecast.below_goldberg === true) return 'below-goldberg';
  const { energy_kcal: estimate, band_high_kcal: high, logged_to_estimate_ratio: ratio } = forecast;
  if (typeof estimate !== 'number' || typeof high !== 'number' || typeof ratio !== 'number') return 'ok';
  return ratio * estimate < estimate - BELOW_ESTIMATE_RMSE * (high - estimate) ? 'below-estimate' : 'ok';
}

export function isIntakeVariable(qualified: string): boolean {
  return INTAKE.test(qualified);
}

export function confidenceOf(
  reads: readonly string[],
  values: Record<string, VariableValue>,
  data: LoggingData,
): number {
  const known =
    reads.length === 0 ? 1 : reads.filter((r) => values[r] !== null && values[r] !== undefined).length / reads.length;
  const intake = reads.filter(isIntakeVariable);
  if (intake.length === 0) return round(known);
  const only30 = intake.every((r) => r.includes('_30d_'));
  const coverage = only30 ? Math.min(1, data.days30 / 30) : Math.min(1, data.days7 / 7);
  const density = data.days7 === 0 ? 0 : Math.min(1, data.entries7 / data.days7 / ENTRIES_PER_FULL_DAY);
  const plausible = PLAUSIBILITY_FACTOR[data.latestDayFlag ?? 'ok'];
  return round(known * (0.7 * coverage + 0.3 * density) * plausible);
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
