import { and, asc, between, eq, isNull } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { CopyMealInput, EntryInput, LogEntry, Meal } from '../contract/log.ts';
import type { Client } from '../contract/clients.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db } from '../db/open.ts';
import { events } from '../db/schema.ts';
import { confirmAllergy } from '../foods/allergens.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { ACTIVITIES, type ActivityDef } from './activities.ts';
import { createEntryBuilder } from './entry-builder.ts';
import { eventNutrientValues } from './event-columns.ts';
import type { ClientDataChanged } from '../changes.ts';
import {
  occurredAt,
  toEntry,
  type DietDetail,
  type Detail,
  type FoodAmounts,
  type GivenConfirmation,
  type Row,
} from './log-entry.ts';

export type { FoodAmounts } from './log-entry.ts';

export interface SaveResult {
  entry: LogEntry;
  warnings: string[];
}

export interface LogService {
  list(clientId: string, from: string, to: string): LogEntry[];
  add(input: EntryInput, source?: 'manual' | 'import' | 'photo', links?: { photoId?: string }): SaveResult;
  update(id: string, input: EntryInput): SaveResult;
  remove(id: string): { id: string };
  restore(id: string): LogEntry;
  /**
   * Copies a day's entries; an entry's allergy confirmation comes with it. A food that conflicts with
   * the client's allergies and has none is refused (all or nothing) unless `allergyConfirmation` is given.
   */
  copyDay(
    clientId: string,
    from: string,
    to: string,
    kinds: ('diet' | 'activity' | 'sleep')[],
    allergyConfirmation?: GivenConfirmation,
    /** Copy to every day from `to` through `until` (at most MAX_COPY_DAYS days). */
    until?: string,
  ): { copied: number; days: number };
  /** Copies a meal's food entries to a day (or range) and meal, all or nothing, like copyDay. */
  copyMeal(input: CopyMealInput): { copied: number; days: number };
  activities(): readonly ActivityDef[];
  /** The client an entry (deleted or not) belongs to. */
  clientOf(id: string): string;
  /**
   * Stores all entries or none: each row is validated and inserted inside one transaction, and any
   * row error rolls the whole file back. Implausible (but possible) rows are accepted, as the file
   * was prepared on purpose; impossible ones are row errors. A food the client is allergic to is a
   * row error too (counted in `allergyConflicts`) unless `allergyConfirmation` is given for the file.
   * A date far from today (plausible-date.ts) is a row error unless `confirmDates` is given for the file.
   */
  importEntries(
    rows: { row: number; input: EntryInput }[],
    allergyConfirmation?: GivenConfirmation,
    confirmDates?: boolean,
  ): {
    imported: number;
    errors: { row: number; message: string }[];
    allergyConflicts: number;
  };
}
/** The most days one copy writes to (a month). */
export const MAX_COPY_DAYS = 31;

