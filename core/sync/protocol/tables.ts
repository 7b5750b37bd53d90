import { TRACKED } from '../../foods/nutrients.ts';

/**
 * The synced tables and their fields: the one list the device (triggers, outbox, apply) and the
 * server (push order, erasure, pull) both read. Field names are the device's SQLite column names.
 * Pure: no I/O.
 *
 * Every field but the few the server needs to relay (PLAIN_FIELDS) travels as AES-256-GCM ciphertext
 * made with the practice key (core/sync/practice-key.ts): the server only ever sees "enc:v1:…"
 * strings there (an empty value is encrypted too), and refuses anything else.
 */

export const SYNC_TABLES = [
  'clients',
  'client_targets',
  'events',
  'recommendations',
  'custom_foods',
  'meal_plans',
  'meal_plan_entries',
  'meal_plan_notes',
  'client_favourites',
  'meal_templates',
  'client_measurements',
  'client_visits',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/**
 * What the server may read of a row, besides its table, id, per-field stamps, origin device and the
 * server's own times: whether and when it was deleted (the tombstone, which its merge keeps sticky),
 * and for a client's records the client's row id (an opaque random UUID), so that the erasure of a
 * deleted client reaches every record of theirs on the server too. Every other value, empty ones
 * included, travels and is stored as ciphertext made with the practice key, which the server never has.
 */
export const PLAIN_FIELDS: readonly string[] = ['deleted_at', 'client_id'];

/** The nutrient columns of a log entry: the nutrients the app tracks per entry, in their order. */
export const NUTRIENT_FIELDS: readonly string[] = TRACKED.map((n) => n.column);

export interface TableSpec {
  /** Every synced field, in column order. */
  fields: readonly string[];
  /** Fields whose values travel encrypted: every field but PLAIN_FIELDS. */
  encrypted: readonly string[];
  /** The fields the first wire version encrypted; the rest of a row reached servers in plaintext then. */
  encryptedV1: readonly string[];
  /** Fields a new row must have (NOT NULL on the device); rows are applied only once they do. */
  required: readonly string[];
  /** The field naming the row's parent row, and the parent's table (a client's records, a plan's entries). */
  parent: { field: string; table: SyncTable } | null;
  /** How many parents up the row's chain goes (0 for a table without a parent). */
  depth: number;
}

/**
 * Per field: `req` a new row must have it (NOT NULL on the device); `v1` the first wire version
 * encrypted it already. An empty list is an optional field sent readable by the first version.
 */
type Flag = 'req' | 'v1';
type FieldFlags = Record<string, readonly Flag[]>;

const none: readonly Flag[] = [];
const req: readonly Flag[] = ['req'];
const v1: readonly Flag[] = ['v1'];
const reqV1: readonly Flag[] = ['req', 'v1'];

/** created_at and deleted_at end every table's fields. */
const TIMES: FieldFlags = { created_at: req, deleted_at: none };
const optional = (names: readonly string[]): FieldFlags => Object.fromEntries(names.map((n) => [n, none]));
const required = (names: readonly string[]): FieldFlags => Object.fromEntries(names.map((n) => [n, req]));

const CLIENT_CHILD = { field: 'client_id', table: 'clients' } as const;
const PLAN_CHILD = { field: 'plan_id', table: 'meal_plans' } as const;

const DEFINITIONS: Record<SyncTable, { fields: FieldFlags; parent: TableSpec['parent'] }> = {
  // Tags, allergies and medical conditions are about the person too (erased with them on delete).
  clients: {
    fields: {
      name: reqV1,
      birth_date: v1,
      sex: none,
      height_cm: none,
      weight_kg: none,
      activity_level: req,
      diet_pattern: req,
      allergies: reqV1,
      life_stage: req,
      life_stage_detail: none,
      tags: reqV1,
      email: v1,
      phone: v1,
      notes: v1,
      energy_equation: req,
      archived_at: none,
      ed_sensitive: none,
      goal: none,
      goal_rate_kg_week: none,
      conditions: v1,
      ckd_stage: v1,
      ...TIMES,
    },
    parent: null,
  },
  client_targets: {
    fields: { ...required(['client_id', 'effective_from', 'equation', 'overrides']), note: v1, ...TIMES },
    parent: CLIENT_CHILD,
  },
  events: {
    fields: {
      ...required(['client_id', 'kind', 'occurred_at', 'local_date', 'source']),
      ...optional(NUTRIENT_FIELDS),
      detail: reqV1,
      ...optional(['food_id', 'meal', 'duration_min', 'burned_kcal', 'sleep_hours', 'sleep_quality']),
      ...TIMES,
    },
    parent: CLIENT_CHILD,
  },
  recommendations: {
    fields: {
      ...required([
        'client_id',
        'rule_id',
        'rule_version',
        'title',
        'message',
        'rationale',
        'severity',
        'category',
        'confidence',
        'suggestions',
        'guardrails',
        'references',
        'condition',
        'values',
        'status',
      ]),
      dismiss_reason: v1,
      ...optional(['client_message', 'expires_at']),
      ...TIMES,
    },
    parent: CLIENT_CHILD,
  },
  // Custom foods and recipes: the foods row plus its household measures and ingredients as two
  // whole-list fields (they are edited as a unit in the app).
  custom_foods: {
    fields: {
      ...required(['source', 'name']),
      ...optional(['food_group', 'brand']),
      nutrients: req,
      ...optional(['servings', 'final_weight_g', 'portions', 'ingredients', 'allergens']),
      // Added with the table level 3: how meal plans may use the food (null: not in the plan pool).
      plan_use: none,
      ...TIMES,
    },
    parent: null,
  },
  // Meal plans: every version is a row of its own (root_id, version, previous_version_id link them).
  // Entries and notes name their plan (the parent) and their client too, so a client's erasure reaches
  // them directly. The name, the slots, the excluded foods and every note are the practitioner's text.
  meal_plans: {
    fields: {
      ...required([
        'client_id',
        'name',
        'start_date',
        'days',
        'slots_json',
        'show_numbers',
        'excluded_food_ids_json',
        'status',
        'version',
        'root_id',
      ]),
      ...optional(['previous_version_id', 'sent_at']),
      ...TIMES,
    },
    parent: CLIENT_CHILD,
  },
  meal_plan_entries: {
    fields: {
      ...required(['plan_id', 'client_id', 'day', 'slot', 'position', 'food_id', 'grams', 'pinned']),
      ...optional(['amount', 'alt_of', 'note']),
      ...TIMES,
    },
    parent: PLAN_CHILD,
  },
  meal_plan_notes: {
    fields: { ...required(['plan_id', 'client_id', 'day', 'text']), slot: none, ...TIMES },
    parent: PLAN_CHILD,
  },
  // A client's favourite foods and meal templates (table level 4). The food starred, the template's
  // name, meal and entries (foods, grams, measures as typed, notes) are about the client: encrypted.
  client_favourites: {
    fields: { ...required(['client_id', 'food_id']), ...TIMES },
    parent: CLIENT_CHILD,
  },
  meal_templates: {
    fields: { ...required(['client_id', 'name']), meal: none, entries_json: req, ...TIMES },
    parent: CLIENT_CHILD,
  },
  // A client's measurements (table level 5): every value, unit, date, method and note is about the
  // client's body and health, so all of it is encrypted; the server reads only the client link.
  client_measurements: {
    fields: {
      ...required(['client_id', 'kind']),
      custom_name: none,
      value: req,
      value2: none,
      unit: req,
      measured_on: req,
      ...optional(['method', 'note']),
      ...TIMES,
    },
    parent: CLIENT_CHILD,
  },
  // A client's visits (table level 6): the date, type, length, note, goals, next follow-up and the
  // recommendations accepted are all about the client's care, so all of it is encrypted, as the
  // measurements; the server reads only the client link and the tombstone.
  client_visits: {
    fields: {
      ...required(['client_id', 'visit_date', 'visit_type']),
      duration_min: none,
      note_json: req,
      goals_json: req,
      next_follow_up: none,
      accepted_recommendation_ids_json: req,
      ...TIMES,
    },
    parent: CLIENT_CHILD,
  },
};

function depthOf(table: SyncTable): number {
  const parent = DEFINITIONS[table].parent;
  return parent ? 1 + depthOf(parent.table) : 0;
}

function spec(table: SyncTable): TableSpec {
  const def = DEFINITIONS[table];
  const entries = Object.entries(def.fields);
  const withFlag = (flag: Flag): string[] => entries.filter(([, f]) => f.includes(flag)).map(([n]) => n);
  const fields = entries.map(([n]) => n);
  return {
    fields,
    encrypted: fields.filter((f) => !PLAIN_FIELDS.includes(f)),
    encryptedV1: withFlag('v1'),
    required: withFlag('req'),
    parent: def.parent,
    depth: depthOf(table),
  };
}

export const TABLE_SPECS = Object.fromEntries(SYNC_TABLES.map((t) => [t, spec(t)])) as Record<SyncTable, TableSpec>;

/**
 * Parents before children (by depth, then in SYNC_TABLES order): the order in which a device enqueues
 * a first upload and the server writes a push, so the server's change sequence (and so a pull) puts a
 * client before its records and a plan before its entries and notes.
 */
export const TABLE_ORDER: readonly SyncTable[] = [...SYNC_TABLES].sort(
  (a, b) => TABLE_SPECS[a].depth - TABLE_SPECS[b].depth,
);

/**
 * The protocol's table level: which tables a computer knows. A computer sends its level with every
 * request (SYNC_LEVEL_HEADER); a pull answers only the tables of that level or below, so a computer of
 * an earlier version (no header: level 1) is never sent rows of a table it cannot parse. Level 2 added
 * the meal plan tables; level 3 the custom foods' plan_use field (a computer of an earlier version drops
 * a field it does not know, so on reaching level 3 it pulls again to fill the field in); level 4 the
 * clients' favourite foods and meal templates; level 5 the clients' measurements (weight, blood pressure, lab values); level 6 the clients'
 * visits (notes, goals, next follow-up).
 */
export const SYNC_LEVEL = 6;
export const SYNC_LEVEL_HEADER = 'bioai-sync-level';
const TABLE_LEVEL: Partial<Record<SyncTable, number>> = {
  meal_plans: 2,
  meal_plan_entries: 2,
  meal_plan_notes: 2,
  client_favourites: 4,
  meal_templates: 4,
  client_measurements: 5,
  client_visits: 6,
};

/** The tables a computer at `level` knows, in TABLE_ORDER. */
export function tablesAtLevel(level: number): SyncTable[] {
  return TABLE_ORDER.filter((t) => (TABLE_LEVEL[t] ?? 1) <= level);
}

/** The level a request declares (its SYNC_LEVEL_HEADER): 1 when absent or not a number. */
export function levelOf(header: string | undefined | null): number {
  const n = Number(header);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Whether a table's chain of parents reaches the clients table. */
function belongsToClient(table: SyncTable): boolean {
  const parent = TABLE_SPECS[table].parent;
  return parent !== null && (parent.table === 'clients' || belongsToClient(parent.table));
}

/**
 * Tables whose rows belong to one client: each carries the client's id in `client_id` (a plain field),
 * whatever its direct parent, and is erased with the client.
 */
export const CLIENT_CHILD_TABLES: readonly SyncTable[] = SYNC_TABLES.filter(belongsToClient);
