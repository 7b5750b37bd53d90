/** Time comes from one place so tests can pin it (a fake clock is fine: time is outside the app). */
export interface Clock {
  now(): number;
  /** Today's date in the machine's local time zone, YYYY-MM-DD. */
  today(): string;
}

export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  today: () => localIsoDate(Date.now()),
};