/** The calendar day after an ISO date. */
function nextIsoDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function createLogService(
  db: Db,
  deps: {
    foods: FoodAmounts;
    clients: ClientsService;
    audit: Audit;
    now: () => number;
    /** Told after each write, with the client whose log changed. */
    changed?: ClientDataChanged;
  },
): LogService {
  const { foods, clients, audit, now } = deps;
  const changed = (clientId: string): void => deps.changed?.(clientId, 'log');
  const { build, requireConfirmation } = createEntryBuilder(db, { foods, clients, now });

  const load = (id: string, includeDeleted = false): Row => {
    const row = db
      .select()
      .from(events)
      .where(includeDeleted ? eq(events.id, id) : and(eq(events.id, id), isNull(events.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'That log entry does not exist (it may have been deleted).');
    return row;
  };
  const emptyColumns = eventNutrientValues({});

  /** The audit names fields, never values: a confirmation is recorded as its field name, not its reason. */
  const auditFields = (values: { kind: string; detail: Detail }): string[] =>
    'allergyConfirmation' in values.detail ? [values.kind, 'allergyConfirmation'] : [values.kind];

  /**
   * The days a copy goes to: `to` through `until`, at most MAX_COPY_DAYS, never the day copied from
   * (unless `sameSlot` is false: a meal copied to another meal of its own day).
   */
  const copyTargets = (from: string, to: string, until: string, sameSlot = true): string[] => {
    if (until < to) {
      throw new AppError('invalid-input', `The range ends (${until}) before it starts (${to}).`, {
        until: 'On or after the first day.',
      });
    }
    const targets: string[] = [];
    for (let d = to; d <= until; d = nextIsoDay(d)) {
      targets.push(d);
      if (targets.length > MAX_COPY_DAYS) {
        throw new AppError('invalid-input', `Copy to at most ${MAX_COPY_DAYS} days at a time.`, {
          until: `At most ${MAX_COPY_DAYS} days.`,
        });
      }
    }
    if (sameSlot && targets.includes(from))
      throw new AppError(
        'invalid-input',
        targets.length === 1 ? 'Choose a different day to copy to.' : 'The range includes the day being copied.',
        { to: 'Choose another day.' },
      );
    return targets;
  };

  /**
   * Writes copies of `rows` (entries of the day `from`) to every day of `targets`, all or nothing. An
   * entry's allergy confirmation comes with it; a food that conflicts with the client's allergies as they
   * are now and has none is refused unless `allergyConfirmation` is given. `meal` (when given) is the
   * copies' meal.
   */
  const copyRows = (
    client: Client,
    rows: Row[],
    from: string,
    targets: string[],
    how: {
      allergyConfirmation: GivenConfirmation | undefined;
      what: string;
      action: string;
      meal?: Meal | null;
    },
    kinds: string[],
  ): { copied: number; days: number } => {
    const t = now();
    // Every food is checked against the client's allergies as they are now, before anything is written.
    const refused: string[] = [];
    const details = rows.map((r) => {
      const d = r.detail as unknown as Partial<DietDetail>;
      if (r.kind !== 'diet' || !r.foodId) return r.detail;
      const food = foods.allergensOf(r.foodId);
      try {
        const confirmation = confirmAllergy(food, client, {
          given: how.allergyConfirmation,
          at: t,
          carried: d.allergyConfirmation ?? null,
          advice: '',
        });
        return confirmation ? { ...r.detail, allergyConfirmation: confirmation } : r.detail;
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'allergen-conflict') throw err;
        refused.push(err.message);
        return r.detail;
      }
    });
    if (refused.length > 0) {
      throw new AppError(
        'allergen-conflict',
        `Nothing was copied. ${refused.join(' ')} Check with the client; to copy ${how.what} anyway, confirm the allergy warning and give a reason.`,
        { allergyConfirmation: `Give a reason to copy these foods despite the allergy.` },
      );
    }
    // Every day of the range, or none.
    db.transaction(() => {
      for (const day of targets) {
        rows.forEach((r, i) => {
          const shift = occurredAt(day, '12:00') - occurredAt(from, '12:00');
          db.insert(events)
            .values({
              ...r,
              ...(how.meal === undefined ? {} : { meal: how.meal }),
              detail: details[i] ?? r.detail,
              id: uuidv7(t),
              localDate: day,
              occurredAt: r.occurredAt + shift,
              source: r.source,
              createdAt: t,
              updatedAt: t,
            })
            .run();
        });
      }
      const confirmed = details.some((d) => 'allergyConfirmation' in (d as object));
      const what = confirmed ? [...kinds, 'allergyConfirmation'] : [...kinds];
      audit.record('event', client.id, how.action, targets.length > 1 ? [...what, `${targets.length} days`] : what);
    });
    changed(client.id);
    return { copied: rows.length * targets.length, days: targets.length };
  };

  return {
    list(clientId, from, to) {
      clients.get(clientId);
      return db
        .select()
        .from(events)
        .where(and(eq(events.clientId, clientId), between(events.localDate, from, to), isNull(events.deletedAt)))
        .orderBy(asc(events.localDate), asc(events.occurredAt), asc(events.id))
        .all()
        .map(toEntry);
    },

    add(input, source = 'manual', links = {}) {
      const { warnings, values } = build(input, null);
      requireConfirmation(warnings, input.confirm);
      const t = now();
      const id = uuidv7(t);
      db.transaction(() => {
        db.insert(events)
          .values({
            ...emptyColumns,
            ...values,
            id,
            clientId: input.clientId,
            occurredAt: occurredAt(input.date, input.time),
            localDate: input.date,
            source,
            photoId: links.photoId ?? null,
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          })
          .run();
        audit.record('event', input.clientId, 'log-add', auditFields(values));
      });
      changed(input.clientId);
      return { entry: toEntry(load(id)), warnings };
    },

    update(id, input) {
      const before = load(id);
      if (before.clientId !== input.clientId) {
        throw new AppError('invalid-input', 'A log entry cannot be moved to another client.');
      }
      const stored = before.detail as unknown as Partial<DietDetail>;
      // An edit keeps the entry's confirmation while the food stays the same (it covered this food).
      const carried = before.kind === 'diet' && stored.foodId === (input.kind === 'diet' ? input.foodId : null);
      const { warnings, values } = build(input, id, { carried: carried ? (stored.allergyConfirmation ?? null) : null });
      requireConfirmation(warnings, input.confirm);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(events)
          .set({
            ...emptyColumns,
            foodId: null,
            meal: null,
            durationMin: null,
            burnedKcal: null,
            sleepHours: null,
            sleepQuality: null,
            ...values,
            occurredAt: occurredAt(input.date, input.time),
            localDate: input.date,
            updatedAt: t,
          })
          .where(eq(events.id, id))
          .run();
        audit.record('event', before.clientId, 'log-update', auditFields(values));
      });
      changed(before.clientId);
      return { entry: toEntry(load(id)), warnings };
    },

    remove(id) {
      const before = load(id);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(events).set({ deletedAt: t, updatedAt: t }).where(eq(events.id, id)).run();
        audit.record('event', before.clientId, 'log-delete', [before.kind]);
      });
      changed(before.clientId);
      return { id };
    },

    restore(id) {
      const before = load(id, true);
      if (before.deletedAt === null) return toEntry(before);
      clients.get(before.clientId);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(events).set({ deletedAt: null, updatedAt: t }).where(eq(events.id, id)).run();
        audit.record('event', before.clientId, 'log-restore', [before.kind]);
      });
      changed(before.clientId);
      return toEntry(load(id));
    },

    copyDay(clientId, from, to, kinds, allergyConfirmation, until = to) {
      const client = clients.get(clientId);
      const targets = copyTargets(from, to, until);
      const rows = db
        .select()
        .from(events)
        .where(and(eq(events.clientId, clientId), eq(events.localDate, from), isNull(events.deletedAt)))
        .orderBy(asc(events.occurredAt))
        .all()
        .filter((r) => kinds.includes(r.kind));
      if (rows.length === 0) throw new AppError('not-found', `Nothing of that kind is logged on ${from}.`);
      return copyRows(client, rows, from, targets, { allergyConfirmation, what: 'the day', action: 'log-copy-day' }, [
        ...kinds,
      ]);
    },

    copyMeal({ clientId, from, meal, to, toMeal, until = to, allergyConfirmation }) {
      const client = clients.get(clientId);
      const target = toMeal === undefined ? meal : toMeal;
      const targets = copyTargets(from, to, until, meal === target);
      const rows = db
        .select()
        .from(events)
        .where(
          and(
            eq(events.clientId, clientId),
            eq(events.localDate, from),
            eq(events.kind, 'diet'),
            meal === null ? isNull(events.meal) : eq(events.meal, meal),
            isNull(events.deletedAt),
          ),
        )
        .orderBy(asc(events.occurredAt))
        .all();
      if (rows.length === 0)
        throw new AppError('not-found', `Nothing is logged for ${meal ?? 'that meal'} on ${from}.`, {
          meal: 'Choose a meal with entries.',
        });
      return copyRows(
        client,
        rows,
        from,
        targets,
        { allergyConfirmation, what: 'the meal', action: 'log-copy-meal', meal: target },
        ['diet'],
      );
    },

    activities: () => ACTIVITIES,

    clientOf: (id) => load(id, true).clientId,

    importEntries(rows, allergyConfirmation, confirmDates = false) {
      const errors: { row: number; message: string }[] = [];
      let allergyConflicts = 0;
      let confirmed = false;
      const t = now();
      class Rollback extends Error {}
      try {
        db.transaction(() => {
          for (const { row, input } of rows) {
            try {
              const { values, warnings } = build(input, null, { given: allergyConfirmation, advice: '' });
              // A date far from today needs the same confirmation in a file as on the screen.
              const farDate = warnings.find((w) => w.startsWith('The date '));
              if (farDate && !input.confirm && !confirmDates) {
                errors.push({ row, message: `date: ${farDate} Check it, or confirm the dates to import them.` });
                continue;
              }
              if ('allergyConfirmation' in values.detail) confirmed = true;
              db.insert(events)
                .values({
                  ...emptyColumns,
                  ...values,
                  id: uuidv7(t),
                  clientId: input.clientId,
                  occurredAt: occurredAt(input.date, input.time),
                  localDate: input.date,
                  source: 'import',
                  createdAt: t,
                  updatedAt: t,
                  deletedAt: null,
                })
                .run();
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              if (err.code === 'allergen-conflict') allergyConflicts++;
              errors.push({ row, message: err.message });
            }
          }
          if (errors.length > 0) throw new Rollback();
          if (rows[0]) {
            const fields = [String(rows.length), ...(confirmed ? ['allergyConfirmation'] : [])];
            audit.record('event', rows[0].input.clientId, 'log-import', fields);
          }
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
      if (errors.length === 0 && rows[0]) changed(rows[0].input.clientId);
      return { imported: errors.length ? 0 : rows.length, errors, allergyConflicts };
    },
  };
}
