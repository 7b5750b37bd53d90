import type { Client } from '../contract/clients.ts';
import type { Core } from '../app.ts';
import type { Db } from '../db/open.ts';
import { clients } from '../db/schema.ts';
import { ok, unlockedCore } from './core-harness.ts';

/**
 * Seeding a client through the contract, as the app does. Most tests need an ordinary adult with a full
 * profile (so every target can be computed) and name only what their case is about.
 */
export const ADULT = { sex: 'female', birthDate: '1990-01-01', heightCm: 165, weightKg: 60 } as const;

/** The targets tests' client: a woman in her fifties with hypertension (sodium suggestion 1,500 mg). */
export const HILDA = {
  name: 'Hilda Example',
  birthDate: '1970-04-02',
  heightCm: 162,
  weightKg: 74,
  conditions: ['hypertension'],
} as const;

/** Creates a client from ADULT with `fields` on top. */
export function addClient(core: Core, fields: Record<string, unknown>): Promise<Client> {
  return ok<Client>(core, 'clients.create', { ...ADULT, ...fields });
}

/** A fresh unlocked core (unlockedCore's options) holding one client made by addClient. */
export async function coreWithClient(
  fields: Record<string, unknown>,
  options: Parameters<typeof unlockedCore>[0] = {},
): Promise<{ core: Core; client: Client }> {
  const core = await unlockedCore(options);
  return { core, client: await addClient(core, fields) };
}

/**
 * A clients row written straight into the table, for tests of one service over a bare database (no
 * core, no audit): only its id matters to them.
 */
export function insertClientRow(db: Db, id: string, name: string, at = 1): void {
  db.insert(clients)
    .values({
      id,
      name,
      activityLevel: 'active',
      dietPattern: 'omnivore',
      allergies: [],
      lifeStage: 'none',
      tags: [],
      energyEquation: 'mifflin-st-jeor',
      createdAt: at,
      updatedAt: at,
    })
    .run();
}
