import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import { AppError } from '../contract/errors.ts';
import type { Goal, Visit, VisitInput } from '../contract/visits.ts';
import { VisitInput as VisitInputShape } from '../contract/visits.ts';
import type { Db } from '../db/open.ts';
import { clientVisits } from '../db/schema.ts';
import { kindDef, unitDef } from '../measures/kinds.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { toGoal, toVisit, StoredGoals, type StoredGoal, type VisitRow } from './visit-row.ts';

/**
 * A client's visits: the note written at each consultation, the goals agreed there and when the client
 * is next due. Every input is checked before anything is written (a refusal is `invalid-input` naming
 * the field, and writes nothing): the visit date is a real day not after today, the next follow-up on
 * or after it, a goal judged by a measurement has a target in one of that kind's units (stored in the
 * canonical unit, as measurements are), and a goal without a measurement has no target or unit.
 * A goal keeps its id across edits, so a chart's goal line stays the same goal. Removal is a tombstone.
 */

export interface VisitsService {
  list(clientId: string): Visit[];
  get(id: string): Visit;
  add(input: VisitInput): Visit;
  update(id: string, input: VisitInput): Visit;
  remove(id: string): { id: string };
  goals(clientId: string): Goal[];
  /** The live visits of a client, oldest first (the snapshot finds the previous visit from them). */
  rows(clientId: string): VisitRow[];
}

const invalid = (message: string, field: string): AppError =>
  new AppError('invalid-input', message, { [field]: message });

const fmt = (x: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(x);

/** One goal, checked and in its stored form; `known` are the ids the visit's goals had before the edit. */
function normaliseGoal(
  goal: ReturnType<typeof VisitInputShape.parse>['goals'][number],
  at: number,
  known: ReadonlySet<string>,
): StoredGoal {
  const field = `goals.${at}`;
  if (goal.id !== undefined && !known.has(goal.id))
    throw invalid(`Goal ${at + 1} names a goal this visit does not have.`, `${field}.id`);
  const base = {
    id: goal.id ?? uuidv7(),
    text: goal.text,
    reviewOn: goal.reviewOn,
    status: goal.status,
  };
  if (goal.measureKind === null) {
    if (goal.targetValue !== null)
      throw invalid(`Goal ${at + 1} has a target but no measurement to judge it by.`, `${field}.targetValue`);
    if (goal.unit !== null)
      throw invalid(`Goal ${at + 1} has a unit but no measurement to judge it by.`, `${field}.unit`);
    return { ...base, measureKind: null, targetValue: null, unit: null };
  }
  if (goal.targetValue !== null && !Number.isFinite(goal.targetValue))
    throw invalid(`Enter goal ${at + 1}'s target as a number.`, `${field}.targetValue`);
  if (goal.measureKind === 'custom') {
    // A custom kind has the practitioner's own unit and no conversion: a target needs that unit.
    const unit = goal.unit?.trim() || null;
    if (goal.targetValue !== null && unit === null)
      throw invalid(`Give goal ${at + 1}'s target a unit.`, `${field}.unit`);
    return { ...base, measureKind: 'custom', targetValue: goal.targetValue, unit };
  }
  const def = kindDef(goal.measureKind);
  const unit = goal.unit ?? def.unit;
  const u = unitDef(def, unit);
  if (!u) {
    const units = def.units.map((x) => x.unit);
    throw invalid(`${def.label} is measured in ${units.join(' or ')}, not "${unit}".`, `${field}.unit`);
  }
  if (goal.targetValue === null) return { ...base, measureKind: goal.measureKind, targetValue: null, unit };
  const value = u.toCanonical(goal.targetValue);
  if (value < def.min || value > def.max)
    throw invalid(
      `A ${def.label.toLowerCase()} target of ${fmt(goal.targetValue)} ${unit} is outside the plausible ${fmt(u.fromCanonical(def.min))}–${fmt(u.fromCanonical(def.max))} ${unit}.`,
      `${field}.targetValue`,
    );
  return { ...base, measureKind: goal.measureKind, targetValue: value, unit };
}

/** The checked row values of an input, or the refusal naming the problem. */
function normalise(raw: VisitInput, today: string, knownGoals: ReadonlySet<string>) {
  const parsed = VisitInputShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'visit';
    throw invalid(issue?.message ?? 'The visit is not valid.', field);
  }
  const input = parsed.data;
  if (input.date > today) throw invalid(`The visit date ${input.date} is after today (${today}).`, 'date');
  if (input.nextFollowUp !== null && input.nextFollowUp < input.date)
    throw invalid(`The next follow-up (${input.nextFollowUp}) is before the visit (${input.date}).`, 'nextFollowUp');
  const seen = new Set<string>();
  const goals = input.goals.map((g, i) => {
    if (g.id !== undefined) {
      if (seen.has(g.id)) throw invalid(`Goal ${i + 1} repeats another goal's id.`, `goals.${i}.id`);
      seen.add(g.id);
    }
    return normaliseGoal(g, i, knownGoals);
  });
  return {
    visitDate: input.date,
    visitType: input.type,
    durationMin: input.durationMin,
    noteJson: JSON.stringify(input.note),
    goalsJson: JSON.stringify(StoredGoals.parse(goals)),
    nextFollowUp: input.nextFollowUp,
    acceptedRecommendationIdsJson: JSON.stringify([...new Set(input.acceptedRecommendationIds)]),
  };
}

