import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { defaultMigrationsDir, openDatabase, readMigrations } from './open.ts';
import { fillAuditLog } from '../test-utils/fill-pages.ts';

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

  it('refuses a database whose pages do not read back, leaves the file where and as it is, and never creates another', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bioai.db');
    const k = key();
    const { sqlite } = openDatabase({ file, key: k, create: true });
    fillAuditLog(sqlite, 'id');
    // A page of the table of contents (read by every open), overwritten with garbage: its HMAC fails.
    const schemaPage = sqlite
      .prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1 LIMIT 1")
      .pluck()
      .get() as number;
    sqlite.close();
    const bytes = fs.readFileSync(file);
    randomBytes(4096).copy(bytes, 4096 * (schemaPage - 1));
    fs.writeFileSync(file, bytes);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => openDatabase({ file, key: k, create: true })).toThrow(
        expect.objectContaining({
          code: 'database-damaged',
          message: expect.stringMatching(/damaged.*Salvage.*backup.*empty/s),
        }),
      );
    }
    expect(fs.readdirSync(dir)).toEqual(['bioai.db']);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('opens without reading the whole file: a damaged page of a table shows only when it is read', () => {
    const file = path.join(tempDir(), 'bioai.db');
    const k = key();
    const { sqlite } = openDatabase({ file, key: k, create: true });
    fillAuditLog(sqlite, 'id');
    const leaf = sqlite
      .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' LIMIT 1 OFFSET 5")
      .pluck()
      .get() as number;
    sqlite.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(64), 0, 64, 4096 * (leaf - 1) + 1000);
    fs.closeSync(fd);
    const opened = openDatabase({ file, key: k });
    try {
      expect(() => opened.sqlite.prepare('SELECT max(length(fields) + at) FROM audit_log').get()).toThrow(/malformed/);
      expect(opened.sqlite.pragma('quick_check', { simple: true })).not.toBe('ok');
    } finally {
      opened.sqlite.close();
    }
  });
});
