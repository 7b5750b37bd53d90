import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyConnectionPragmas,
  defaultMigrationsDir,
  openDatabase,
  readMigrations,
  type Sqlite,
} from '../core/db/open.ts';
import { prepared } from '../core/db/statements.ts';
import { median, report, timeIt } from './lib.ts';

/**
 * SQLCipher (the app's real database) vs plain SQLite with the same schema, the same connection
 * pragmas (applyConnectionPragmas: page cache, temp store) and the same statements, prepared once
 * per connection (the statement cache): inserting 100k events in one transaction, then the
 * dashboard's typical reads. BENCH_QUICK=1: 5,000 events, one run.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const N = Number(process.env.BENCH_EVENTS ?? (QUICK ? 5_000 : 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const CLIENTS = 50;
const READS = 5;

function plainDatabase(file: string): Sqlite {
  const db = new Database(file);
  applyConnectionPragmas(db);
  for (const m of readMigrations(defaultMigrationsDir())) for (const s of m.statements) db.exec(s);
  return db;
}

function seedClients(db: Sqlite): string[] {
  const ids = Array.from({ length: CLIENTS }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`);
  const insert = db.prepare(
    "INSERT INTO clients (id, name, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at) VALUES (?, ?, 'active', 'omnivore', '[]', 'none', '[]', 'mifflin-st-jeor', 0, 0)",
  );
  db.transaction(() => ids.forEach((id, i) => insert.run(id, `Client ${i}`)))();
  return ids;
}

function insertEvents(db: Sqlite, clients: string[]): void {
  const insert = db.prepare(
    `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, energy_kcal, protein_g, carb_g, fat_g, fibre_g, sodium_mg, detail, created_at, updated_at)
     VALUES (?, ?, 'diet', ?, ?, 'manual', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const t = start + i * 600_000;
      const day = new Date(t).toISOString().slice(0, 10);
      insert.run(
        `e-${i}`,
        clients[i % CLIENTS],
        t,
        day,
        300 + (i % 400),
        12,
        40,
        10,
        4,
        500,
        '{"foodId":"x","grams":120}',
        t,
        t,
      );
    }
  })();
}

function queries(db: Sqlite, clients: string[]): void {
  const daily = prepared(
    db,
    `SELECT local_date, sum(energy_kcal) kcal, sum(protein_g) p, sum(fibre_g) f, sum(sodium_mg) na
     FROM events WHERE client_id = ? AND deleted_at IS NULL AND local_date BETWEEN ? AND ? GROUP BY local_date`,
  );
  for (const c of clients) daily.all(c, '2024-01-01', '2025-12-31');
  const count = prepared(db, 'SELECT count(*) n FROM events WHERE kind = ?');
  count.get('diet');
}

export function run(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-'));
  try {
    const results = {
      plainInsert: [] as number[],
      cipherInsert: [] as number[],
      plainQuery: [] as number[],
      cipherQuery: [] as number[],
    };
    for (let r = 0; r < RUNS; r++) {
      const plain = plainDatabase(path.join(dir, `plain-${r}.db`));
      const cipher = openDatabase({
        file: path.join(dir, `cipher-${r}.db`),
        key: randomBytes(32),
        create: true,
      }).sqlite;
      const pc = seedClients(plain);
      const cc = seedClients(cipher);
      results.plainInsert.push(timeIt(() => insertEvents(plain, pc)));
      results.cipherInsert.push(timeIt(() => insertEvents(cipher, cc)));
      // The dashboard reads again and again: each read, alternating plain and encrypted.
      for (let q = 0; q < READS; q++) {
        results.plainQuery.push(timeIt(() => queries(plain, pc)));
        results.cipherQuery.push(timeIt(() => queries(cipher, cc)));
      }
      plain.close();
      cipher.close();
    }
    const pI = median(results.plainInsert);
    const pQ = median(results.plainQuery);
    report(
      `Storage: SQLCipher vs plain SQLite, ${N.toLocaleString('en')} events, median of ${RUNS} runs (reads: ${READS} a run)`,
      [
        { name: 'plain SQLite: insert (one transaction)', ms: pI },
        { name: 'SQLCipher:    insert (one transaction)', ms: median(results.cipherInsert), baseline: pI },
        { name: `plain SQLite: daily totals for ${CLIENTS} clients`, ms: pQ },
        { name: `SQLCipher:    daily totals for ${CLIENTS} clients`, ms: median(results.cipherQuery), baseline: pQ },
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
