/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings (UTC, so no time-zone or DST surprises). Pure,
 * unit-tested in Node.
 */
const DAY_MS = 86_400_000;

function toUtc(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return ms;
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return toUtc(value) !== null;
}

/** The date `days` later (negative: earlier); an invalid date comes back unchanged. */
export function addDays(iso: string, days: number): string {
  const ms = toUtc(iso);
  return ms === null ? iso : fromUtc(ms + days * DAY_MS);
}

/** Days from `from` to `to` counting both ends (0 when the range is reversed or invalid). */
export function daysInclusive(from: string, to: string): number {
  const a = toUtc(from);
  const b = toUtc(to);
  if (a === null || b === null || b < a) return 0;
  return Math.round((b - a) / DAY_MS) + 1;
}

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The `days` days ending on `end` (inclusive): 7 days to 2025-03-10 is 2025-03-04 … 2025-03-10. */
export function presetRange(days: number, end: string): { from: string; to: string } {
  return { from: addDays(end, -(Math.max(1, Math.round(days)) - 1)), to: end };
}

/** The preset a range matches (ending on `end`), or null for a custom range. */
export function matchPreset(from: string, to: string, end: string): RangePreset | null {
  if (to !== end) return null;
  return RANGE_PRESETS.find((p) => presetRange(p, end).from === from) ?? null;
}

/** Longest range the trends view asks for (the server may refuse more). */
export const MAX_RANGE_DAYS = 366;

/** A sentence when a custom range cannot be used, or null when it is fine. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isIsoDate(from) || !isIsoDate(to)) return 'Enter both dates.';
  const days = daysInclusive(from, to);
  if (days === 0) return 'The start date must be on or before the end date.';
  if (days > MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days.`;
  return null;
}
