import { z } from 'zod';

/**
 * The sync wire protocol, shared by the device (core/sync) and the server (server/). Pure: no I/O.
 *
 * A syncable row is identified by (table, id) with a UUIDv7 id made on the device. Every field of it
 * carries its own hybrid-logical-clock stamp (HLC, Kulkarni et al. 2014, "Logical Physical Clocks"),
 * so two devices that edited different fields of one row offline both keep their edits, and the same
 * field edited on both resolves to the later stamp on every device and on the server.
 *
 * Devices push field changes (only the fields they changed: an empty value is sent only when the
 * practitioner cleared it, never because the device was behind) and pull whole rows by cursor.
 */

// ---------------------------------------------------------------------------------------------
// Hybrid logical clock: "<wall ms, 15 digits>-<counter, 6 digits>-<device id>". Fixed widths make
// the string order equal the clock order; the device id breaks ties between devices.

export const HLC_RE = /^\d{15}-\d{6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_HLC_COUNTER = 999_999;
/** A stamp further ahead of the receiver's clock than this is refused (a device with a broken clock). */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(15, '0')}-${String(h.counter).padStart(6, '0')}-${h.node}`;
}

export function parseHlc(s: string): Hlc {
  if (!HLC_RE.test(s)) throw new Error(`not a hybrid logical clock stamp: ${s.slice(0, 80)}`);
  return { wall: Number(s.slice(0, 15)), counter: Number(s.slice(16, 22)), node: s.slice(23) };
}

/** Orders two stamps (-1, 0, 1); plain string order thanks to the fixed-width encoding. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A device's clock. `tick(wallMs)` stamps a local change made at wallMs; `receive(stamp, wallMs)`
 * moves the clock past a stamp seen from elsewhere, so whatever this device does next is ordered
 * after what it has seen, even when its wall clock is behind.
 */
export class HybridClock {
  private last: Hlc;
  readonly node: string;
  private readonly now: () => number;

  /**
   * `now` is the machine's clock. A saved state or an edit time further ahead of it than half the
   * drift the server accepts (a clock that was once set wrong, since corrected) is pulled back to it,
   * so one wrong clock setting cannot make every later change unacceptable to the server.
   */
  constructor(node: string, last?: string | null, now: () => number = Date.now) {
    this.node = node;
    this.now = now;
    const saved = last ? parseHlc(last) : null;
    this.last = saved && saved.wall <= this.limit() ? { ...saved, node } : { wall: 0, counter: 0, node };
  }

  private limit(): number {
    return this.now() + MAX_CLOCK_DRIFT_MS / 2;
  }

  /** Stamps a local change made at wallMs (an edit time is never taken as later than a minute from now). */
  tick(wallMs: number): string {
    const wall = Math.min(wallMs, this.now() + 60_000);
    if (wall > this.last.wall) this.last = { wall, counter: 0, node: this.node };
    else this.bump();
    return formatHlc(this.last);
  }

  receive(stamp: string, wallMs: number): void {
    const r = parseHlc(stamp);
    if (r.wall > wallMs + MAX_CLOCK_DRIFT_MS) return; // refuse to be dragged into the future
    const wall = Math.max(this.last.wall, r.wall, wallMs);
    if (wall === this.last.wall && wall === r.wall) this.last.counter = Math.max(this.last.counter, r.counter) + 1;
    else if (wall === this.last.wall) this.last.counter += 1;
    else if (wall === r.wall) this.last = { wall, counter: r.counter + 1, node: this.node };
    else this.last = { wall, counter: 0, node: this.node };
    if (this.last.counter > MAX_HLC_COUNTER) this.last = { wall: this.last.wall + 1, counter: 0, node: this.node };
  }

  current(): string {
    return formatHlc(this.last);
  }

  private bump(): void {
    if (this.last.counter >= MAX_HLC_COUNTER) this.last = { wall: this.last.wall + 1, counter: 0, node: this.node };
    else this.last = { ...this.last, counter: this.last.counter + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// Tables and fields. Field names are the device's SQLite column names. Fields in `encrypted` travel
// as AES-256-GCM ciphertext made with the practice key (core/sync/practice-key.ts): the server only
// ever sees "enc:v1:…" strings there (an empty value is encrypted too), and refuses anything else.

export const SYNC_TABLES = ['clients', 'client_targets', 'events', 'recommendations', 'custom_foods'] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

const NUTRIENT_FIELDS = [
  'energy_kcal',
  'protein_g',
  'carb_g',
  'fat_g',
  'sat_fat_g',
  'sugar_g',
  'added_sugar_g',
  'fibre_g',
  'water_g',
  'sodium_mg',
  'potassium_mg',
  'calcium_mg',
  'iron_mg',
  'magnesium_mg',
  'zinc_mg',
  'vitamin_d_mcg',
  'vitamin_b12_mcg',
  'folate_mcg',
  'vitamin_c_mg',
  'vitamin_a_mcg',
] as const;

export interface TableSpec {
  fields: readonly string[];
  /**
   * Fields whose values travel encrypted: every field but the few the server needs to relay (see
   * PLAIN_FIELDS). Filled in below from `fields`.
   */
  encrypted: readonly string[];
  /** The fields the first wire version encrypted; the rest of a row reached servers in plaintext then. */
  encryptedV1: readonly string[];
  /** Fields a new row must have (NOT NULL on the device); rows are applied only once they do. */
  required: readonly string[];
}

const SPECS_V1: Record<SyncTable, Omit<TableSpec, 'encrypted'>> = {
  clients: {
    fields: [
      'name',
      'birth_date',
      'sex',
      'height_cm',
      'weight_kg',
      'activity_level',
      'diet_pattern',
      'allergies',
      'life_stage',
      'life_stage_detail',
      'tags',
      'email',
      'phone',
      'notes',
      'energy_equation',
      'archived_at',
      'ed_sensitive',
      'goal',
      'goal_rate_kg_week',
      'conditions',
      'ckd_stage',
      'created_at',
      'deleted_at',
    ],
    // Tags, allergies and medical conditions are about the person too (erased with them on delete).
    encryptedV1: ['name', 'birth_date', 'email', 'phone', 'notes', 'tags', 'allergies', 'conditions', 'ckd_stage'],
    required: [
      'name',
      'activity_level',
      'diet_pattern',
      'allergies',
      'life_stage',
      'tags',
      'energy_equation',
      'created_at',
    ],
  },
  client_targets: {
    fields: ['client_id', 'effective_from', 'equation', 'overrides', 'note', 'created_at', 'deleted_at'],
    encryptedV1: ['note'],
    required: ['client_id', 'effective_from', 'equation', 'overrides', 'created_at'],
  },
  events: {
    fields: [
      'client_id',
      'kind',
      'occurred_at',
      'local_date',
      'source',
      ...NUTRIENT_FIELDS,
      'detail',
      'food_id',
      'meal',
      'duration_min',
      'burned_kcal',
      'sleep_hours',
      'sleep_quality',
      'created_at',
      'deleted_at',
    ],
    encryptedV1: ['detail'],
    required: ['client_id', 'kind', 'occurred_at', 'local_date', 'source', 'detail', 'created_at'],
  },
  recommendations: {
    fields: [
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
      'dismiss_reason',
      'client_message',
      'expires_at',
      'created_at',
      'deleted_at',
    ],
    encryptedV1: ['dismiss_reason'],
    required: [
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
      'created_at',
    ],
  },
  // Custom foods and recipes: the foods row plus its household measures and ingredients as two
  // whole-list fields (they are edited as a unit in the app).
  custom_foods: {
    fields: [
      'source',
      'name',
      'food_group',
      'brand',
      'nutrients',
      'servings',
      'final_weight_g',
      'portions',
      'ingredients',
      'allergens',
      'created_at',
      'deleted_at',
    ],
    encryptedV1: [],
    required: ['source', 'name', 'nutrients', 'created_at'],
  },
};

/**
 * What the server may read of a row, besides its table, id, per-field stamps, origin device and the
 * server's own times: whether and when it was deleted (the tombstone, which its merge keeps sticky),
 * and for a client's records the client's row id (an opaque random UUID), so that the erasure of a
 * deleted client reaches every record of theirs on the server too. Every other value, empty ones
 * included, travels and is stored as ciphertext made with the practice key, which the server never has.
 */
export const PLAIN_FIELDS: readonly string[] = ['deleted_at', 'client_id'];

export const TABLE_SPECS: Record<SyncTable, TableSpec> = Object.fromEntries(
  Object.entries(SPECS_V1).map(([table, spec]) => [
    table,
    { ...spec, encrypted: spec.fields.filter((f) => !PLAIN_FIELDS.includes(f)) },
  ]),
) as unknown as Record<SyncTable, TableSpec>;

export const ENCRYPTED_PREFIX = 'enc:v1:';

// ---------------------------------------------------------------------------------------------
// Wire schemas (zod). Limits keep one request bounded: the server also caps the body size.

export const MAX_PUSH_CHANGES = 2000;
export const MAX_PULL_ROWS = 1000;
/**
 * One field's JSON, encrypted values included. The longest field the app accepts is a client's notes
 * (20,000 characters); as UTF-8 (up to 4 bytes a character), encrypted and base64-encoded, that stays
 * under 110,000 characters: 256 KiB leaves room without letting one value dominate a request.
 */
export const MAX_VALUE_CHARS = 256 * 1024;
/** A push batch's JSON stays under this (the server accepts 8 MB per request). */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a UUID');
const hlc = z.string().regex(HLC_RE, 'expected a hybrid logical clock stamp');

/** A field value: JSON scalars, or small lists/objects (allergies, nutrients, portions). */
export const FieldValue = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: 'custom', message: 'value is missing (use null to clear a field)' });
    return;
  }
  let text: string;
  try {
    text = JSON.stringify(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'value is not JSON' });
    return;
  }
  if (text.length > MAX_VALUE_CHARS)
    ctx.addIssue({ code: 'custom', message: `value is over ${MAX_VALUE_CHARS} characters` });
  // PostgreSQL jsonb cannot store U+0000 (JSON.stringify writes it as \u0000; an odd run of
  // backslashes before "u0000" is that escape, an even run is a literal backslash).
  if (/(?:^|[^\\])(?:\\\\)*\\u0000/.test(text))
    ctx.addIssue({ code: 'custom', message: 'value contains a NUL character' });
});

export const FieldChange = z
  .object({
    table: z.enum(SYNC_TABLES),
    id: uuid,
    field: z.string().min(1).max(40),
    value: FieldValue,
    hlc,
  })
  .strict()
  .superRefine((c, ctx) => {
    const spec = TABLE_SPECS[c.table];
    if (!spec.fields.includes(c.field)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `${c.table} has no synced field "${c.field}"` });
      return;
    }
    // The fields the server reads: a delete time and a record's client id, nothing else.
    if (c.field === 'deleted_at' && c.value !== null && !(Number.isInteger(c.value) && (c.value as number) >= 0))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'deleted_at must be a time in milliseconds, or null' });
    if (c.field === 'client_id' && (typeof c.value !== 'string' || !UUID_TEXT.test(c.value)))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'client_id must be a record id' });
    if (spec.encrypted.includes(c.field)) {
      if (typeof c.value !== 'string' || !c.value.startsWith(ENCRYPTED_PREFIX))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${c.table}.${c.field} must be encrypted with the practice key`,
        });
    }
  });
