import { randomUUID } from 'node:crypto';
import { hash as argonHash } from '@node-rs/argon2';
import type { Hono } from 'hono';
import type pg from 'pg';
import { AddPractitionerBody, RegisterBody, type PracticeInfo } from '../../core/sync/protocol/wire.ts';
import { ARGON2, auth, type Tokens } from './auth.ts';
import type { AppContext, Env, Guards } from './config.ts';
import { inTransaction, isUniqueViolation } from './db.ts';
import { ApiError, emailTaken, invalidToken, readJson } from './errors.ts';

/** Serialises 'first-only' registrations (pg_advisory_xact_lock key; any constant). */
const REGISTRATION_LOCK = 4_217_031_992;

/** Creating a practice, adding a practitioner to it, reading it. */
export function accountRoutes(app: Hono<Env>, ctx: AppContext, g: Guards, tokens: Tokens): void {
  const { pool } = ctx;
  const { byIp, smallBody, requireAuth } = g;
  const { issueSession } = tokens;

  app.post('/v1/practices', byIp, smallBody, async (c) => {
    const body = await readJson(c, RegisterBody);
    const registration = ctx.registration;
    const registrationClosed = (): ApiError =>
      new ApiError(
        403,
        'registration-closed',
        'This server does not accept new practices. Sign in to your practice, or ask its administrator.',
      );
    const anyPractice = async (q: pg.Pool | pg.PoolClient): Promise<boolean> =>
      ((await q.query('SELECT 1 FROM practices LIMIT 1')).rowCount ?? 0) > 0;
    // A cheap early answer; 'first-only' checks again under a lock in the transaction below.
    if (registration === 'closed' || (registration === 'first-only' && (await anyPractice(pool))))
      throw registrationClosed();
    const passwordHash = await argonHash(body.password, ARGON2);
    const practiceId = randomUUID();
    const practitionerId = randomUUID();
    const deviceId = randomUUID();
    try {
      const session = await inTransaction(pool, async (client) => {
        if (registration === 'first-only') {
          // Two simultaneous first registrations: the second waits here, then sees the first practice.
          await client.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
          if (await anyPractice(client)) throw registrationClosed();
        }
        const taken = await client.query('SELECT 1 FROM practitioners WHERE email = $1', [body.email]);
        if (taken.rowCount) throw emailTaken();
        await client.query('INSERT INTO practices (id, name, key_envelope) VALUES ($1, $2, $3)', [
          practiceId,
          body.practiceName,
          body.keyEnvelope,
        ]);
        await client.query(
          `INSERT INTO practitioners (id, practice_id, email, display_name, password_hash, role)
           VALUES ($1, $2, $3, $4, $5, 'owner')`,
          [practitionerId, practiceId, body.email, body.displayName, passwordHash],
        );
        await client.query('INSERT INTO devices (id, practice_id, practitioner_id, name) VALUES ($1, $2, $3, $4)', [
          deviceId,
          practiceId,
          practitionerId,
          body.deviceName,
        ]);
        return issueSession(client, { practiceId, practitionerId, deviceId, role: 'owner' });
      });
      return c.json(session, 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
  });

  app.post('/v1/practitioners', byIp, smallBody, requireAuth, async (c) => {
    const a = auth(c);
    if (a.role !== 'owner')
      throw new ApiError(403, 'forbidden', 'Only the owner of the practice can add practitioners.');
    const body = await readJson(c, AddPractitionerBody);
    const passwordHash = await argonHash(body.password, ARGON2);
    const practitionerId = randomUUID();
    try {
      await pool.query(
        `INSERT INTO practitioners (id, practice_id, email, display_name, password_hash, role)
         VALUES ($1, $2, $3, $4, $5, 'member')`,
        [practitionerId, a.practiceId, body.email, body.displayName, passwordHash],
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
    return c.json({ practitionerId }, 201);
  });

  app.get('/v1/practice', requireAuth, async (c) => {
    const a = auth(c);
    const r = await pool.query<{ name: string; key_envelope: string }>(
      'SELECT name, key_envelope FROM practices WHERE id = $1',
      [a.practiceId],
    );
    const p = r.rows[0];
    if (!p) throw invalidToken();
    const info: PracticeInfo = { practiceId: a.practiceId, practiceName: p.name, keyEnvelope: p.key_envelope };
    return c.json(info);
  });
}
