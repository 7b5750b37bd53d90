import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Client } from '../contract/clients.ts';
import type { TargetHistoryEntry, TargetOverrides, TargetsView } from '../contract/targets.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db } from '../db/open.ts';
import { clientTargets } from '../db/schema.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { computeTargets, missingForTargets } from './compute.ts';
import { valueInForce } from '../measures/profile-link.ts';
import { applyOverrides } from './overrides.ts';
import type { EnergyEquation } from '../contract/common.ts';
import type { ClientDataChanged } from '../changes.ts';

export interface TargetsService {
  get(clientId: string, asOf: string): TargetsView;
  /** As get, for a client already loaded (the rule passes read thousands: one client read less each). */
  forClient(client: Client, asOf: string): TargetsView;
  set(input: {
    clientId: string;
    overrides: TargetOverrides;
    equation?: EnergyEquation | undefined;
    effectiveFrom: string;
    note?: string | undefined;
  }): TargetsView;
  history(clientId: string): TargetHistoryEntry[];
}

/**
 * Targets are computed from the profile on every read, with the weight and height in force on the day
 * asked for (core/measures/profile-link.ts: an edited weight is a reading dated today, so it updates
 * today's targets at once and leaves earlier days as they were),
 * and combined with the practitioner's overrides in force on the day asked for; an overridden target
 * names that row's note and effective date as its source.
 */
export function createTargetsService(
  db: Db,
  clients: ClientsService,
  audit: Audit,
  now: () => number,
  /** Told after the client's targets changed. */
  changed?: ClientDataChanged,
): TargetsService {
  // Prepared once: read for every client on every rule evaluation.
  const inForce = db
    .select()
    .from(clientTargets)
    .where(
      and(
        eq(clientTargets.clientId, sql.placeholder('clientId')),
        lte(clientTargets.effectiveFrom, sql.placeholder('asOf')),
        isNull(clientTargets.deletedAt),
      ),
    )
    .orderBy(desc(clientTargets.effectiveFrom), desc(clientTargets.createdAt))
    .prepare();
  const rowInForce = (clientId: string, asOf: string) => inForce.get({ clientId, asOf });

  const view = (profile: Client, asOf: string): TargetsView => {
    // The weight and height in force on that day (a reading recorded later changes later days only).
    const client: Client = {
      ...profile,
      weightKg: valueInForce(db, profile.id, 'weight', asOf) ?? profile.weightKg,
      heightCm: valueInForce(db, profile.id, 'height', asOf) ?? profile.heightCm,
    };
    const row = rowInForce(client.id, asOf);
    const overrides = (row?.overrides ?? {}) as TargetOverrides;
    const equation = client.energyEquation;
    const missing = missingForTargets(client, asOf);
    if (missing.length > 0) {
      return {
        clientId: client.id,
        asOf,
        targets: null,
        missing,
        equation,
        bmrKcal: null,
        pal: null,
        ageYears: null,
        overrides,
        effectiveFrom: row?.effectiveFrom ?? null,
      };
    }
    const computed = computeTargets(client, equation, asOf);
    return {
      clientId: client.id,
      asOf,
      targets: applyOverrides(
        computed.targets,
        overrides,
        row ? { note: row.note, effectiveFrom: row.effectiveFrom } : null,
      ),
      missing: [],
      equation,
      bmrKcal: computed.bmrKcal,
      pal: computed.pal,
      ageYears: computed.ageYears,
      overrides,
      effectiveFrom: row?.effectiveFrom ?? null,
    };
  };

  return {
    get(clientId, asOf) {
      return view(clients.get(clientId), asOf);
    },

    forClient: view,

    set({ clientId, overrides, equation, effectiveFrom, note }) {
      let client = clients.get(clientId);
      db.transaction(() => {
        if (equation && equation !== client.energyEquation)
          client = clients.update(clientId, { energyEquation: equation });
        const t = now();
        db.insert(clientTargets)
          .values({
            id: uuidv7(t),
            clientId,
            effectiveFrom,
            equation: client.energyEquation,
            overrides,
            note: note ?? null,
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          })
          .run();
        audit.record('client_targets', clientId, 'set', Object.keys(overrides));
      });
      changed?.(clientId, 'targets');
      return view(client, effectiveFrom);
    },

    history(clientId) {
      clients.get(clientId);
      return db
        .select()
        .from(clientTargets)
        .where(and(eq(clientTargets.clientId, clientId), isNull(clientTargets.deletedAt)))
        .orderBy(asc(clientTargets.effectiveFrom), asc(clientTargets.createdAt))
        .all()
        .map((r) => ({
          id: r.id,
          effectiveFrom: r.effectiveFrom,
          overrides: r.overrides as TargetOverrides,
          note: r.note,
          createdAt: r.createdAt,
        }));
    },
  };
}
