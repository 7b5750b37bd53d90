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

export const SYNC_TABLES = ['clients', 'client_targets', 'events', 'recommendations', 'custom_foods'] as const;
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
  /** The field naming the row's parent row, and the parent's table (a client's records). */
  parent: { field: string; table: SyncTable } | null;
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
      ...TIMES,
    },
    parent: null,
  },
};

function spec(def: (typeof DEFINITIONS)[SyncTable]): TableSpec {
  const entries = Object.entries(def.fields);
  const withFlag = (flag: Flag): string[] => entries.filter(([, f]) => f.includes(flag)).map(([n]) => n);
  const fields = entries.map(([n]) => n);
  return {
    fields,
    encrypted: fields.filter((f) => !PLAIN_FIELDS.includes(f)),
    encryptedV1: withFlag('v1'),
    required: withFlag('req'),
    parent: def.parent,
  };
}

export const TABLE_SPECS: Record<SyncTable, TableSpec> = {
  clients: spec(DEFINITIONS.clients),
  client_targets: spec(DEFINITIONS.client_targets),
  events: spec(DEFINITIONS.events),
  recommendations: spec(DEFINITIONS.recommendations),
  custom_foods: spec(DEFINITIONS.custom_foods),
};

/**
 * Parents before children: the order in which a device enqueues a first upload and the server writes
 * a push, so the server's change sequence (and so a pull) puts a client before its records.
 */
export const TABLE_ORDER: readonly SyncTable[] = [
  ...SYNC_TABLES.filter((t) => TABLE_SPECS[t].parent === null),
  ...SYNC_TABLES.filter((t) => TABLE_SPECS[t].parent !== null),
];

/** Tables whose rows belong to one client (their `client_id`); they are erased with the client. */
export const CLIENT_CHILD_TABLES: readonly SyncTable[] = SYNC_TABLES.filter(
  (t) => TABLE_SPECS[t].parent?.table === 'clients',
);
