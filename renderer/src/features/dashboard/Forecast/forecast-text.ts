import type { DayForecast } from '@contract/log.ts';
import { formatNumber } from '../../../lib/format.ts';

/**
 * Texts of the forecast card. The model's typical error is about 800 kcal (its holdout RMSE,
 * models/intake-forecast/manifest.json), so figures are rounded to 50 kcal: more digits would claim
 * a precision the model does not have.
 */
export const ROUND_KCAL = 50;

export function roundKcal(kcal: number): number {
  return Math.round(kcal / ROUND_KCAL) * ROUND_KCAL;
}

/** "Typical-day estimate: 2,150 kcal (1,400–2,900)"; null when the numbers are hidden. */
export function forecastEstimateText(f: DayForecast): string | null {
  if (f.numbersHidden || f.estimateKcal === null) return null;
  const band = f.band ? ` (${formatNumber(roundKcal(f.band.low), 0)}–${formatNumber(roundKcal(f.band.high), 0)})` : '';
  return `Typical-day estimate: ${formatNumber(roundKcal(f.estimateKcal), 0)} kcal${band}`;
}

/** What the band means, so nobody reads it as this client's personal range. */
export function forecastBandNote(f: DayForecast): string | null {
  if (f.numbersHidden || f.rmseKcal === null) return null;
  return `The range is the model's typical error on people it was not trained on (± ${formatNumber(roundKcal(f.rmseKcal), 0)} kcal), not a range for this client.`;
}

type Flag = NonNullable<DayForecast['plausibility']>['flag'];

export const FLAG_TITLES: Record<Flag, string> = {
  ok: 'Logged intake looks plausible',
  'below-estimate': 'Logged intake is well below the estimate',
  'below-goldberg': 'Logged intake is implausibly low for a whole day',
};

/** Alert colour per flag: a day below the Goldberg cut-off is the stronger signal. */
export function flagColor(flag: Flag): 'orange' | 'yellow' | 'green' {
  if (flag === 'below-goldberg') return 'orange';
  return flag === 'below-estimate' ? 'yellow' : 'green';
}
