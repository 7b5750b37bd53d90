import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { Client, ClientFields, ClientPatch, ClientSummary } from '../contract/clients.ts';
import type { Audit } from '../audit/audit.ts';
import type { Db, Sqlite } from '../db/open.ts';
import { eraseClientLocally } from '../sync/erasure.ts';
import { clients } from '../db/schema.ts';
import { recordProfileReading } from '../measures/profile-link.ts';
import { localIsoDate } from '../util/clock.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import type { ClientDataChanged } from '../changes.ts';

type Row = typeof clients.$inferSelect;
export type ClientSort = 'name' | 'updated' | 'created' | 'age';

export interface ClientsService {
  list(opts: { search: string; sort: ClientSort; includeArchived: boolean }, today: string): ClientSummary[];
  get(id: string): Client;
  /** `confirm` saves a birth date that birthDateWarning finds implausible; without it that is refused. */
  create(fields: ClientFields, confirm?: boolean): Client;
  /** `action` names the change in the audit log ('update'; 'intake-form-import' for an intake form's answers). */
  update(id: string, patch: ClientPatch, confirm?: boolean, action?: string): Client;
  setArchived(id: string, archived: boolean): Client;
  remove(id: string): { id: string };
}

/** A clients row as the contract's Client (also used by the record export). */
export function toClient(row: Row): Client {
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birthDate,
    sex: row.sex,
    heightCm: row.heightCm,
    weightKg: row.weightKg,
    activityLevel: row.activityLevel as Client['activityLevel'],
    dietPattern: row.dietPattern as Client['dietPattern'],
    allergies: row.allergies,
    lifeStage: row.lifeStage as Client['lifeStage'],
    lifeStageDetail: row.lifeStageDetail,
    tags: row.tags,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    energyEquation: row.energyEquation as Client['energyEquation'],
    edSensitive: Boolean(row.edSensitive),
    goal: row.goal as Client['goal'],
    goalRateKgWeek: row.goalRateKgWeek,
    conditions: row.conditions as Client['conditions'],
    ckdStage: row.ckdStage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
  };
}

/**
 * Why a birth date looks wrong (before 1900, after today, or an age over 120), or null when it is
 * plausible. Such a date is usually a typo (1850 for 1950, 3000 for 2000); it is saved only when
 * confirmed, as implausible log values are.
 */
export function birthDateWarning(birthDate: string | null | undefined, today: string): string | null {
  if (!birthDate) return null;
  if (birthDate > today) return `The birth date ${birthDate} is in the future.`;
  if (birthDate < '1900-01-01') return `The birth date ${birthDate} is before 1900.`;
  const age = yearsBetween(birthDate, today);
  if (age > 120) return `The birth date ${birthDate} makes the client ${age} years old.`;
  return null;
}

function requireBirthDateConfirmation(birthDate: string | null | undefined, now: number, confirm: boolean): void {
  const warning = birthDateWarning(birthDate, new Date(now).toISOString().slice(0, 10));
  if (warning && !confirm)
    throw new AppError('implausible', `Please check: ${warning} Save anyway if it is right.`, {
      birthDate: warning,
    });
}