export function createVisitsService(
  db: Db,
  deps: { clients: ClientsService; audit: Audit; now: () => number; today: () => string },
): VisitsService {
  const { clients, audit, now, today } = deps;
  const live = (id: string): VisitRow => {
    const row = db
      .select()
      .from(clientVisits)
      .where(and(eq(clientVisits.id, id), isNull(clientVisits.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'This visit no longer exists.');
    return row;
  };
  const rowsOf = (clientId: string, newestFirst: boolean): VisitRow[] => {
    const dir = newestFirst ? desc : asc;
    return db
      .select()
      .from(clientVisits)
      .where(and(eq(clientVisits.clientId, clientId), isNull(clientVisits.deletedAt)))
      .orderBy(dir(clientVisits.visitDate), dir(clientVisits.createdAt), dir(clientVisits.id))
      .all();
  };

  return {
    list(clientId) {
      clients.get(clientId);
      return rowsOf(clientId, true).map(toVisit);
    },

    rows(clientId) {
      return rowsOf(clientId, false);
    },

    get(id) {
      return toVisit(live(id));
    },

    goals(clientId) {
      clients.get(clientId);
      return rowsOf(clientId, true).flatMap((row) =>
        StoredGoals.parse(JSON.parse(row.goalsJson)).map((g) => toGoal(g, row.id, row.visitDate)),
      );
    },

    add(input) {
      clients.get(input.clientId);
      const values = normalise(input, today(), new Set());
      const t = now();
      const id = uuidv7();
      db.transaction(() => {
        db.insert(clientVisits)
          .values({ id, clientId: input.clientId, ...values, createdAt: t, updatedAt: t })
          .run();
        audit.record('visit', input.clientId, 'visit-add');
      });
      return toVisit(live(id));
    },

    update(id, input) {
      const before = live(id);
      if (input.clientId !== before.clientId) throw invalid('A visit cannot be moved to another client.', 'clientId');
      const known = new Set(StoredGoals.parse(JSON.parse(before.goalsJson)).map((g) => g.id));
      const values = normalise(input, today(), known);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientVisits)
          .set({ ...values, updatedAt: t })
          .where(eq(clientVisits.id, id))
          .run();
        audit.record('visit', before.clientId, 'visit-update');
      });
      return toVisit(live(id));
    },

    remove(id) {
      const before = live(id);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientVisits).set({ deletedAt: t, updatedAt: t }).where(eq(clientVisits.id, id)).run();
        audit.record('visit', before.clientId, 'visit-delete');
      });
      return { id };
    },
  };
}
