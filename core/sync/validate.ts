import { z } from 'zod';
import { clientFieldShapes } from '../contract/clients.ts';
import { ALLERGENS, Condition, Id, IsoDate } from '../contract/common.ts';
import { TargetOverrides } from '../contract/targets.ts';
import { Nutrients, PlanUse } from '../contract/foods.ts';
import { MAX_TEMPLATE_NAME, Meal } from '../contract/log.ts';
import { MEASURE_BOUNDS, MeasureKind } from '../contract/measures.ts';
import { MAX_PLAN_DAYS, PLAN_STATUSES } from '../contract/plans.ts';
import { RECOMMENDATION_STATUSES } from '../contract/rules.ts';
import { VISIT_BOUNDS, VisitType } from '../contract/visits.ts';
import { StoredGoals, StoredNote, StoredRecommendationIds } from '../visits/visit-row.ts';
import { NUTRIENT_FIELDS, TABLE_SPECS, type SyncTable } from './protocol/tables.ts';

/**
 * What a pulled field may hold, in its wire form (the device's column value: numbers, strings, 0/1 for
 * yes/no, parsed JSON for JSON columns), checked with the same zod shapes as a local edit where the
 * contract has one. Another computer (an older or faulty version, or a hand-made request) can push
 * anything the server's envelope accepts; a value that does not fit is set aside, named, and the
 * field keeps what this computer has, instead of being stored and shown (a weight of "heavy" made
 * the client's targets vanish).
 *
 * The checks are deliberately those of a local edit and no stricter, so nothing a computer of this
 * version can store is refused: a deleted client's erased name is the empty string, and rows written by
 * the app itself (recommendations, imported entries) are checked for type, not for wording.
 */

const ms = z.number().int().nonnegative();
const nullableMs = ms.nullable();
const amount = z.number().min(0).max(1_000_000).nullable();
const json = z.unknown();
const text = (max: number) => z.string().max(max);

/** A JSON text column whose parsed value must fit `shape` (what the visits service writes). */
const jsonText = (shape: z.ZodType) =>
  z.string().refine(
    (v) => {
      try {
        return shape.safeParse(JSON.parse(v)).success;
      } catch {
        return false;
      }
    },
    { message: 'not the expected JSON' },
  );

const tagList = z.array(z.string().max(60)).max(50);
const bool01 = z.union([z.literal(0), z.literal(1), z.boolean()]);

