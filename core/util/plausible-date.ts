/**
 * Dates far from today are usually typing slips (1850 for 1985, 3000 for 2030) or a spreadsheet's
 * serial-number mishap. Like an implausible amount, such a date is not refused outright: it needs the
 * user's confirmation (the `confirm` flag of an entry, `--confirm` in the CLI).
 *
 * A log date (diet, activity, sleep) is plausible from LOG_YEARS_BACK years before today to
 * LOG_DAYS_AHEAD days after it: older diaries are still imported, with a confirmation.
 */
export const LOG_YEARS_BACK = 5;
export const LOG_DAYS_AHEAD = 366;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** The warning for a log date far from `today` (both YYYY-MM-DD), or null when it is plausible. */
export function logDateWarning(date: string, today: string): string | null {
  const diff = dayNumber(date) - dayNumber(today);
  if (Number.isNaN(diff)) return null;
  if (diff > LOG_DAYS_AHEAD) return `The date ${date} is more than a year in the future.`;
  if (diff < -LOG_YEARS_BACK * 365.25) return `The date ${date} is more than ${LOG_YEARS_BACK} years in the past.`;
  return null;
}
