import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Audit } from '../audit/audit.ts';
import type { ClientDataChanged } from '../changes.ts';
import type { ClientsService } from '../clients/clients.ts';
import { AppError } from '../contract/errors.ts';
import { BOUNDS, type Favourite, type LogEntry, type Meal, type MealTemplate } from '../contract/log.ts';
import type { Db } from '../db/open.ts';
import { clientFavourites, events, foods as foodsTable, mealTemplates } from '../db/schema.ts';
import type { TemplateEntryRecord } from '../db/schema/favourites.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { createEntryBuilder } from './entry-builder.ts';
import { eventNutrientValues } from './event-columns.ts';
import { fmt, occurredAt, toEntry, type DietDetail, type FoodAmounts, type GivenConfirmation } from './log-entry.ts';

/** The most foods one template holds (a meal, not a week: it also bounds the synced row's size). */
export const MAX_TEMPLATE_ENTRIES = 60;

/** The entry builder's warning about the day's energy (one entry's view of the day). */
const DAY_ENERGY = /^This (brings|makes) \d{4}-\d{2}-\d{2} /;

/**
 * A client's favourite foods and meal templates. Both are per client: what one client eats every
 * morning is no shortcut for another, and both are about the client (synced encrypted, erased with them).
 *
 * - A favourite is a row per (client, food); removing it marks the row deleted (sync carries the
 *   tombstone), and starring the food again revives that row. Two computers starring the same food
 *   offline make two rows; the list shows the food once and removing it marks both.
 * - A template keeps its entries as one JSON list (food, grams, the measure as typed, note): it is saved
 *   and logged as a unit and never edited entry by entry, so one row is the whole template on every
 *   computer (never half of it). Logging it builds every entry exactly as `log.add` does (amounts,
 *   allergies, plausibility) and writes them in one transaction.
 */

export interface FavouritesService {
  favourites(clientId: string): Favourite[];
  setFavourite(clientId: string, foodId: string, favourite: boolean): Favourite[];
  templates(clientId: string): MealTemplate[];
  saveTemplate(input: { clientId: string; name: string; date: string; meal: Meal | null }): MealTemplate;
  renameTemplate(id: string, name: string): MealTemplate;
  deleteTemplate(id: string): { id: string };
  logTemplate(input: {
    id: string;
    date: string;
    meal: Meal | null;
    time: string | null;
    confirm: boolean;
    allergyConfirmation?: GivenConfirmation;
  }): { entries: LogEntry[]; warnings: string[] };
}

/** The stored entries, read defensively (a row pulled from a faulty computer must not crash the list). */
const StoredEntries = z.array(
  z.object({
    foodId: z.string().min(1),
    foodName: z.string(),
    grams: z.number().positive(),
    amountText: z.string().nullable(),
    note: z.string().nullable(),
  }),
);