const VALIDATORS: Record<SyncTable, Record<string, z.ZodType>> = {
  clients: {
    // '' is a deleted client's erased name (the row stays as a tombstone).
    name: z.string().max(200),
    birth_date: clientFieldShapes.birthDate,
    sex: clientFieldShapes.sex,
    height_cm: clientFieldShapes.heightCm,
    weight_kg: clientFieldShapes.weightKg,
    activity_level: clientFieldShapes.activityLevel,
    diet_pattern: clientFieldShapes.dietPattern,
    allergies: tagList,
    life_stage: clientFieldShapes.lifeStage,
    life_stage_detail: clientFieldShapes.lifeStageDetail,
    tags: tagList,
    email: z.string().max(254).nullable(),
    phone: text(40).nullable(),
    notes: text(20_000).nullable(),
    energy_equation: clientFieldShapes.energyEquation,
    archived_at: nullableMs,
    ed_sensitive: bool01,
    goal: clientFieldShapes.goal,
    goal_rate_kg_week: clientFieldShapes.goalRateKgWeek,
    conditions: z.array(Condition).max(50),
    ckd_stage: clientFieldShapes.ckdStage,
    created_at: ms,
    deleted_at: nullableMs,
  },
  client_targets: {
    client_id: Id,
    effective_from: IsoDate,
    equation: text(40),
    overrides: TargetOverrides,
    note: text(2000).nullable(),
    created_at: ms,
    deleted_at: nullableMs,
  },
  events: {
    client_id: Id,
    kind: z.enum(['diet', 'activity', 'sleep']),
    occurred_at: ms,
    local_date: IsoDate,
    source: z.enum(['manual', 'photo', 'import']),
    ...Object.fromEntries(NUTRIENT_FIELDS.map((c) => [c, amount])),
    detail: z.record(z.string(), json),
    food_id: text(80).nullable(),
    meal: Meal.nullable(),
    duration_min: z
      .number()
      .min(0)
      .max(24 * 60)
      .nullable(),
    burned_kcal: amount,
    sleep_hours: z.number().min(0).max(24).nullable(),
    sleep_quality: z.number().int().min(1).max(5).nullable(),
    created_at: ms,
    deleted_at: nullableMs,
  },
  recommendations: {
    client_id: Id,
    rule_id: text(200),
    rule_version: z.number().int().nonnegative(),
    title: text(2000),
    message: text(20_000),
    rationale: text(20_000),
    severity: text(40),
    category: text(80),
    confidence: z.number().min(0).max(1),
    suggestions: z.array(json),
    guardrails: z.array(json),
    references: z.array(json),
    condition: text(20_000),
    values: z.record(z.string(), json),
    status: z.enum(RECOMMENDATION_STATUSES),
    dismiss_reason: text(2000).nullable(),
    client_message: text(20_000).nullable(),
    expires_at: nullableMs,
    created_at: ms,
    deleted_at: nullableMs,
  },
  custom_foods: {
    source: z.enum(['custom', 'recipe']),
    name: text(300),
    food_group: text(200).nullable(),
    brand: text(200).nullable(),
    nutrients: Nutrients,
    servings: z.number().positive().max(1000).nullable(),
    final_weight_g: z.number().positive().max(1_000_000).nullable(),
    portions: z.array(
      z.object({
        id: z.string().min(1).max(80),
        seq: z.number().int(),
        amount: z.number().positive(),
        unit: text(100),
        grams: z.number().positive(),
      }),
    ),
    ingredients: z.array(
      z.object({
        id: z.string().min(1).max(80),
        food_id: text(80),
        grams: z.number().positive(),
        seq: z.number().int(),
      }),
    ),
    allergens: z.array(z.enum(ALLERGENS)),
    plan_use: PlanUse.nullable(),
    created_at: ms,
    deleted_at: nullableMs,
  },
  meal_plans: {
    client_id: Id,
    name: text(120),
    start_date: IsoDate,
    days: z.number().int().min(1).max(MAX_PLAN_DAYS),
    slots_json: text(20_000),
    show_numbers: bool01,
    excluded_food_ids_json: text(50_000),
    status: z.enum(PLAN_STATUSES),
    version: z.number().int().min(1),
    previous_version_id: Id.nullable(),
    root_id: Id,
    sent_at: nullableMs,
    created_at: ms,
    deleted_at: nullableMs,
  },
  meal_plan_entries: {
    plan_id: Id,
    client_id: Id,
    day: z.number().int().min(0).max(MAX_PLAN_DAYS),
    slot: text(40),
    position: z.number().int().nonnegative(),
    food_id: text(80),
    amount: text(100).nullable(),
    grams: z.number().min(0).max(1_000_000),
    alt_of: Id.nullable(),
    pinned: bool01,
    note: text(500).nullable(),
    created_at: ms,
    deleted_at: nullableMs,
  },
  meal_plan_notes: {
    plan_id: Id,
    client_id: Id,
    day: z.number().int().min(0).max(MAX_PLAN_DAYS),
    slot: text(40).nullable(),
    text: text(2000),
    created_at: ms,
    deleted_at: nullableMs,
  },
  client_favourites: {
    client_id: Id,
    food_id: text(80),
    created_at: ms,
    deleted_at: nullableMs,
  },
  meal_templates: {
    client_id: Id,
    name: text(MAX_TEMPLATE_NAME),
    meal: Meal.nullable(),
    entries_json: text(100_000),
    created_at: ms,
    deleted_at: nullableMs,
  },
  client_measurements: {
    client_id: Id,
    kind: MeasureKind,
    custom_name: text(MEASURE_BOUNDS.customName).nullable(),
    value: z.number().finite(),
    value2: z.number().finite().nullable(),
    unit: text(MEASURE_BOUNDS.unit),
    measured_on: IsoDate,
    method: text(MEASURE_BOUNDS.method).nullable(),
    note: text(MEASURE_BOUNDS.note).nullable(),
    created_at: ms,
    deleted_at: nullableMs,
  },
  client_visits: {
    client_id: Id,
    visit_date: IsoDate,
    visit_type: VisitType,
    duration_min: z.number().int().min(0).max(VISIT_BOUNDS.durationMin).nullable(),
    note_json: jsonText(StoredNote),
    goals_json: jsonText(StoredGoals),
    next_follow_up: IsoDate.nullable(),
    accepted_recommendation_ids_json: jsonText(StoredRecommendationIds),
    created_at: ms,
    deleted_at: nullableMs,
  },
};

/**
 * Why a pulled field's value cannot be stored here, in words for the practitioner and the log (the
 * value itself is never repeated: it may be personal), or null when it can.
 */
export function pulledValueProblem(table: SyncTable, field: string, value: unknown): string | null {
  const schema = VALIDATORS[table][field];
  if (!schema) return null; // a field this version does not sync is dropped before this
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${issue?.message ?? 'not a valid value'}${where}`;
}

/** Every synced field has a check (a test keeps this true as fields are added). */
export function fieldsWithoutCheck(): string[] {
  return Object.entries(TABLE_SPECS).flatMap(([table, spec]) =>
    spec.fields.filter((f) => !(f in VALIDATORS[table as SyncTable])).map((f) => `${table}.${f}`),
  );
}