export type FieldChange = z.infer<typeof FieldChange>;

export const PushRequest = z
  .object({
    /** Same key on a retry: the server answers the stored result instead of applying twice. */
    idempotencyKey: uuid,
    changes: z.array(FieldChange).min(1).max(MAX_PUSH_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** Field changes that won (newer than what the server had). */
  applied: z.number().int().nonnegative(),
  /** Field changes the server already had something newer for (or a tombstone refused). */
  ignored: z.number().int().nonnegative(),
  /** True when this answer is the stored one from an earlier try with the same key. */
  replayed: z.boolean(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * The server's answer (409) to a push holding stamps more than MAX_CLOCK_DRIFT_MS ahead of its own
 * clock: the device's clock is wrong, not the values. Nothing of the push was applied; the device
 * keeps the changes and stamps them again once its clock is right. `serverTime` is the server's
 * clock (ms since the epoch) when it answered, so the device can say how far ahead it is; `issues`
 * names the changes whose stamps are too far ahead.
 */
export const CLOCK_AHEAD = 'clock-ahead';
export const ClockAheadResponse = z.object({
  error: z.literal(CLOCK_AHEAD),
  message: z.string(),
  serverTime: z.number().int().nonnegative(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ClockAheadResponse = z.infer<typeof ClockAheadResponse>;

/** Cursors are decimal strings of the practice's change sequence ("0" = from the start). */
export const Cursor = z.string().regex(/^\d{1,19}$/, 'expected a decimal cursor');

export const PullQuery = z
  .object({
    cursor: Cursor.default('0'),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_ROWS).default(500),
  })
  .strict();

export const SyncRow = z.object({
  table: z.enum(SYNC_TABLES),
  id: uuid,
  fields: z.record(z.string(), z.unknown()),
  stamps: z.record(z.string(), hlc),
  /** The device that made the row's latest accepted change. */
  originDevice: uuid,
  seq: Cursor,
});
export type SyncRow = z.infer<typeof SyncRow>;

export const PullResponse = z.object({
  rows: z.array(SyncRow),
  /** Pass back as `cursor` next time; equals the last row's seq, or the request's cursor when empty. */
  cursor: Cursor,
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---------------------------------------------------------------------------------------------
// Merge: the one rule both sides apply.

export interface StampedRow {
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
}

export interface MergeResult extends StampedRow {
  /** Fields whose value or stamp changed (the row is written when there is any). */
  applied: string[];
  /** Incoming fields that were dropped: older than what the row had, or made after a delete. */
  ignored: string[];
}

/** A delete: the `deleted_at` value and its stamp. */
export interface Tomb {
  value: unknown;
  hlc: string;
}

/** Tables whose rows belong to one client (their `client_id`); they are erased with the client. */
export const CLIENT_CHILD_TABLES: readonly SyncTable[] = ['client_targets', 'events', 'recommendations'];

export const isDeleted = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * What a row of a deleted client is, on the server and on every device: every synced field empty
 * except the delete itself and, for a child row, the link to the client (an opaque id). It depends on
 * the table, the client's tombstone and the client id only, never on what the row held before, so
 * every replica that has seen the tombstone holds the same row whatever order changes came in.
 */
export function erasedRow(table: SyncTable, tomb: Tomb, clientId: string | null): StampedRow {
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  for (const f of TABLE_SPECS[table].fields) {
    fields[f] = null;
    stamps[f] = tomb.hlc;
  }
  fields.deleted_at = tomb.value;
  if (table !== 'clients') fields.client_id = clientId;
  return { fields, stamps };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges incoming field changes into a row, per field by HLC: a change wins only if its stamp is
 * newer than the field's. A tombstone is sticky: once `deleted_at` is set, the row accepts only
 * changes made no later than the delete and a newer `deleted_at` (an undo of a deleted log entry).
 *
 * Deleting a client is an erasure (pass `at.table`): a client's tombstone is final, and the client's
 * row and every row of theirs (`at.client`: the client's id and tombstone, for a child table) become
 * erasedRow, whatever arrives and whenever it was made. Both sides call this with the same inputs,
 * so the server and every device drop the same changes and converge on the same erased rows.
 */
export function mergeRow(
  existing: StampedRow | null,
  incoming: { field: string; value: unknown; hlc: string }[],
  at?: { table: SyncTable; client?: { id: string; tomb: Tomb } | null },
): MergeResult {
  const fields = { ...(existing?.fields ?? {}) };
  const stamps = { ...(existing?.stamps ?? {}) };
  const applied: string[] = [];
  const ignored: string[] = [];
  const wins = (c: { field: string; hlc: string }): boolean => {
    const have = stamps[c.field];
    return have === undefined || compareHlc(c.hlc, have) > 0;
  };
  const finalTomb = at?.table === 'clients';
  // deleted_at first, so a delete and an edit in one batch resolve the same way in any order.
  const ordered = [...incoming].sort((a, b) => Number(b.field === 'deleted_at') - Number(a.field === 'deleted_at'));
  for (const c of ordered) {
    const deleted = isDeleted(fields.deleted_at);
    const deletedStamp = stamps.deleted_at;
    // A client is never undeleted: an empty deleted_at is refused for them.
    const undelete = finalTomb && c.field === 'deleted_at' && !isDeleted(c.value);
    const allowed =
      !undelete &&
      (c.field === 'deleted_at' ||
        !deleted ||
        deletedStamp === undefined ||
        parseHlc(c.hlc).wall <= parseHlc(deletedStamp).wall);
    if (allowed && wins(c)) {
      fields[c.field] = c.value;
      stamps[c.field] = c.hlc;
      applied.push(c.field);
    } else ignored.push(c.field);
  }
  if (!at) return { fields, stamps, applied, ignored };

  let tomb: Tomb | null = null;
  if (at.table === 'clients' && isDeleted(fields.deleted_at) && stamps.deleted_at !== undefined)
    tomb = { value: fields.deleted_at, hlc: stamps.deleted_at };
  else if (at.table !== 'clients' && at.client) tomb = at.client.tomb;
  if (!tomb) return { fields, stamps, applied, ignored };

  const clientId = at.table === 'clients' ? null : (at.client?.id ?? null);
  const erased = erasedRow(at.table, tomb, clientId);
  const changed = Object.keys(erased.fields).filter(
    (f) =>
      existing === null ||
      !sameJson(existing.fields[f], erased.fields[f]) ||
      existing.stamps[f] !== erased.stamps[f] ||
      !(f in existing.fields),
  );
  // What goes with the delete (stamped no later than it) is not a dropped change; anything newer is.
  const tombWall = parseHlc(tomb.hlc).wall;
  const dropped = [...new Set(incoming.filter((c) => parseHlc(c.hlc).wall > tombWall).map((c) => c.field))];
  return { ...erased, applied: changed, ignored: dropped };
}
