import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { Food } from '../contract/foods.ts';
import type { NutrientStatus } from '../contract/log.ts';
import type { TargetValue } from '../contract/targets.ts';
import type {
  GenerateScope,
  Plan,
  PlanEntry,
  PlanEntryChanges,
  PlanEntryInput,
  PlanInput,
  PlanNote,
  PlanSlot,
  PlanSummary,
  PlanUpdate,
  ShoppingItem,
} from '../contract/plans.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientDataChanged } from '../changes.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db } from '../db/open.ts';
import { foods as foodsTable, mealPlanEntries, mealPlanNotes, mealPlans } from '../db/schema.ts';
import { allergenConflicts } from '../foods/allergens.ts';
import type { FoodsService } from '../foods/foods-service.ts';
import { NUTRIENTS, scaleNutrients, type NutrientValues } from '../foods/nutrients.ts';
import { formatGrams } from '../foods/portions.ts';
import { judge } from '../targets/status.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { dietConflict } from './diet.ts';
import { excludedBy, fitsDiet, practitionerFoods } from './practitioner-foods.ts';
import { buildShoppingList, type ShoppingLookup } from './handout/shopping.ts';
import type { FixedEntry, GenerateInput, GeneratedEntry, PlanFood } from './generator-api.ts';
import type { z } from 'zod';

type PlanRow = typeof mealPlans.$inferSelect;
type EntryRow = typeof mealPlanEntries.$inferSelect;
type NoteRow = typeof mealPlanNotes.$inferSelect;
type EntryChanges = z.infer<typeof PlanEntryChanges>;
type UpdateChanges = z.infer<typeof PlanUpdate>;
type Note = z.infer<typeof PlanNote>;
type Shopping = z.infer<typeof ShoppingItem>;
type Scope = z.infer<typeof GenerateScope>;

export interface PlansService {
  list(clientId: string): PlanSummary[];
  get(planId: string): Plan;
  create(input: PlanInput): Plan;
  update(planId: string, changes: UpdateChanges): Plan;
  /** Deletes every version of the plan (tombstones, so the delete syncs); answers how many versions. */
  remove(planId: string): { deleted: number };
  send(planId: string): Plan;
  versions(planId: string): PlanSummary[];
  addEntry(input: PlanEntryInput): Plan;
  updateEntry(entryId: string, changes: EntryChanges): Plan;
  removeEntry(entryId: string): Plan;
  setNote(planId: string, note: Note): Plan;
  copyDay(planId: string, from: number, to: number): Plan;
  copySlot(planId: string, fromDay: number, toDay: number, slot: string): Plan;
  repeatWeek(planId: string): Plan;
  /** What to buy for the plan, by store section (`sectionOf`: the plan-ready pool's sections). */
  shoppingList(planId: string, sectionOf?: (foodId: string) => string | null): Shopping[];
  /** Foods as the handout and the shopping list read them (null: no longer in the database). */
  foodLookup(sectionOf?: (foodId: string) => string | null): ShoppingLookup;
  /**
   * What the generator needs to fill `scope` of the plan: the client, the targets on the start date,
   * the days to fill, and the entries that stay (pinned ones; with keepExisting, everything there).
   */
  generateInput(planId: string, scope: Scope): GenerateInput;
  /** The practitioner's plan-ready custom foods and recipes, as foods of the generator's pool. */
  practitionerPool(): PlanFood[];
  /**
   * Stores what the generator made for `scope`: the entries there that are not pinned (or, with
   * keepExisting, none) are replaced by `entries`, as one edit (a sent plan gets a new draft version).
   */
  applyGenerated(planId: string, scope: Scope, entries: readonly GeneratedEntry[]): Plan;
  /** The plan (version) an entry belongs to. */
  planOfEntry(entryId: string): string;
  /** The client a plan (any version, deleted or not) belongs to. */
  clientOf(planId: string): string;
}

export interface PlansDeps {
  clients: ClientsService;
  targets: TargetsService;
  foods: Pick<FoodsService, 'resolveAmount' | 'get'>;
  audit: Audit;
  now: () => number;
  changed?: ClientDataChanged;
}

const DAY_MS = 86_400_000;

/** A serving label that carries its own weight, as the generator writes them: "1 medium banana (118 g)". */
const SERVING_LABEL = /\(\s*[\d.,]+\s*g\)$/;

/**
 * A serving label given together with grams, when the label's own "(N g)" is those grams rounded as
 * labels print them; null when it is not a serving label or names other grams.
 */
function servingWithGrams(amount: string, grams: number): { grams: number; amount: string } | null {
  const text = amount.trim();
  const m = /\(\s*([\d.,]+)\s*g\)$/.exec(text);
  if (m === null) return null;
  const labelled = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(labelled) && Math.abs(labelled - grams) <= 0.5 + 1e-9 ? { grams, amount: text } : null;
}