function storedEntries(value: unknown): TemplateEntryRecord[] {
  const parsed = StoredEntries.safeParse(typeof value === 'string' ? safeJson(value) : value);
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createFavouritesService(
  db: Db,
  deps: {
    foods: FoodAmounts;
    clients: ClientsService;
    audit: Audit;
    now: () => number;
    changed?: ClientDataChanged;
  },
): FavouritesService {
  const { foods, clients, audit, now } = deps;
  const { build, requireConfirmation } = createEntryBuilder(db, { foods, clients, now });

  /** Names of the foods that exist (not deleted), by id. */
  const liveFoods = (ids: readonly string[]): Map<string, string> => {
    if (ids.length === 0) return new Map();
    const rows = db
      .select({ id: foodsTable.id, name: foodsTable.name })
      .from(foodsTable)
      .where(and(inArray(foodsTable.id, [...new Set(ids)]), isNull(foodsTable.deletedAt)))
      .all();
    return new Map(rows.map((r) => [r.id, r.name]));
  };

  const favouriteRows = (clientId: string) =>
    db
      .select({ foodId: clientFavourites.foodId, createdAt: sql<number>`max(${clientFavourites.createdAt})` })
      .from(clientFavourites)
      .where(and(eq(clientFavourites.clientId, clientId), isNull(clientFavourites.deletedAt)))
      .groupBy(clientFavourites.foodId)
      .orderBy(desc(sql`max(${clientFavourites.createdAt})`), asc(clientFavourites.foodId))
      .all();

  const favourites = (clientId: string): Favourite[] => {
    clients.get(clientId);
    const rows = favouriteRows(clientId);
    const names = liveFoods(rows.map((r) => r.foodId));
    return rows.map((r) => ({ foodId: r.foodId, name: names.get(r.foodId) ?? null, createdAt: r.createdAt }));
  };

  const toTemplate = (row: typeof mealTemplates.$inferSelect): MealTemplate => {
    const entries = storedEntries(row.entriesJson);
    const names = liveFoods(entries.map((e) => e.foodId));
    return {
      id: row.id,
      clientId: row.clientId,
      name: row.name,
      meal: (row.meal as Meal | null) ?? null,
      entries: entries.map((e) => ({
        foodId: e.foodId,
        foodName: names.get(e.foodId) ?? e.foodName,
        grams: e.grams,
        amountText: e.amountText,
        note: e.note,
        missing: !names.has(e.foodId),
      })),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  };

  const dayEnergy = (clientId: string, date: string): number =>
    db
      .select({ kcal: sql<number>`coalesce(sum(${events.energyKcal}), 0)` })
      .from(events)
      .where(
        and(
          eq(events.clientId, clientId),
          eq(events.localDate, date),
          eq(events.kind, 'diet'),
          isNull(events.deletedAt),
        ),
      )
      .get()?.kcal ?? 0;

  const loadTemplate = (id: string) => {
    const row = db
      .select()
      .from(mealTemplates)
      .where(and(eq(mealTemplates.id, id), isNull(mealTemplates.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'That meal template does not exist (it may have been deleted).');
    return row;
  };

  return {
    favourites,

    setFavourite(clientId, foodId, favourite) {
      clients.get(clientId);
      const t = now();
      const rows = db
        .select()
        .from(clientFavourites)
        .where(and(eq(clientFavourites.clientId, clientId), eq(clientFavourites.foodId, foodId)))
        .all();
      const live = rows.filter((r) => r.deletedAt === null);
      if (favourite) {
        if (live.length > 0) return favourites(clientId);
        if (!liveFoods([foodId]).has(foodId))
          throw new AppError('not-found', 'That food does not exist (it may have been deleted).', {
            foodId: 'Choose a food from the list.',
          });
        db.transaction(() => {
          const old = rows[0];
          if (old) {
            db.update(clientFavourites)
              .set({ deletedAt: null, createdAt: t, updatedAt: Math.max(t, old.updatedAt + 1) })
              .where(eq(clientFavourites.id, old.id))
              .run();
          } else {
            db.insert(clientFavourites)
              .values({ id: uuidv7(t), clientId, foodId, createdAt: t, updatedAt: t, deletedAt: null })
              .run();
          }
          audit.record('favourite', clientId, 'favourite-add');
        });
      } else {
        if (live.length === 0) return favourites(clientId);
        db.transaction(() => {
          for (const r of live) {
            const at = Math.max(t, r.updatedAt + 1);
            db.update(clientFavourites)
              .set({ deletedAt: at, updatedAt: at })
              .where(eq(clientFavourites.id, r.id))
              .run();
          }
          audit.record('favourite', clientId, 'favourite-remove');
        });
      }
      return favourites(clientId);
    },

    templates(clientId) {
      clients.get(clientId);
      return db
        .select()
        .from(mealTemplates)
        .where(and(eq(mealTemplates.clientId, clientId), isNull(mealTemplates.deletedAt)))
        .orderBy(asc(sql`lower(${mealTemplates.name})`), asc(mealTemplates.id))
        .all()
        .map(toTemplate);
    },

    saveTemplate({ clientId, name, date, meal }) {
      clients.get(clientId);
      const rows = db
        .select()
        .from(events)
        .where(
          and(
            eq(events.clientId, clientId),
            eq(events.localDate, date),
            eq(events.kind, 'diet'),
            meal === null ? isNull(events.meal) : eq(events.meal, meal),
            isNull(events.deletedAt),
          ),
        )
        .orderBy(asc(events.occurredAt), asc(events.id))
        .all();
      // Entries imported "as reported" name no food of this computer: they cannot be logged again.
      const entries: TemplateEntryRecord[] = rows.flatMap((r) => {
        const d = r.detail as unknown as Partial<DietDetail> & { note?: unknown };
        if (!r.foodId || typeof d.grams !== 'number') return [];
        return [
          {
            foodId: r.foodId,
            foodName: d.foodName ?? r.foodId,
            grams: d.grams,
            amountText: typeof d.amountText === 'string' && d.amountText.trim() !== '' ? d.amountText : null,
            note: typeof d.note === 'string' && d.note !== '' ? d.note : null,
          },
        ];
      });
      if (entries.length === 0)
        throw new AppError('not-found', `No food is logged for ${meal ?? 'that meal'} on ${date}: nothing to save.`, {
          meal: 'Choose a meal with food entries.',
        });
      if (entries.length > MAX_TEMPLATE_ENTRIES)
        throw new AppError(
          'invalid-input',
          `A template holds at most ${MAX_TEMPLATE_ENTRIES} foods; this meal has ${entries.length}.`,
          { meal: `At most ${MAX_TEMPLATE_ENTRIES} foods.` },
        );
      const t = now();
      const id = uuidv7(t);
      db.transaction(() => {
        db.insert(mealTemplates)
          .values({ id, clientId, name, meal, entriesJson: entries, createdAt: t, updatedAt: t, deletedAt: null })
          .run();
        audit.record('meal-template', clientId, 'template-save', ['name', String(entries.length)]);
      });
      return toTemplate(loadTemplate(id));
    },

    renameTemplate(id, name) {
      const row = loadTemplate(id);
      clients.get(row.clientId);
      if (row.name !== name) {
        db.transaction(() => {
          db.update(mealTemplates)
            .set({ name, updatedAt: Math.max(now(), row.updatedAt + 1) })
            .where(eq(mealTemplates.id, id))
            .run();
          audit.record('meal-template', row.clientId, 'template-rename', ['name']);
        });
      }
      return toTemplate(loadTemplate(id));
    },

    deleteTemplate(id) {
      const row = loadTemplate(id);
      const at = Math.max(now(), row.updatedAt + 1);
      db.transaction(() => {
        db.update(mealTemplates).set({ deletedAt: at, updatedAt: at }).where(eq(mealTemplates.id, id)).run();
        audit.record('meal-template', row.clientId, 'template-delete');
      });
      return { id };
    },

    logTemplate({ id, date, meal, time, confirm, allergyConfirmation }) {
      const row = loadTemplate(id);
      const template = toTemplate(row);
      if (template.entries.length === 0)
        throw new AppError('invalid-input', `"${template.name}" has no entries that can be read: save it again.`);
      const missing = template.entries.filter((e) => e.missing);
      if (missing.length > 0) {
        const names = missing.map((e) => `"${e.foodName}"`).join(', ');
        throw new AppError(
          'not-found',
          `Nothing was logged: ${names} in "${template.name}" ${missing.length === 1 ? 'was' : 'were'} deleted from the foods. Log the other foods one by one, or save the meal as a template again.`,
        );
      }
      // Every entry is built (amount, allergies, plausibility) before anything is written.
      const client = clients.get(row.clientId);
      const built: ReturnType<typeof build>['values'][] = [];
      const refused: string[] = [];
      const warnings: string[] = [];
      let kcal = 0;
      for (const e of template.entries) {
        const input = {
          kind: 'diet' as const,
          clientId: row.clientId,
          date,
          time,
          note: e.note,
          confirm,
          allergyConfirmation: allergyConfirmation ?? null,
          meal,
          foodId: e.foodId,
          grams: e.amountText === null ? e.grams : null,
          amount: e.amountText,
        };
        try {
          const b = build(input, null, { advice: '' });
          built.push(b.values);
          if ('nutrients' in b.values.detail) kcal += b.values.detail.nutrients.energyKcal ?? 0;
          // The day's energy is checked below for the whole template (each entry counted only itself).
          for (const w of b.warnings) if (!warnings.includes(w) && !DAY_ENERGY.test(w)) warnings.push(w);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'allergen-conflict') throw err;
          refused.push(err.message);
        }
      }
      if (refused.length > 0) {
        throw new AppError(
          'allergen-conflict',
          `Nothing was logged. ${refused.join(' ')} Check with the client; to log the template anyway, confirm the allergy warning and give a reason.`,
          { allergyConfirmation: 'Give a reason to log these foods despite the allergy.' },
        );
      }
      const day = dayEnergy(row.clientId, date) + kcal;
      if (day > BOUNDS.dayEnergyKcal.warn[1]) {
        // Eating-disorder-sensitive care: the same check, with no energy figure in the words (as log.add).
        warnings.push(
          client.edSensitive
            ? `This makes ${date} an unusually large day in the log: please check the amounts.`
            : `This brings ${date} to ${fmt(day)} kcal, more than 8,000 kcal in a day.`,
        );
      }
      requireConfirmation(warnings, confirm);
      const t = now();
      const ids: string[] = [];
      db.transaction(() => {
        for (const values of built) {
          const entryId = uuidv7(t);
          ids.push(entryId);
          db.insert(events)
            .values({
              ...eventNutrientValues({}),
              ...values,
              id: entryId,
              clientId: row.clientId,
              occurredAt: occurredAt(date, time),
              localDate: date,
              source: 'manual',
              photoId: null,
              createdAt: t,
              updatedAt: t,
              deletedAt: null,
            })
            .run();
        }
        const confirmed = built.some((v) => 'allergyConfirmation' in v.detail);
        audit.record('event', row.clientId, 'log-template', [
          String(built.length),
          ...(confirmed ? ['allergyConfirmation'] : []),
        ]);
      });
      deps.changed?.(row.clientId, 'log');
      const entries = db
        .select()
        .from(events)
        .where(inArray(events.id, ids))
        .orderBy(asc(events.occurredAt), asc(events.id))
        .all()
        .map(toEntry);
      return { entries, warnings };
    },
  };
}
