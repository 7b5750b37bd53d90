import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
} from 'drizzle-orm/pg-core';

/**
 * The sync server's PostgreSQL schema. Every data row carries the practice it belongs to, and every
 * query filters by the practice of the caller's access token (practice isolation).
 *
 * Photos are NOT synced: they stay on the device that took them (only the rows in
 * core/sync/protocol.ts TABLE_SPECS travel through the server).
 */

const createdAt = (): PgColumnBuilderBase =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const practices = pgTable('practices', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The practice key wrapped by the practice passphrase, made by the device; opaque here (≤ 8 KB). */
  keyEnvelope: text('key_envelope').notNull(),
  /** The practice's change sequence: the last seq given to a synced row. */
  seq: bigint('seq', { mode: 'bigint' })
    .notNull()
    .default(sql`0`),
  createdAt: createdAt(),
});

export const practitioners = pgTable(
  'practitioners',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    /** Stored lower-cased. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['owner', 'member'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('practitioners_email_key').on(t.email), index('practitioners_practice_idx').on(t.practiceId)],
);

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * Access tokens carry the epoch they were issued in (claim `tep`); logout (and refresh token
     * reuse) increments it, so the device's access tokens issued before stop working at once.
     */
    tokenEpoch: integer('token_epoch').notNull().default(0),
  },
  (t) => [index('devices_practice_idx').on(t.practiceId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** sha256 of the token, hex; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /**
     * Why it was revoked: 'rotated' (refreshed; `replaced_by` is its successor), 'superseded' (the
     * successor of a rotation that was retried within the grace period), 'logout' or 'reuse'.
     */
    revokedReason: text('revoked_reason', { enum: ['rotated', 'superseded', 'logout', 'reuse'] }),
    /** The token issued when this one was rotated (no foreign key: pruned rows may go in any order). */
    replacedBy: uuid('replaced_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_device_idx').on(t.deviceId)],
);

export const idempotency = pgTable(
  'idempotency',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    key: uuid('key').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.key] })],
);

/** One table per synced table (core/sync/protocol.ts SYNC_TABLES), all the same shape. */
function syncedTable(name: string) {
  return pgTable(
    name,
    {
      practiceId: uuid('practice_id')
        .notNull()
        .references(() => practices.id, { onDelete: 'cascade' }),
      id: uuid('id').notNull(),
      /** Field values as the device sent them (encrypted fields are "enc:v1:…" ciphertext). */
      fields: jsonb('fields').notNull(),
      /** Per-field HLC stamps. */
      stamps: jsonb('stamps').notNull(),
      originDevice: uuid('origin_device').notNull(),
      seq: bigint('seq', { mode: 'bigint' }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.practiceId, t.id] }), index(`${name}_practice_seq_idx`).on(t.practiceId, t.seq)],
  );
}

export const clients = syncedTable('clients');
export const clientTargets = syncedTable('client_targets');
export const events = syncedTable('events');
export const recommendations = syncedTable('recommendations');
export const customFoods = syncedTable('custom_foods');
