import { z } from 'zod';
import { Id, IsoDate } from '../contract/common.ts';
import { MeasureKind } from '../contract/measures.ts';
import { GoalStatus, VisitNote, VisitType, type Goal, type Visit } from '../contract/visits.ts';
import type { clientVisits } from '../db/schema.ts';
import { kindDef, unitDef } from '../measures/kinds.ts';

/**
 * How a visit is kept in its row's JSON text columns, and read back. The shapes are checked when a row
 * is read and when another computer's copy is pulled (core/sync/validate.ts), so a damaged or foreign
 * value is refused by name instead of shown half-read.
 */

/** The note as stored: the contract's shape (format and its four sections). */
export const StoredNote = VisitNote;

/** A goal as stored: the target in the kind's canonical unit, with the unit it was entered in. */
export const StoredGoal = z.object({
  id: Id,
  text: z.string(),
  measureKind: MeasureKind.nullable(),
  targetValue: z.number().nullable(),
  unit: z.string().nullable(),
  reviewOn: IsoDate.nullable(),
  status: GoalStatus,
});
export type StoredGoal = z.infer<typeof StoredGoal>;
export const StoredGoals = z.array(StoredGoal);

export const StoredRecommendationIds = z.array(Id);

export type VisitRow = typeof clientVisits.$inferSelect;

/** Cancels floating-point noise from a conversion round trip (68 kg → lb → kg). */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The target back in the unit it was entered in. */
export function enteredTarget(goal: StoredGoal): number | null {
  if (goal.targetValue === null) return null;
  if (goal.measureKind === null || goal.measureKind === 'custom' || goal.unit === null) return goal.targetValue;
  const u = unitDef(kindDef(goal.measureKind), goal.unit);
  return u ? tidy(u.fromCanonical(goal.targetValue)) : goal.targetValue;
}

export function toGoal(goal: StoredGoal, visitId: string, visitDate: string): Goal {
  return { ...goal, visitId, visitDate, enteredTargetValue: enteredTarget(goal) };
}

export function toVisit(row: VisitRow): Visit {
  const goals = StoredGoals.parse(JSON.parse(row.goalsJson));
  return {
    id: row.id,
    clientId: row.clientId,
    date: row.visitDate,
    type: VisitType.parse(row.visitType),
    durationMin: row.durationMin,
    note: StoredNote.parse(JSON.parse(row.noteJson)),
    goals: goals.map((g) => toGoal(g, row.id, row.visitDate)),
    nextFollowUp: row.nextFollowUp,
    acceptedRecommendationIds: StoredRecommendationIds.parse(JSON.parse(row.acceptedRecommendationIdsJson)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
