/**
 * Number and date formatting for the UI. One locale for now (en-US grouping, e.g. "2,046 kcal");
 * when the app is translated this becomes a setting. Pure functions, so they are unit-tested in Node.
 */
export const LOCALE = 'en-US';

const DAY_MS = 86_400_000;

/** Decimals that keep a nutrient value readable: 2,046 kcal, 25 g, 2.7 L, 0.45 mg. */
export function sensibleDecimals(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 10) return 0;
  if (abs >= 1) return 1;
  return 2;
}

export function formatNumber(value: number, maxDecimals: number = sensibleDecimals(value)): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxDecimals }).format(value);
}

/** "2,046 kcal"; an empty unit gives the number alone. */
export function formatQuantity(value: number, unit: string, maxDecimals?: number): string {
  const number = formatNumber(value, maxDecimals ?? sensibleDecimals(value));
  return unit ? `${number} ${unit}` : number;
}

/** "45–65 %", "≥ 25 g", "≤ 2,300 mg", or null when neither end is set. */
export function formatRange(min: number | null, max: number | null, unit: string): string | null {
  const suffix = unit ? ` ${unit}` : '';
  if (min !== null && max !== null) return `${formatNumber(min)}–${formatNumber(max)}${suffix}`;
  if (min !== null) return `≥ ${formatNumber(min)}${suffix}`;
  if (max !== null) return `≤ ${formatNumber(max)}${suffix}`;
  return null;
}

function parseIsoDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date ('1985-04-23') as "Apr 23, 1985"; unparsable input is shown as given. */
export function formatIsoDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A timestamp (ms since epoch) in the viewer's time zone: "Apr 23, 2025, 2:05 PM". */
export function formatDateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(ms));
}

/** Today's calendar date in the viewer's time zone as 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Completed years between a birth date and a day (both 'YYYY-MM-DD'), or null if either is invalid. */
export function ageInYears(birthDate: string, onDate: string): number | null {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (!birth || !on || on.getTime() < birth.getTime()) return null;
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < birth.getUTCMonth() ||
    (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Body-mass index (kg/m²) or null when height or weight is missing. */
export function bmi(weightKg: number | null, heightCm: number | null): number | null {
  if (weightKg === null || heightCm === null || heightCm <= 0) return null;
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/** "3 days ago"-style text for list rows; falls back to a date after a month. */
export function formatRelative(ms: number, now: number = Date.now()): string {
  const days = Math.floor((now - ms) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' }).format(new Date(ms));
}

/**
 * A nutrient amount for tables and the dashboard: energy as a whole number ("1,850 kcal"), other
 * units by size ("25 g", "3.1 g", "0.45 mg").
 */
export function formatNutrient(value: number, unit: string): string {
  return formatQuantity(value, unit, unit === 'kcal' || unit === 'kJ' ? 0 : sensibleDecimals(value));
}

/** A count typed by a person ("1", "1.5", "0.25"): up to two decimals, no grouping surprises. */
export function formatCount(value: number): string {
  return formatNumber(value, 2);
}