/** Completed years between an ISO birth date and an ISO day (both YYYY-MM-DD). */
export function yearsBetween(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Cleans list fields: trimmed, de-duplicated case-insensitively, in the order given. */
function cleanList(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values.map((s) => s.trim()).filter(Boolean)) {
    const k = v.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function normalise(fields: Partial<ClientFields>): Partial<ClientFields> {
  const out = { ...fields };
  if (out.allergies) out.allergies = cleanList(out.allergies);
  if (out.tags) out.tags = cleanList(out.tags);
  if (out.conditions) out.conditions = [...new Set(out.conditions)];
  for (const k of ['email', 'phone', 'notes'] as const) {
    if (out[k] === '') out[k] = null;
  }
  return out;
}

function checkConsistency(c: Pick<ClientFields, 'sex' | 'lifeStage' | 'lifeStageDetail'>): void {
  if (c.lifeStage !== 'none' && c.sex === 'male') {
    throw new AppError('invalid-input', 'Pregnancy and lactation apply to female clients only.', {
      lifeStage: 'Pregnancy and lactation apply to female clients only.',
    });
  }
  if (c.lifeStage === 'pregnant' && c.lifeStageDetail !== null && c.lifeStageDetail > 3) {
    throw new AppError('invalid-input', 'The trimester must be 1, 2 or 3.', {
      lifeStageDetail: 'The trimester must be 1, 2 or 3.',
    });
  }
}

/** Fields whose values differ, for the audit log (names only). */
function changedFields(before: Client, after: Partial<ClientFields>): string[] {
  return Object.entries(after)
    .filter(([k, v]) => JSON.stringify(before[k as keyof Client]) !== JSON.stringify(v))
    .map(([k]) => k);
}

export function createClientsService(
  db: Db,
  sqlite: Sqlite,
  audit: Audit,
  now: () => number,
  /** Told after a profile change (weight, diet, life stage, eating-disorder-sensitive care…). */
  changed?: ClientDataChanged,
): ClientsService {
  // Prepared once: the rules and the targets read the client on every evaluation.
  const byId = db
    .select()
    .from(clients)
    .where(and(eq(clients.id, sql.placeholder('id')), isNull(clients.deletedAt)))
    .prepare();
  const load = (id: string): Row => {
    const row = byId.get({ id });
    if (!row) throw new AppError('not-found', 'That client does not exist (it may have been deleted).');
    return row;
  };

  return {
    list({ search, sort, includeArchived }, today) {
      const where: SQL[] = [isNull(clients.deletedAt)];
      if (!includeArchived) where.push(isNull(clients.archivedAt));
      const words = search.toLowerCase().split(/\s+/).filter(Boolean);
      for (const word of words) {
        // Every word must match the name, a tag or the e-mail (case-insensitive substring).
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          sql`(lower(${clients.name}) LIKE ${pattern} ESCAPE '\\' OR lower(${clients.tags}) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(${clients.email}, '')) LIKE ${pattern} ESCAPE '\\')`,
        );
      }
      const order =
        sort === 'updated'
          ? [desc(clients.updatedAt)]
          : sort === 'created'
            ? [desc(clients.createdAt)]
            : sort === 'age'
              ? [sql`${clients.birthDate} IS NULL`, desc(clients.birthDate)]
              : [asc(sql`${clients.name} COLLATE NOCASE`)];
      return db
        .select()
        .from(clients)
        .where(and(...where))
        .orderBy(...order, asc(clients.id))
        .all()
        .map((row) => ({
          id: row.id,
          name: row.name,
          birthDate: row.birthDate,
          ageYears: row.birthDate ? yearsBetween(row.birthDate, today) : null,
          sex: row.sex,
          dietPattern: row.dietPattern as ClientSummary['dietPattern'],
          tags: row.tags,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          archivedAt: row.archivedAt,
        }));
    },

    get(id) {
      return toClient(load(id));
    },

    create(input, confirm = false) {
      const fields = normalise(input) as ClientFields;
      checkConsistency(fields);
      const t = now();
      requireBirthDateConfirmation(fields.birthDate, t, confirm);
      const id = uuidv7(t);
      db.transaction(() => {
        db.insert(clients)
          .values({ ...fields, id, createdAt: t, updatedAt: t, archivedAt: null, deletedAt: null })
          .run();
        audit.record('client', id, 'create', Object.keys(fields));
      });
      return toClient(load(id));
    },

    update(id, patch, confirm = false, action = 'update') {
      const before = toClient(load(id));
      const fields = normalise(patch);
      checkConsistency({ ...before, ...fields });
      // Only a birth date being changed needs the confirmation; an earlier confirmed one stays as it is.
      if (fields.birthDate !== undefined && fields.birthDate !== before.birthDate)
        requireBirthDateConfirmation(fields.birthDate, now(), confirm);
      const fieldsChanged = changedFields(before, fields);
      if (fieldsChanged.length === 0) return before;
      db.transaction(() => {
        const t = Math.max(now(), before.updatedAt + 1);
        // A new weight or height is a reading dated today: today's targets change, earlier days' do not.
        for (const [kind, value] of [
          ['weight', fields.weightKg],
          ['height', fields.heightCm],
        ] as const) {
          const old = kind === 'weight' ? before.weightKg : before.heightCm;
          if (typeof value === 'number' && value !== old) recordProfileReading(db, id, kind, value, localIsoDate(t), t);
        }
        db.update(clients)
          .set({ ...fields, updatedAt: t })
          .where(eq(clients.id, id))
          .run();
        audit.record('client', id, action, fieldsChanged);
      });
      changed?.(id, 'profile');
      return toClient(load(id));
    },

    setArchived(id, archived) {
      const before = load(id);
      if (Boolean(before.archivedAt) === archived) return toClient(before);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clients)
          .set({ archivedAt: archived ? t : null, updatedAt: t })
          .where(eq(clients.id, id))
          .run();
        audit.record('client', id, archived ? 'archive' : 'unarchive');
      });
      return toClient(load(id));
    },

    remove(id) {
      const before = load(id);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        // Deleting is erasing: the row stays as a tombstone (for sync and the audit trail's "deleted"
        // entry) without any personal field, and everything about the client (targets, log entries,
        // recommendations, photos, audit details) is erased with it. The tombstones sync.
        eraseClientLocally(sqlite, id, t);
        audit.record('client', id, 'delete');
      });
      return { id };
    },
  };
}
