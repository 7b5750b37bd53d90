import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import { BOUNDS, type EntryInput } from '../contract/log.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db } from '../db/open.ts';
import { events } from '../db/schema.ts';
import { confirmAllergy, type AllergyConfirmationRecord } from '../foods/allergens.ts';
import { valueInForce } from '../measures/profile-link.ts';
import { localIsoDate } from '../util/clock.ts';
import { logDateWarning } from '../util/plausible-date.ts';
import { activityKcal, findActivity } from './activities.ts';
import { eventNutrientValues } from './event-columns.ts';
import { fmt, type Detail, type FoodAmounts, type GivenConfirmation } from './log-entry.ts';

/**
 * Turns an entry as the practitioner gave it into the values of its events row: resolves the food
 * amount or the activity, checks the allergies, and lists what is implausible (bounds in
 * schemas-log.ts) for the practitioner to confirm.
 */
export function createEntryBuilder(db: Db, deps: { foods: FoodAmounts; clients: ClientsService; now: () => number }) {
  const { foods, clients, now } = deps;

  const dayEnergy = (clientId: string, date: string, excludeId: string | null): number => {
    const r = db
      .select({ kcal: sql<number>`coalesce(sum(${events.energyKcal}), 0)` })
      .from(events)
      .where(
        and(
          eq(events.clientId, clientId),
          eq(events.localDate, date),
          eq(events.kind, 'diet'),
          isNull(events.deletedAt),
          excludeId ? sql`${events.id} <> ${excludeId}` : undefined,
        ),
      )
      .get();
    return r?.kcal ?? 0;
  };

  /**
   * Builds the row values for an entry and the plausibility warnings (bounds in schemas-log.ts). A diet
   * entry whose food conflicts with the client's allergies needs a confirmation: the one in the input,
   * or `allergy.carried` (already on the entry being edited); `allergy.advice` replaces the refusal's
   * "what to do next" where the caller says it otherwise (an import).
   */
  const build = (
    input: EntryInput,
    excludeId: string | null,
    allergy: { carried?: AllergyConfirmationRecord | null; given?: GivenConfirmation; advice?: string } = {},
  ) => {
    const client = clients.get(input.clientId);
    const warnings: string[] = [];
    const dateWarning = logDateWarning(input.date, localIsoDate(now()));
    if (dateWarning) warnings.push(dateWarning);
    const base = { time: input.time, note: input.note };
    if (input.kind === 'diet') {
      const amount = input.grams !== null ? { grams: input.grams } : { text: input.amount ?? '' };
      const r = foods.resolveAmount(input.foodId, amount);
      if (r.grams > BOUNDS.grams.reject[1]) {
        throw new AppError('invalid-input', `${r.label} of ${r.foodName} is more than 5 kg: that cannot be right.`, {
          amount: 'More than 5 kg in one entry cannot be right.',
        });
      }
      if (r.grams > BOUNDS.grams.warn[1]) warnings.push(`${r.label} of ${r.foodName} is a very large amount.`);
      if (r.grams < BOUNDS.grams.warn[0]) warnings.push(`${r.label} of ${r.foodName} is a very small amount.`);
      const kcal = r.nutrients.energyKcal ?? 0;
      const day = dayEnergy(input.clientId, input.date, excludeId) + kcal;
      if (day > BOUNDS.dayEnergyKcal.warn[1]) {
        // Eating-disorder-sensitive care: the same check, with no energy figure in the words.
        warnings.push(
          client.edSensitive
            ? `This makes ${input.date} an unusually large day in the log: please check the amounts.`
            : `This brings ${input.date} to ${fmt(day)} kcal, more than 8,000 kcal in a day.`,
        );
      }
      const confirmation = confirmAllergy({ name: r.foodName, allergens: r.allergens }, client, {
        given: allergy.given ?? input.allergyConfirmation,
        at: now(),
        carried: allergy.carried ?? null,
        ...(allergy.advice === undefined ? {} : { advice: allergy.advice }),
      });
      const detail: Detail = {
        ...base,
        foodId: input.foodId,
        foodName: r.foodName,
        grams: r.grams,
        amountLabel: r.label,
        amountText: input.amount,
        nutrients: r.nutrients,
        ...(confirmation ? { allergyConfirmation: confirmation } : {}),
      };
      return {
        warnings,
        values: {
          kind: 'diet' as const,
          foodId: input.foodId,
          meal: input.meal,
          ...eventNutrientValues(r.nutrients),
          detail,
        },
      };
    }
    if (input.kind === 'activity') {
      const def = findActivity(input.activity);
      if (!def) {
        throw new AppError('invalid-input', `Unknown activity "${input.activity}". Choose one from the list.`, {
          activity: 'Choose an activity from the list.',
        });
      }
      if (input.minutes > BOUNDS.minutes.warn[1])
        warnings.push(`${fmt(input.minutes)} minutes of ${def.label} is more than 6 hours.`);
      // MET × kg × h with the weight in force on the activity's day (core/measures/profile-link.ts), so
      // an activity logged for last month is not counted with today's weight.
      const weightKg = valueInForce(db, input.clientId, 'weight', input.date) ?? client.weightKg;
      const kcal = activityKcal(def.met, input.minutes, weightKg);
      const detail: Detail = {
        ...base,
        activity: def.key,
        label: def.label,
        met: def.met,
        minutes: input.minutes,
        kcal,
      };
      return {
        warnings,
        values: { kind: 'activity' as const, durationMin: input.minutes, burnedKcal: kcal, detail },
      };
    }
    if (input.hours < BOUNDS.sleepHours.warn[0] || input.hours > BOUNDS.sleepHours.warn[1]) {
      warnings.push(`${fmt(input.hours)} hours of sleep is outside the usual 3–14 hours.`);
    }
    const detail: Detail = { ...base, hours: input.hours, quality: input.quality };
    return {
      warnings,
      values: { kind: 'sleep' as const, sleepHours: input.hours, sleepQuality: input.quality, detail },
    };
  };

  const requireConfirmation = (warnings: string[], confirm: boolean): void => {
    if (warnings.length > 0 && !confirm) {
      throw new AppError('implausible', `Please check: ${warnings.join(' ')} Save anyway if it is right.`);
    }
  };

  return { build, requireConfirmation };
}
