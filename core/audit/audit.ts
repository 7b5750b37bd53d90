import { and, desc, eq } from 'drizzle-orm';
import type { AuditEntry } from '../contract/clients.ts';
import type { Db } from '../db/open.ts';
import { auditLog } from '../db/schema.ts';
import { uuidv7 } from '../util/uuidv7.ts';

export interface AuditContext {
  /** Who is acting: the practitioner's name from Settings, or 'practitioner'. */
  actor: () => string;
  host: string;
  now: () => number;
}

export interface Audit {
  record(entity: string, entityId: string, action: string, fields?: string[]): void;
  list(entityId: string | undefined, limit: number): AuditEntry[];
}

/** Audit entries are written in the same transaction as the change they describe (callers wrap both). */
export function createAudit(db: Db, ctx: AuditContext): Audit {
  return {
    record(entity, entityId, action, fields = []) {
      db.insert(auditLog)
        .values({ id: uuidv7(), at: ctx.now(), actor: ctx.actor(), host: ctx.host, entity, entityId, action, fields })
        .run();
    },
    list(entityId, limit) {
      return db
        .select()
        .from(auditLog)
        .where(entityId ? and(eq(auditLog.entityId, entityId)) : undefined)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
        .all();
    },
  };
}
