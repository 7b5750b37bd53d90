import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { defaultMigrationsDir, openDatabase, readMigrations } from './open.ts';

const key = (): Buffer => randomBytes(32);

describe('openDatabase', () => {
  it('creates an encrypted file: no SQLite header and no plaintext, in the file or the WAL', () => {
    const file = path.join(tempDir(), 'bioai.db');
    const k = key();
    const { sqlite } = openDatabase({ file, key: k, create: true });
    sqlite
      .prepare(
        "INSERT INTO clients (id, name, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at) VALUES ('x', 'Zebulon Quartermaine', 'active', 'vegan', '[]', 'none', '[]', 'mifflin-st-jeor', 1, 1)",
      )
      .run();
    const wal = fs.readFileSync(`${file}-wal`);
    expect(wal.includes('Zebulon')).toBe(false);
    sqlite.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes('Zebulon')).toBe(false);
    expect(bytes.includes('clients')).toBe(false);
  });

  it('applies every migration, records them, and reopens with the same key', () => {
    const file = path.join(tempDir(), 'bioai.db');
    const k = key();
    const first = openDatabase({ file, key: k, create: true });
    const count = readMigrations(defaultMigrationsDir()).length;
    expect(first.schemaVersion).toBe(count);
    expect(first.sqlite.pragma('user_version', { simple: true })).toBe(count);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    first.sqlite.close();
    const again = openDatabase({ file, key: k });
    const applied = again.sqlite.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    expect(applied.n).toBe(count);
    again.sqlite.close();
  });

  it('says "wrong passphrase, or not a BioAI Nutrition database" for a wrong key', () => {
    const file = path.join(tempDir(), 'bioai.db');
    openDatabase({ file, key: key(), create: true }).sqlite.close();
    expect(() => openDatabase({ file, key: key() })).toThrow(/Wrong passphrase, or not a BioAI Nutrition database/);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = path.join(tempDir(), 'bioai.db');
    const k = key();
    const { sqlite } = openDatabase({ file, key: k, create: true });
    sqlite.pragma('user_version = 999');
    sqlite.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ file, key: k })).toThrow(/newer version of BioAI Nutrition \(schema 999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a plain (unencrypted) SQLite file as not ours', () => {
    const file = path.join(tempDir(), 'bioai.db');
    const plain = new Database(file);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(() => openDatabase({ file, key: key() })).toThrow(/not a BioAI Nutrition database/);
  });

  it('reports a missing file unless asked to create one', () => {
    expect(() => openDatabase({ file: path.join(tempDir(), 'none.db'), key: key() })).toThrow(/No database/);
  });

  it('moves a damaged database aside and says where', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bioai.db');
    const k = key();
    const { sqlite } = openDatabase({ file, key: k, create: true });
    const insert = sqlite.prepare(
      "INSERT INTO audit_log (id, at, actor, host, entity, entity_id, action, fields) VALUES (?, 1, 'a', 'cli', 'client', 'x', 'create', '[]')",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`id-${i}`);
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    // Overwrite a page in the middle with garbage: its HMAC no longer verifies.
    const bytes = fs.readFileSync(file);
    randomBytes(4096).copy(bytes, 4096 * 5);
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase({ file, key: k })).toThrow(/damaged and has been moved aside to bioai\.db\.damaged-/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('bioai.db.damaged-'))).toBe(true);
  });
});
