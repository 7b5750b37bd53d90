import { readdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { ok } from '../test-utils/core-harness.ts';
import { ACCOUNT, practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { decryptField, fieldContext, unwrapPracticeKey } from './practice-key.ts';
import { SYNC_TABLES, TABLE_SPECS } from './protocol/tables.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';
import { getState, setState, stageRewrap } from './store.ts';

/**
 * A server that ran the first wire version holds most values readable. The first computer of the
 * practice to sync with this version sends them again, encrypted under the same stamps; the server
 * swaps them in place, and afterwards holds nothing readable about a client. Computers that pull in
 * between read both forms.
 */

const server = useSyncServer();

const SEEDED = ['Unique-Surname', 'pregnant', '58.25', 'walks to work'];

async function serverText(practiceId: string): Promise<string> {
  let text = '';
  for (const t of SYNC_TABLES)
    text += (
      await server.current.pool.query(`SELECT fields::text AS t FROM ${t} WHERE practice_id = $1`, [practiceId])
    ).rows
      .map((r: { t: string }) => r.t)
      .join('\n');
  return text;
}

describe('a server that holds values from the first wire version', () => {
  it('is rewritten to ciphertext by the first computer that syncs, with no edit lost or reordered', async () => {
    const { a, join, email } = await practice(server.current.url);
    const dora = await ok<Client>(a.core, 'clients.create', {
      name: 'Dora Unique-Surname',
      sex: 'female',
      birthDate: '1990-05-01',
      heightCm: 164,
      weightKg: 58.25,
      notes: 'walks to work',
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    await ok(a.core, 'log.add', {
      kind: 'diet',
      clientId: dora.id,
      date: '2026-03-15',
      foodId: 'usda:09040',
      grams: 120,
    });
    await sync(a.core);

    // Make the server's rows what the first wire version left: readable except its few encrypted fields.
    const login = await fetch(`${server.current.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: ACCOUNT.password, deviceName: 'Inspector' }),
    });
    const session = (await login.json()) as { keyEnvelope: string; practiceId: string };
    const key = unwrapPracticeKey(session.keyEnvelope, ACCOUNT.practicePassphrase);
    for (const table of SYNC_TABLES) {
      const spec = TABLE_SPECS[table];
      const rows = await server.current.pool.query<{ id: string; fields: Record<string, unknown> }>(
        `SELECT id, fields FROM ${table} WHERE practice_id = $1`,
        [session.practiceId],
      );
      for (const row of rows.rows) {
        const old: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(row.fields)) {
          const isCipher = typeof value === 'string' && value.startsWith(ENCRYPTED_PREFIX);
          const plain = isCipher ? decryptField(key, fieldContext(table, row.id, field), value) : value;
          old[field] = spec.encryptedV1.includes(field) && plain !== null ? value : plain;
        }
        await server.current.pool.query(`UPDATE ${table} SET fields = $2 WHERE practice_id = $1 AND id = $3`, [
          session.practiceId,
          JSON.stringify(old),
          row.id,
        ]);
      }
    }
    const before = await serverText(session.practiceId);
    for (const v of ['pregnant', '58.25']) expect(before).toContain(v); // readable, as then
    // The computer has not rewritten yet (it is where an earlier version left it).
    const { sqlite } = a.core.session.database();
    setState(sqlite, 'wire', '1');

    // A computer that joins in between reads the old form.
    const b = await join('Laptop');
    await sync(b.core);
    expect(await ok<Client>(b.core, 'clients.get', { id: dora.id })).toMatchObject({
      name: 'Dora Unique-Surname',
      weightKg: 58.25,
      lifeStage: 'pregnant',
      notes: 'walks to work',
    });

    // A later edit on B is not undone by A's rewrite, which carries the old stamps.
    b.clock.advance(60_000);
    await ok(b.core, 'clients.update', { id: dora.id, patch: { weightKg: 59 } });
    await sync(b.core);

    await sync(a.core);
    expect(getState(sqlite, 'wire')).toBe('2');
    const after = await serverText(session.practiceId);
    for (const v of SEEDED) expect(after, v).not.toContain(v);

    // Everyone still reads the same, B's later weight included.
    await sync(b.core);
    const c = await join('Tablet');
    await sync(c.core);
    for (const d of [a, b, c])
      expect(await ok<Client>(d.core, 'clients.get', { id: dora.id })).toMatchObject({
        name: 'Dora Unique-Surname',
        weightKg: 59,
        lifeStage: 'pregnant',
        notes: 'walks to work',
      });
    // Once is enough: nothing is queued again.
    expect(stageRewrap(sqlite, key)).toBe(0);

    // The replaced rows' old versions leave the table files once the database is vacuumed.
    const pool = server.current.pool;
    for (const t of SYNC_TABLES) await pool.query(`VACUUM FULL ${t}`);
    await pool.query('CHECKPOINT');
    const dir = (await pool.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]?.d ?? '';
    const oid = (
      await pool.query<{ oid: string }>('SELECT oid::text FROM pg_database WHERE datname = current_database()')
    ).rows[0]?.oid;
    const files = readdirSync(joinPath(dir, 'base', oid ?? ''), { withFileTypes: true }).filter((f) => f.isFile());
    const hits = files.flatMap((f) => {
      const bytes = readFileSync(joinPath(f.parentPath, f.name)).toString('latin1');
      return SEEDED.filter((v) => bytes.includes(v)).map((v) => `${v} in ${f.name}`);
    });
    expect(hits).toEqual([]);
  }, 180_000);
});
