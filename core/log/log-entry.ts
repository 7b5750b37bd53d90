import type { LogEntry } from '../contract/log.ts';
import type { events } from '../db/schema.ts';
import type { AllergyConfirmationRecord } from '../foods/allergens.ts';
import type { NutrientValues } from '../foods/nutrients.ts';

/** How a log entry is stored: the `detail` JSON of an events row, and the row read back as a LogEntry. */

export type Row = typeof events.$inferSelect;

/** What logging needs from the food database (implemented by core/foods/foods-service.ts). */
export interface FoodAmounts {
  resolveAmount(
    foodId: string,
    amount: { grams: number } | { text: string },
  ): { grams: number; label: string; nutrients: NutrientValues; foodName: string; allergens: readonly string[] };
  allergensOf(foodId: string): { name: string; allergens: readonly string[] };
}

/** An allergy confirmation as a request carries it (AllergyConfirmation in schemas-log.ts). */
export type GivenConfirmation = { reason: string } | null | undefined;

export type DietDetail = {
  foodId: string;
  foodName: string;
  grams: number;
  amountLabel: string;
  amountText: string | null;
  nutrients: NutrientValues;
  /** Saved despite a recorded allergy: which, why, when (absent otherwise). */
  allergyConfirmation?: AllergyConfirmationRecord;
};
/**
 * A diet entry imported "as reported" from another app's diary: no database food; the name, amount and
 * nutrients are that app's (core/log/diary-import). `import` identifies the row it came from.
 */
export type ReportedDietDetail = Omit<DietDetail, 'foodId' | 'grams'> & {
  foodId: null;
  grams: number | null;
  reported: { name: string; amount: string | null; format: string };
  import: { format: string; key: string };
  time: string | null;
  note: string | null;
};
export type ActivityDetail = {
  activity: string;
  label: string;
  met: number;
  minutes: number;
  kcal: number | null;
};
export type SleepDetail = {
  hours: number;
  quality: number;
};
export type Detail = (DietDetail | ActivityDetail | SleepDetail) & { time: string | null; note: string | null };

/** Local wall-clock time of the entry (noon when no time is given, so the day never shifts). */
export function occurredAt(date: string, time: string | null): number {
  return new Date(`${date}T${time ?? '12:00'}:00`).getTime();
}

export const fmt = (n: number): string => (Math.round(n * 10) / 10).toLocaleString('en-US');

/** An events row as the API returns it. */
export function toEntry(row: Row): LogEntry {
  const d = row.detail as unknown as Detail;
  const diet = row.kind === 'diet' ? (d as DietDetail & Partial<Pick<ReportedDietDetail, 'reported'>>) : null;
  const activity = row.kind === 'activity' ? (d as ActivityDetail) : null;
  const sleep = row.kind === 'sleep' ? (d as SleepDetail) : null;
  const nutrients: NutrientValues = diet?.nutrients ?? {};
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    date: row.localDate,
    time: d.time ?? null,
    source: row.source,
    photoId: row.photoId ?? null,
    note: d.note ?? null,
    meal: (row.meal as LogEntry['meal']) ?? null,
    // An entry kept "as reported" from another app's diary has no database food (see `reported`).
    food: diet?.foodId
      ? {
          id: diet.foodId,
          name: diet.foodName,
          amountLabel: diet.amountLabel,
          grams: diet.grams,
          amountText: diet.amountText ?? null,
        }
      : null,
    activity: activity
      ? {
          key: activity.activity,
          label: activity.label,
          met: activity.met,
          minutes: activity.minutes,
          kcal: activity.kcal,
        }
      : null,
    sleep: sleep ? { hours: sleep.hours, quality: sleep.quality } : null,
    nutrients,
    reported: diet?.reported ?? null,
    allergyConfirmation: diet?.allergyConfirmation ?? null,
    updatedAt: row.updatedAt,
  };
}