/** The calendar date of a plan day (day 1 is the start date). */
export function planDate(startDate: string, day: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + (day - 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Sums entries' nutrients as daily totals do (SQL SUM over nullable columns): a nutrient no entry knows
 * stays unknown (absent), and an entry without a value adds nothing.
 */
export function sumNutrients(items: readonly NutrientValues[]): NutrientValues {
  const out: NutrientValues = {};
  for (const n of items) {
    for (const [k, v] of Object.entries(n) as [keyof NutrientValues, number][]) {
      if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
    }
  }
  return out;
}

/**
 * Meal plans: storage, versions and the views with totals. A sent version is frozen: any edit of it
 * makes a new draft version (a copy of its rows with version + 1 and previous_version_id) and edits
 * that, inside one transaction, so a failed edit leaves neither a half-made version nor a half edit.
 * Only the newest version of a plan can be edited; rows are never removed, deleted_at marks them.
 */
export function createPlansService(db: Db, deps: PlansDeps): PlansService {
  const { clients, targets, foods, audit, now } = deps;
  const changed = (clientId: string): void => deps.changed?.(clientId, 'plans');

  // ---- reading ----

  const planRow = (planId: string): PlanRow => {
    const row = db
      .select()
      .from(mealPlans)
      .where(and(eq(mealPlans.id, planId), isNull(mealPlans.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'That meal plan does not exist (it may have been deleted).');
    return row;
  };

  const entryRow = (entryId: string): EntryRow => {
    const row = db
      .select()
      .from(mealPlanEntries)
      .where(and(eq(mealPlanEntries.id, entryId), isNull(mealPlanEntries.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'That plan entry does not exist (it may have been removed).');
    return row;
  };

  const entriesOf = (planId: string): EntryRow[] =>
    db
      .select()
      .from(mealPlanEntries)
      .where(and(eq(mealPlanEntries.planId, planId), isNull(mealPlanEntries.deletedAt)))
      .orderBy(asc(mealPlanEntries.day), asc(mealPlanEntries.position), asc(mealPlanEntries.id))
      .all();

  const notesOf = (planId: string): NoteRow[] =>
    db
      .select()
      .from(mealPlanNotes)
      .where(and(eq(mealPlanNotes.planId, planId), isNull(mealPlanNotes.deletedAt)))
      .orderBy(asc(mealPlanNotes.day), asc(mealPlanNotes.id))
      .all();

  const chain = (rootId: string): PlanRow[] =>
    db
      .select()
      .from(mealPlans)
      .where(and(eq(mealPlans.rootId, rootId), isNull(mealPlans.deletedAt)))
      .orderBy(asc(mealPlans.version))
      .all();

  const slotsOf = (row: PlanRow): PlanSlot[] => row.slotsJson as PlanSlot[];

  const summary = (row: PlanRow): PlanSummary => ({
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    startDate: row.startDate,
    days: row.days,
    status: row.status as PlanSummary['status'],
    version: row.version,
    sentAt: row.sentAt,
    updatedAt: row.updatedAt,
  });

  /** What a view needs of each food, read once per view. */
  interface FoodInfo {
    name: string;
    foodGroup: string | null;
    per100g: NutrientValues;
    allergens: string[];
  }
  const foodReader = () => {
    const cache = new Map<string, FoodInfo>();
    return (foodId: string): FoodInfo => {
      let info = cache.get(foodId);
      if (!info) {
        try {
          const r = foods.resolveAmount(foodId, { grams: 100 });
          const group = db.select({ g: foodsTable.foodGroup }).from(foodsTable).where(eq(foodsTable.id, foodId)).get();
          info = { name: r.foodName, foodGroup: group?.g ?? null, per100g: r.nutrients, allergens: r.allergens };
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'not-found')) throw err;
          // An entry synced from another computer before its custom food or recipe arrived: the plan
          // still opens, and the entry's nutrients count as unknown until the food comes.
          info = { name: 'A food not yet on this computer', foodGroup: null, per100g: {}, allergens: [] };
        }
        cache.set(foodId, info);
      }
      return info;
    };
  };

  const amountLabel = (e: Pick<EntryRow, 'amount' | 'grams' | 'foodId'>): string => {
    if (e.amount === null) return `${formatGrams(e.grams)} g`;
    // The generator's serving label ("1½ cups cooked oatmeal (351 g)") already names its grams.
    if (SERVING_LABEL.test(e.amount)) return e.amount;
    try {
      return foods.resolveAmount(e.foodId, { text: e.amount }).label;
    } catch {
      // The food's measures changed since: the amount as given, with the grams it stood for then.
      return `${e.amount} (${formatGrams(e.grams)} g)`;
    }
  };

  const view = (row: PlanRow): Plan => {
    const client = clients.get(row.clientId);
    const hidden = client.edSensitive;
    const food = foodReader();
    const slotOrder = new Map(slotsOf(row).map((s, i) => [s.key, i]));
    const entries = entriesOf(row.id).sort(
      (a, b) =>
        a.day - b.day ||
        (slotOrder.get(a.slot) ?? 99) - (slotOrder.get(b.slot) ?? 99) ||
        a.position - b.position ||
        (a.id < b.id ? -1 : 1),
    );
    const nutrientsOf = new Map<string, NutrientValues>();
    const out: PlanEntry[] = entries.map((e) => {
      const f = food(e.foodId);
      const nutrients = scaleNutrients(f.per100g, e.grams);
      nutrientsOf.set(e.id, nutrients);
      return {
        id: e.id,
        day: e.day,
        slot: e.slot,
        position: e.position,
        food: { id: e.foodId, name: f.name, amountLabel: amountLabel(e), grams: e.grams },
        altOf: e.altOf,
        pinned: e.pinned,
        note: e.note,
        nutrients: hidden ? {} : nutrients,
        allergens: allergenConflicts({ name: f.name, allergens: f.allergens }, client).map((c) => c.label),
        dietConflict: dietConflict(
          { name: f.name, foodGroup: f.foodGroup, allergens: f.allergens },
          client.dietPattern,
        ),
      };
    });

    // Day totals: main entries only ("or" alternatives are choices, not extra food).
    const dayTotals = [];
    const loggedDays: NutrientValues[] = [];
    for (let day = 1; day <= row.days; day++) {
      const main = entries.filter((e) => e.day === day && e.altOf === null);
      const totals = sumNutrients(main.map((e) => nutrientsOf.get(e.id) ?? {}));
      if (main.length > 0) loggedDays.push(totals);
      const date = planDate(row.startDate, day);
      dayTotals.push({
        day,
        date,
        totals: hidden ? {} : totals,
        statuses: hidden ? null : statusesFor(row.clientId, date, main.length > 0 ? totals : null),
      });
    }
    // The average of the days that have food, each nutrient over the days that know it.
    const average: NutrientValues = {};
    for (const n of NUTRIENTS) {
      const known = loggedDays.map((d) => d[n.key]).filter((v): v is number => typeof v === 'number');
      if (known.length > 0) average[n.key] = known.reduce((s, v) => s + v, 0) / known.length;
    }
    return {
      ...summary(row),
      slots: slotsOf(row),
      showNumbers: row.showNumbers && !hidden,
      excludedFoodIds: row.excludedFoodIdsJson,
      previousVersionId: row.previousVersionId,
      entries: out,
      notes: notesOf(row.id).map((n) => ({ day: n.day, slot: n.slot, text: n.text })),
      dayTotals,
      average: {
        totals: hidden ? {} : average,
        statuses: hidden ? null : statusesFor(row.clientId, row.startDate, loggedDays.length > 0 ? average : null),
      },
      numbersHidden: hidden,
    };
  };

  /** The totals against the targets in force on `date`; null when the profile lacks what targets need. */
  const statusesFor = (clientId: string, date: string, totals: NutrientValues | null): NutrientStatus[] | null => {
    const t = targets.get(clientId, date);
    if (!t.targets) return null;
    // Total water comes mostly from drinks, which a plan does not list: not judged on a plan.
    return t.targets
      .filter((target) => target.key !== 'waterL')
      .map((target) => {
        const v = totals?.[target.key as keyof NutrientValues];
        return judge(target, typeof v === 'number' ? v : null);
      });
  };

  // ---- writing ----

  const requireLatest = (row: PlanRow): void => {
    const newest = chain(row.rootId).at(-1);
    if (newest && newest.id !== row.id) {
      throw new AppError(
        'conflict',
        `This is version ${row.version} of "${row.name}"; version ${newest.version} is newer. Edit the newest version.`,
      );
    }
  };

  const insertEntry = (values: Omit<EntryRow, 'createdAt' | 'updatedAt' | 'deletedAt'>, t: number): void => {
    db.insert(mealPlanEntries)
      .values({ ...values, createdAt: t, updatedAt: t, deletedAt: null })
      .run();
  };

  /** Copies entries into `planId` (new ids, "or" links following the copies); returns old id → new id. */
  const copyEntries = (
    rows: readonly EntryRow[],
    planId: string,
    t: number,
    place: (e: EntryRow) => { day: number; slot: string; position: number } = (e) => e,
  ): Map<string, string> => {
    const ids = new Map(rows.map((e) => [e.id, uuidv7(t)]));
    for (const e of rows) {
      const at = place(e);
      insertEntry(
        {
          ...e,
          ...at,
          id: ids.get(e.id) as string,
          planId,
          altOf: e.altOf === null ? null : (ids.get(e.altOf) ?? null),
        },
        t,
      );
    }
    return ids;
  };

  const copyNotes = (rows: readonly NoteRow[], planId: string, t: number, day?: number): void => {
    for (const n of rows) {
      db.insert(mealPlanNotes)
        .values({ ...n, id: uuidv7(t), planId, day: day ?? n.day, createdAt: t, updatedAt: t, deletedAt: null })
        .run();
    }
  };

  /** A new draft version made from a sent one: a copy of its rows. Returns it and the entry id map. */
  const newVersion = (sent: PlanRow, t: number): { row: PlanRow; ids: Map<string, string> } => {
    const id = uuidv7(t);
    const row: PlanRow = {
      ...sent,
      id,
      status: 'draft',
      version: sent.version + 1,
      previousVersionId: sent.id,
      sentAt: null,
      createdAt: t,
      updatedAt: t,
      deletedAt: null,
    };
    db.insert(mealPlans).values(row).run();
    const ids = copyEntries(entriesOf(sent.id), id, t);
    copyNotes(notesOf(sent.id), id, t);
    audit.record('meal-plan', sent.clientId, 'plan-new-version', [String(row.version)]);
    return { row, ids };
  };

  /**
   * Runs one edit of a plan: on the plan itself while it is a draft, on a new draft version when it
   * was sent. `apply` gets the row to edit and a map from the given plan's entry ids to that row's.
   */
  const edit = (
    planId: string,
    action: string,
    fields: string[],
    apply: (row: PlanRow, entryId: (id: string) => string, t: number) => void,
  ): Plan => {
    let target: PlanRow | null = null;
    db.transaction(() => {
      const row = planRow(planId);
      requireLatest(row);
      const t = Math.max(now(), row.updatedAt + 1);
      let ids: Map<string, string> | null = null;
      target = row;
      if (row.status === 'sent') ({ row: target, ids } = newVersion(row, t));
      const map = (id: string): string => ids?.get(id) ?? id;
      apply(target, map, t);
      db.update(mealPlans).set({ updatedAt: t }).where(eq(mealPlans.id, target.id)).run();
      audit.record('meal-plan', row.clientId, action, fields);
    });
    const done = target as PlanRow | null;
    if (!done) throw new AppError('internal', 'The plan edit did not run.');
    changed(done.clientId);
    return view(planRow(done.id));
  };

  const checkDay = (row: PlanRow, day: number, field = 'day'): void => {
    if (day > row.days) {
      throw new AppError('invalid-input', `Day ${day} is outside this ${row.days}-day plan.`, {
        [field]: `Choose a day from 1 to ${row.days}.`,
      });
    }
  };
  const checkSlot = (row: PlanRow, slot: string): void => {
    if (!slotsOf(row).some((s) => s.key === slot)) {
      const keys = slotsOf(row)
        .map((s) => s.key)
        .join(', ');
      throw new AppError('invalid-input', `The plan has no meal slot "${slot}" (its slots: ${keys}).`, {
        slot: 'Choose one of the plan’s meal slots.',
      });
    }
  };

  /** Grams and the stored amount text for an entry's amount, resolved with the log's portion matching. */
  const resolveAmount = (foodId: string, grams: number | null, amount: string | null) => {
    if (grams !== null) return { grams, amount: null };
    const text = (amount ?? '').trim();
    const r = foods.resolveAmount(foodId, { text });
    if (r.grams > 5000) {
      throw new AppError('invalid-input', `${r.label} of ${r.foodName} is more than 5 kg: that cannot be right.`, {
        amount: 'More than 5 kg in one entry cannot be right.',
      });
    }
    return { grams: r.grams, amount: text };
  };

  const checkAltOf = (planId: string, altOf: string | null, day: number, slot: string, self: string | null) => {
    if (altOf === null) return;
    const main = db
      .select()
      .from(mealPlanEntries)
      .where(and(eq(mealPlanEntries.id, altOf), eq(mealPlanEntries.planId, planId), isNull(mealPlanEntries.deletedAt)))
      .get();
    const hasOwnAlternatives =
      self !== null &&
      db
        .select({ id: mealPlanEntries.id })
        .from(mealPlanEntries)
        .where(and(eq(mealPlanEntries.altOf, self), isNull(mealPlanEntries.deletedAt)))
        .get() !== undefined;
    const problem = !main
      ? 'The entry it is an alternative to is not in this plan.'
      : hasOwnAlternatives
        ? 'This entry has "or" alternatives of its own: remove them before making it an alternative.'
        : main.id === self
          ? 'An entry cannot be an alternative to itself.'
          : main.altOf !== null
            ? 'An alternative can only be offered for a main entry, not for another alternative.'
            : main.day !== day || main.slot !== slot
              ? 'An "or" alternative must be in the same day and meal slot as the entry it replaces.'
              : null;
    if (problem) throw new AppError('invalid-input', problem, { altOf: problem });
  };

  const nextPosition = (planId: string, day: number, slot: string): number => {
    const r = db
      .select({ p: sql<number | null>`max(${mealPlanEntries.position})` })
      .from(mealPlanEntries)
      .where(
        and(
          eq(mealPlanEntries.planId, planId),
          eq(mealPlanEntries.day, day),
          eq(mealPlanEntries.slot, slot),
          isNull(mealPlanEntries.deletedAt),
        ),
      )
      .get();
    return (r?.p ?? -1) + 1;
  };

  const tombstoneEntries = (ids: readonly string[], t: number): void => {
    if (ids.length === 0) return;
    db.update(mealPlanEntries)
      .set({ deletedAt: t, updatedAt: t })
      .where(inArray(mealPlanEntries.id, [...ids]))
      .run();
  };

  /**
   * Clears what `keep` does not keep (pinned entries stay) in the day (and slot), then copies `rows`
   * there after the kept entries. An alternative whose main entry went becomes a main entry itself.
   */
  const replaceInto = (row: PlanRow, rows: readonly EntryRow[], day: number, slot: string | null, t: number) => {
    const there = entriesOf(row.id).filter((e) => e.day === day && (slot === null || e.slot === slot));
    const removed = there.filter((e) => !e.pinned);
    tombstoneEntries(
      removed.map((e) => e.id),
      t,
    );
    const gone = new Set(removed.map((e) => e.id));
    for (const e of there) {
      if (e.pinned && e.altOf !== null && gone.has(e.altOf)) {
        db.update(mealPlanEntries).set({ altOf: null, updatedAt: t }).where(eq(mealPlanEntries.id, e.id)).run();
      }
    }
    const base = new Map<string, number>();
    for (const e of there.filter((x) => x.pinned)) base.set(e.slot, Math.max(base.get(e.slot) ?? -1, e.position));
    copyEntries(rows, row.id, t, (e) => ({ day, slot: e.slot, position: (base.get(e.slot) ?? -1) + 1 + e.position }));
  };

  const replaceNotes = (row: PlanRow, from: number, to: number, slot: string | null, t: number): void => {
    const all = notesOf(row.id);
    const matches = (n: NoteRow) => slot === null || n.slot === slot;
    const old = all.filter((n) => n.day === to && matches(n));
    if (old.length > 0) {
      db.update(mealPlanNotes)
        .set({ deletedAt: t, updatedAt: t })
        .where(
          inArray(
            mealPlanNotes.id,
            old.map((n) => n.id),
          ),
        )
        .run();
    }
    copyNotes(
      all.filter((n) => n.day === from && matches(n)),
      row.id,
      t,
      to,
    );
  };

  const checkExcluded = (ids: readonly string[]): void => {
    for (const id of ids) foods.resolveAmount(id, { grams: 100 });
  };

  const service: PlansService = {
    list(clientId) {
      clients.get(clientId);
      const rows = db
        .select()
        .from(mealPlans)
        .where(and(eq(mealPlans.clientId, clientId), isNull(mealPlans.deletedAt)))
        .orderBy(asc(mealPlans.rootId), asc(mealPlans.version))
        .all();
      const latest = new Map<string, PlanRow>();
      for (const r of rows) latest.set(r.rootId, r);
      return [...latest.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1)).map(summary);
    },

    get: (planId) => view(planRow(planId)),

    create(input) {
      const client = clients.get(input.clientId);
      checkExcluded(input.excludedFoodIds);
      const t = now();
      const id = uuidv7(t);
      db.transaction(() => {
        db.insert(mealPlans)
          .values({
            id,
            clientId: input.clientId,
            name: input.name,
            startDate: input.startDate,
            days: input.days,
            slotsJson: input.slots,
            // Eating-disorder-sensitive care: a handout never shows energy or nutrient amounts.
            showNumbers: input.showNumbers && !client.edSensitive,
            excludedFoodIdsJson: input.excludedFoodIds,
            status: 'draft',
            version: 1,
            previousVersionId: null,
            rootId: id,
            sentAt: null,
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          })
          .run();
        audit.record('meal-plan', input.clientId, 'plan-create', ['name', 'startDate', 'days', 'slots']);
      });
      changed(input.clientId);
      return view(planRow(id));
    },

    update(planId, changes) {
      const fields = Object.keys(changes).filter((k) => changes[k as keyof UpdateChanges] !== undefined);
      if (changes.excludedFoodIds) checkExcluded(changes.excludedFoodIds);
      return edit(planId, 'plan-update', fields, (row, _ids, t) => {
        // Entries and notes of a day or slot that would go are the practitioner's work: they are never
        // dropped silently (nor kept hidden, to come back if the plan grows again); the change is refused.
        const entries = entriesOf(row.id);
        const notes = notesOf(row.id);
        if (changes.days !== undefined) {
          const days = changes.days;
          const beyond = [...entries, ...notes].filter((e) => e.day > days);
          if (beyond.length > 0) {
            const last = Math.max(...beyond.map((e) => e.day));
            const what = entries.some((e) => e.day > days) ? 'entries' : 'notes';
            throw new AppError(
              'invalid-input',
              `${last === days + 1 ? `Day ${last} has` : `Days ${days + 1}–${last} have`} ${what}: remove them before making the plan ${days} days long.`,
              { days: `At least ${last} days: later days have ${what}.` },
            );
          }
        }
        if (changes.slots !== undefined) {
          const keys = new Set(changes.slots.map((s) => s.key));
          const orphan = entries.find((e) => !keys.has(e.slot));
          const orphanNote = notes.find((n) => n.slot !== null && !keys.has(n.slot));
          const slot = orphan?.slot ?? orphanNote?.slot;
          if (slot !== undefined && slot !== null) {
            const what = orphan ? 'entries' : 'a note';
            throw new AppError(
              'invalid-input',
              `The meal slot "${slot}" has ${what}: move or remove ${orphan ? 'them' : 'it'} before removing the slot.`,
              { slots: `The slot "${slot}" has ${what}.` },
            );
          }
        }
        const client = clients.get(row.clientId);
        db.update(mealPlans)
          .set({
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.startDate !== undefined ? { startDate: changes.startDate } : {}),
            ...(changes.days !== undefined ? { days: changes.days } : {}),
            ...(changes.slots !== undefined ? { slotsJson: changes.slots } : {}),
            ...(changes.showNumbers !== undefined ? { showNumbers: changes.showNumbers && !client.edSensitive } : {}),
            ...(changes.excludedFoodIds !== undefined ? { excludedFoodIdsJson: changes.excludedFoodIds } : {}),
            updatedAt: t,
          })
          .where(eq(mealPlans.id, row.id))
          .run();
      });
    },

    remove(planId) {
      const row = planRow(planId);
      const versions = chain(row.rootId);
      const t = Math.max(now(), ...versions.map((v) => v.updatedAt + 1));
      db.transaction(() => {
        for (const v of versions) {
          db.update(mealPlanEntries)
            .set({ deletedAt: t, updatedAt: t })
            .where(and(eq(mealPlanEntries.planId, v.id), isNull(mealPlanEntries.deletedAt)))
            .run();
          db.update(mealPlanNotes)
            .set({ deletedAt: t, updatedAt: t })
            .where(and(eq(mealPlanNotes.planId, v.id), isNull(mealPlanNotes.deletedAt)))
            .run();
          db.update(mealPlans).set({ deletedAt: t, updatedAt: t }).where(eq(mealPlans.id, v.id)).run();
        }
        audit.record('meal-plan', row.clientId, 'plan-delete', [String(versions.length)]);
      });
      changed(row.clientId);
      return { deleted: versions.length };
    },

    send(planId) {
      const row = planRow(planId);
      requireLatest(row);
      if (row.status === 'sent') return view(row);
      const t = Math.max(now(), row.updatedAt + 1);
      db.transaction(() => {
        db.update(mealPlans).set({ status: 'sent', sentAt: t, updatedAt: t }).where(eq(mealPlans.id, row.id)).run();
        audit.record('meal-plan', row.clientId, 'plan-send', [String(row.version)]);
      });
      changed(row.clientId);
      return view(planRow(row.id));
    },

    versions(planId) {
      return chain(planRow(planId).rootId).map(summary);
    },

    addEntry(input) {
      return edit(input.planId, 'plan-add-entry', ['day', 'slot', 'foodId'], (row, ids, t) => {
        checkDay(row, input.day);
        checkSlot(row, input.slot);
        const altOf = input.altOf === null ? null : ids(input.altOf);
        checkAltOf(row.id, altOf, input.day, input.slot, null);
        const amount = resolveAmount(input.foodId, input.grams, input.amount);
        insertEntry(
          {
            id: uuidv7(t),
            planId: row.id,
            clientId: row.clientId,
            day: input.day,
            slot: input.slot,
            position: nextPosition(row.id, input.day, input.slot),
            foodId: input.foodId,
            ...amount,
            altOf,
            pinned: input.pinned,
            note: input.note,
          },
          t,
        );
      });
    },

    updateEntry(entryId, changes) {
      const before = entryRow(entryId);
      // A serving label with its exact grams ("1½ × cup cooked oatmeal (351 g)", as a swap offers it):
      // the label is kept for the handout, the grams for the totals, as the generator stores them.
      const serving =
        changes.grams !== undefined && changes.amount !== undefined
          ? servingWithGrams(changes.amount, changes.grams)
          : null;
      if (changes.grams !== undefined && changes.amount !== undefined && serving === null) {
        throw new AppError('invalid-input', 'Give either grams or a household measure (such as "1 cup"), not both.', {
          amount: 'Either grams or a household measure.',
        });
      }
      const fields = Object.keys(changes).filter((k) => changes[k as keyof EntryChanges] !== undefined);
      return edit(before.planId, 'plan-update-entry', fields, (row, ids, t) => {
        const id = ids(entryId);
        const e = entryRow(id);
        const day = changes.day ?? e.day;
        const slot = changes.slot ?? e.slot;
        checkDay(row, day);
        checkSlot(row, slot);
        const altOf = changes.altOf === undefined ? e.altOf : changes.altOf === null ? null : ids(changes.altOf);
        checkAltOf(row.id, altOf, day, slot, id);
        const foodId = changes.foodId ?? e.foodId;
        let amount = { grams: e.grams, amount: e.amount };
        if (serving !== null) {
          foods.resolveAmount(foodId, { grams: serving.grams }); // the food exists
          amount = serving;
        } else if (changes.grams !== undefined) amount = resolveAmount(foodId, changes.grams, null);
        else if (changes.amount !== undefined) amount = resolveAmount(foodId, null, changes.amount);
        else if (changes.foodId !== undefined && e.amount !== null && !SERVING_LABEL.test(e.amount))
          amount = resolveAmount(foodId, null, e.amount);
        // Another food for a generated serving keeps its grams (the label named the old food).
        else if (changes.foodId !== undefined) {
          foods.resolveAmount(foodId, { grams: e.grams }); // the new food exists
          amount = { grams: e.grams, amount: null };
        }
        const moved = day !== e.day || slot !== e.slot;
        if (moved) {
          const alts = entriesOf(row.id).filter((x) => x.altOf === id);
          if (alts.length > 0) {
            throw new AppError(
              'invalid-input',
              'Move or remove its "or" alternatives first: they belong to its meal.',
              {
                day: 'This entry has alternatives in its meal.',
              },
            );
          }
        }
        db.update(mealPlanEntries)
          .set({
            day,
            slot,
            position: moved ? nextPosition(row.id, day, slot) : e.position,
            foodId,
            ...amount,
            altOf,
            pinned: changes.pinned ?? e.pinned,
            note: changes.note === undefined ? e.note : changes.note,
            updatedAt: t,
          })
          .where(eq(mealPlanEntries.id, id))
          .run();
      });
    },

    removeEntry(entryId) {
      const before = entryRow(entryId);
      return edit(before.planId, 'plan-remove-entry', [], (row, ids, t) => {
        const id = ids(entryId);
        // Its "or" alternatives go with it: they were choices for this entry.
        const alts = entriesOf(row.id)
          .filter((x) => x.altOf === id)
          .map((x) => x.id);
        tombstoneEntries([id, ...alts], t);
      });
    },

    setNote(planId, note) {
      return edit(planId, 'plan-set-note', ['note'], (row, _ids, t) => {
        checkDay(row, note.day);
        if (note.slot !== null) checkSlot(row, note.slot);
        const existing = notesOf(row.id).find((n) => n.day === note.day && n.slot === note.slot);
        if (existing && note.text === '') {
          db.update(mealPlanNotes).set({ deletedAt: t, updatedAt: t }).where(eq(mealPlanNotes.id, existing.id)).run();
        } else if (existing) {
          db.update(mealPlanNotes)
            .set({ text: note.text, updatedAt: t })
            .where(eq(mealPlanNotes.id, existing.id))
            .run();
        } else if (note.text !== '') {
          db.insert(mealPlanNotes)
            .values({
              id: uuidv7(t),
              planId: row.id,
              clientId: row.clientId,
              day: note.day,
              slot: note.slot,
              text: note.text,
              createdAt: t,
              updatedAt: t,
              deletedAt: null,
            })
            .run();
        }
      });
    },

    copyDay(planId, from, to) {
      if (from === to)
        throw new AppError('invalid-input', 'Choose a different day to copy to.', { to: 'Another day.' });
      return edit(planId, 'plan-copy-day', [String(from), String(to)], (row, _ids, t) => {
        checkDay(row, from, 'from');
        checkDay(row, to, 'to');
        replaceInto(
          row,
          entriesOf(row.id).filter((e) => e.day === from),
          to,
          null,
          t,
        );
        replaceNotes(row, from, to, null, t);
      });
    },

    copySlot(planId, fromDay, toDay, slot) {
      if (fromDay === toDay) {
        throw new AppError('invalid-input', 'Choose a different day to copy the meal to.', { toDay: 'Another day.' });
      }
      return edit(planId, 'plan-copy-slot', [String(fromDay), String(toDay), slot], (row, _ids, t) => {
        checkDay(row, fromDay, 'fromDay');
        checkDay(row, toDay, 'toDay');
        checkSlot(row, slot);
        replaceInto(
          row,
          entriesOf(row.id).filter((e) => e.day === fromDay && e.slot === slot),
          toDay,
          slot,
          t,
        );
        replaceNotes(row, fromDay, toDay, slot, t);
      });
    },

    repeatWeek(planId) {
      const first = planRow(planId);
      if (first.days <= 7) {
        throw new AppError(
          'invalid-input',
          `The plan has ${first.days} days: there is no later week to repeat the first week into. Make the plan longer first.`,
          { days: 'More than 7 days are needed.' },
        );
      }
      return edit(planId, 'plan-repeat-week', [], (row, _ids, t) => {
        const week = entriesOf(row.id).filter((e) => e.day <= 7);
        for (let day = 8; day <= row.days; day++) {
          const source = ((day - 1) % 7) + 1;
          replaceInto(
            row,
            week.filter((e) => e.day === source),
            day,
            null,
            t,
          );
          replaceNotes(row, source, day, null, t);
        }
      });
    },

    shoppingList(planId, sectionOf) {
      return buildShoppingList(service.get(planId), service.foodLookup(sectionOf));
    },

    foodLookup(sectionOf) {
      return {
        food: (foodId) => foodOrNull(foodId),
        // The pool's store section; outside the pool, the food database's group says where it is sold.
        section: (foodId) => sectionOf?.(foodId) ?? foodOrNull(foodId)?.foodGroup ?? null,
      };
    },

    generateInput(planId, scope) {
      const row = planRow(planId);
      const client = clients.get(row.clientId);
      const view = targets.get(row.clientId, row.startDate);
      if (!view.targets) {
        throw new AppError(
          'invalid-input',
          `A plan cannot be generated without targets: add ${view.missing.join(', ')} to the client's profile.`,
        );
      }
      const fillDays = scope.kind === 'plan' ? Array.from({ length: row.days }, (_, i) => i + 1) : [scope.day];
      for (const d of fillDays) checkDay(row, d);
      // Each day is planned for the targets it is judged by (those in force on its own date), which differ
      // from the start date's after a target change or a new trimester within the plan.
      const startTargets = JSON.stringify(view.targets);
      const targetsByDay: Record<number, TargetValue[]> = {};
      for (const d of fillDays) {
        const own = targets.get(row.clientId, planDate(row.startDate, d)).targets;
        if (own && JSON.stringify(own) !== startTargets) targetsByDay[d] = own;
      }
      if (scope.kind === 'slot') checkSlot(row, scope.slot);
      const all = entriesOf(row.id);
      const inFill = all.filter((e) => fillDays.includes(e.day) && e.altOf === null);
      const stays = (e: EntryRow): boolean =>
        e.pinned || (scope.kind === 'plan' && scope.keepExisting) || (scope.kind === 'slot' && e.slot !== scope.slot);
      const staying = new Set(inFill.filter(stays).map((e) => e.id));
      // A pinned "or" alternative whose main entry is replaced becomes a main entry (applyGenerated):
      // the generator must count it, or the day could pass an upper limit once it is added.
      const promoted = all.filter(
        (e) => e.altOf !== null && e.pinned && fillDays.includes(e.day) && !staying.has(e.altOf),
      );
      // The days either side of those filled are not changed, but their main dishes may not repeat.
      const neighbours = all.filter(
        (e) => e.altOf === null && !fillDays.includes(e.day) && fillDays.some((d) => Math.abs(d - e.day) === 1),
      );
      const food = foodReader();
      const fixed: FixedEntry[] = [...inFill.filter(stays), ...promoted, ...neighbours].map((e) => ({
        day: e.day,
        slot: e.slot,
        foodId: e.foodId,
        grams: e.grams,
        per100g: food(e.foodId).per100g,
        main: false,
      }));
      const keepSlots = new Set<string>();
      if (scope.kind === 'plan' && scope.keepExisting) for (const e of inFill) keepSlots.add(`${e.day}:${e.slot}`);
      if (scope.kind === 'slot') {
        for (const s of slotsOf(row)) if (s.key !== scope.slot) keepSlots.add(`${scope.day}:${s.key}`);
      }
      return {
        client: {
          dietPattern: client.dietPattern,
          // Coeliac disease rules out gluten as firmly as an allergy does.
          allergies: client.conditions.includes('coeliac-disease') ? [...client.allergies, 'gluten'] : client.allergies,
          edSensitive: client.edSensitive,
          lifeStage: client.lifeStage,
        },
        targets: view.targets,
        targetsByDay,
        slots: slotsOf(row),
        totalDays: row.days,
        fillDays,
        keepSlots: [...keepSlots],
        fixed,
        // Allergies and exclusions are applied by the generator as for the curated pool; the diet
        // pattern and a recipe's excluded ingredients here, where its ingredients can be read.
        extraFoods: practitionerFoods(db, (id) => foods.get(id))
          .filter((f) => fitsDiet(f, client.dietPattern) && !excludedBy(f, row.excludedFoodIdsJson))
          .map((f) => f.food),
        excludedFoodIds: row.excludedFoodIdsJson,
        // The same plan asks the same question: ties break the same way on every run.
        seed: seedOf(row.rootId),
      };
    },

    practitionerPool() {
      return practitionerFoods(db, (id) => foods.get(id)).map((f) => f.food);
    },

    applyGenerated(planId, scope, generated) {
      return edit(planId, 'plan-generate', [scope.kind, String(generated.length)], (row, _ids, t) => {
        for (const g of generated) {
          checkDay(row, g.day);
          checkSlot(row, g.slot);
          if (!(g.grams > 0 && g.grams <= 5000)) {
            throw new AppError('internal', `The generator proposed ${g.grams} g of a food; nothing was stored.`);
          }
        }
        const fillDays = scope.kind === 'plan' ? null : scope.day;
        const keepAll = scope.kind === 'plan' && scope.keepExisting;
        const replaced = entriesOf(row.id).filter(
          (e) =>
            !keepAll &&
            !e.pinned &&
            (fillDays === null || e.day === fillDays) &&
            (scope.kind !== 'slot' || e.slot === scope.slot),
        );
        const gone = new Set(replaced.map((e) => e.id));
        // Alternatives of a replaced entry go with it; a pinned one stays as a main entry.
        const alts = entriesOf(row.id).filter((e) => e.altOf !== null && gone.has(e.altOf));
        tombstoneEntries(
          [...replaced, ...alts.filter((e) => !e.pinned)].map((e) => e.id),
          t,
        );
        for (const e of alts.filter((a) => a.pinned)) {
          db.update(mealPlanEntries).set({ altOf: null, updatedAt: t }).where(eq(mealPlanEntries.id, e.id)).run();
        }
        for (const g of generated) {
          insertEntry(
            {
              id: uuidv7(t),
              planId: row.id,
              clientId: row.clientId,
              day: g.day,
              slot: g.slot,
              position: nextPosition(row.id, g.day, g.slot),
              foodId: g.foodId,
              grams: g.grams,
              // Kept as the generator wrote it: the serving in the pool's household measure.
              amount: SERVING_LABEL.test(g.amount) ? g.amount : null,
              altOf: null,
              pinned: false,
              note: null,
            },
            t,
          );
        }
      });
    },

    planOfEntry(entryId) {
      return entryRow(entryId).planId;
    },

    clientOf(planId) {
      const row = db.select({ c: mealPlans.clientId }).from(mealPlans).where(eq(mealPlans.id, planId)).get();
      if (!row) throw new AppError('not-found', 'That meal plan does not exist (it may have been deleted).');
      return row.c;
    },
  };
  return service;

  /** A 32-bit seed from the plan's first id. */
  function seedOf(id: string): number {
    let h = 2166136261;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  /** A food by id, or null when it is no longer in the database (the plan still names it). */
  function foodOrNull(foodId: string): Food | null {
    try {
      return foods.get(foodId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return null;
      throw err;
    }
  }
}
