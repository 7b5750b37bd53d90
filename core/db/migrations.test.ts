import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { defaultMigrationsDir, openDatabase, readMigrations } from './open.ts';

const released = JSON.parse(fs.readFileSync(new URL('./released-migrations.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;
const migrations = readMigrations(defaultMigrationsDir());

describe('migrations', () => {
  it('are append-only: a released migration is never edited, removed or reordered', () => {
    const tags = migrations.map((m) => m.tag);
    expect(tags.slice(0, Object.keys(released).length)).toEqual(Object.keys(released));
    for (const m of migrations) {
      if (released[m.tag])
        expect(m.hash, `${m.tag} was edited after release; add a new migration instead`).toBe(released[m.tag]);
    }
    // Every migration in the folder must be listed (add it to released-migrations.json when released).
    expect(Object.keys(released)).toEqual(tags);
  });

  it.each(migrations.map((_, i) => i))('upgrade a database made at schema version %i to the latest', (version) => {
    const file = path.join(tempDir(), 'bioai.db');
    const key = randomBytes(32);
    // Build the database as the version that had `version` migrations would have left it.
    const old = new Database(file);
    old.pragma(`cipher='sqlcipher'`);
    old.pragma('legacy=4');
    old.pragma(`key="x'${key.toString('hex')}'"`);
    old.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    for (const m of migrations.slice(0, version)) for (const s of m.statements) old.exec(s);
    old.pragma(`user_version = ${version}`);
    old.close();
    const { sqlite, schemaVersion } = openDatabase({ file, key });
    expect(schemaVersion).toBe(migrations.length);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
  });
});
