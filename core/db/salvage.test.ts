import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { damagedPages, keyMatchesFile, PAGE_SIZE } from './cipher-pages.ts';
import { openDatabase, openKeyed, type Sqlite } from './open.ts';
import { salvageDatabase } from './salvage.ts';

const TABLES = ['clients', 'events', 'meal_photos', 'audit_log'] as const;

/** A real SQLCipher database with many pages: clients, log rows, photo blobs (some overflow), audit rows. */
function buildDatabase(file: string, key: Buffer, rand: () => number): void {
  const { sqlite } = openDatabase({ file, key, create: true });
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  sqlite.transaction(() => {
    const client = sqlite.prepare(
      "INSERT INTO clients (id, name, activity_level, diet_pattern, allergies, life_stage, tags, energy_equation, created_at, updated_at) VALUES (?, ?, 'active', 'vegan', '[]', 'none', '[]', 'mifflin-st-jeor', ?, ?)",
    );
    const event = sqlite.prepare(
      "INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, energy_kcal, detail, created_at, updated_at) VALUES (?, ?, 'food', ?, ?, 'manual', ?, ?, ?, ?)",
    );
    const photo = sqlite.prepare(
      "INSERT INTO meal_photos (id, client_id, local_date, image, thumbnail, width, height, detections, model_id, provider, status, created_at, updated_at) VALUES (?, ?, '2026-11-01', ?, ?, 10, 10, '[]', 'm', 'cpu', 'saved', 1, 1)",
    );
    const audit = sqlite.prepare(
      "INSERT INTO audit_log (id, at, actor, host, entity, entity_id, action, fields) VALUES (?, ?, 'a', 'cli', 'client', ?, 'create', '[]')",
    );
    for (let c = 0; c < 120; c++) {
      const id = `c-${c}`;
      client.run(id, `Client ${c} ${'x'.repeat(Math.floor(rand() * 200))}`, c, c);
      for (let e = 0; e < 25; e++) {
        const day = `2026-10-${String(1 + (e % 28)).padStart(2, '0')}`;
        event.run(`e-${c}-${e}`, id, e, day, Math.round(rand() * 900), JSON.stringify({ n: rand() }), e, e);
      }
      if (c % 3 === 0) photo.run(`p-${c}`, id, bytes(1000 + Math.floor(rand() * 9000)), bytes(300));
      audit.run(`a-${c}`, c, id);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

interface PageInfo {
  name: string;
  path: string;
  pageno: number;
  pagetype: string;
  ncell: number;
}

type Row = Record<string, unknown>;
const rowsOf = (db: Sqlite, table: string): Row[] =>
  db.prepare(`SELECT rowid AS __rowid, * FROM ${table} ORDER BY rowid`).all() as Row[];

/**
 * The rows (by rowid) of `table` that live on `damaged` pages, from dbstat's page map taken before the
 * damage: leaves in path order hold the rows in rowid order; a damaged interior page takes every leaf
 * below it; a damaged overflow page takes the one row whose cell it continues.
 */
function rowsOnPages(pages: PageInfo[], rows: Row[], table: string, damaged: Set<number>): Set<number> {
  const mine = pages.filter((p) => p.name === table);
  const leaves = mine.filter((p) => p.pagetype === 'leaf').sort((a, b) => (a.path < b.path ? -1 : 1));
  const lost = new Set<number>();
  let index = 0;
  const leafStart = new Map<string, number>();
  for (const leaf of leaves) {
    leafStart.set(leaf.path, index);
    index += leaf.ncell;
  }
  expect(index).toBe(rows.length);
  const take = (from: number, count: number): void => {
    for (let i = from; i < from + count; i++) lost.add(rows[i]?.__rowid as number);
  };
  for (const p of mine) {
    if (!damaged.has(p.pageno)) continue;
    if (p.pagetype === 'leaf') take(leafStart.get(p.path) as number, p.ncell);
    else if (p.pagetype === 'internal') {
      for (const leaf of leaves) if (leaf.path.startsWith(p.path)) take(leafStart.get(leaf.path) as number, leaf.ncell);
    } else if (p.pagetype === 'overflow') {
      // e.g. '/003/01a+000002': overflow page 2 of cell 0x01a of the leaf at '/003/'.
      const match = /^(.*\/)([0-9a-f]+)\+/.exec(p.path);
      if (!match) throw new Error(`unexpected overflow path ${p.path}`);
      const [, leafPath, cell] = match;
      take((leafStart.get(leafPath as string) as number) + Number.parseInt(cell as string, 16), 1);
    }
  }
  return lost;
}

function damage(file: string, pages: number[], rand: () => number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    for (const pgno of pages) {
      // 64 bytes somewhere inside the page, past the salt on page 1.
      const offset = pgno === 1 ? 200 + Math.floor(rand() * 3000) : Math.floor(rand() * (PAGE_SIZE - 64));
      fs.writeSync(fd, randomBytes(64), 0, 64, (pgno - 1) * PAGE_SIZE + offset);
    }
  } finally {
    fs.closeSync(fd);
  }
}

describe('salvageDatabase', () => {
  // Each seed draws its own damage: a few data, index or overflow pages, sometimes page 1 too.
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`keeps every row that is not on a damaged page (seed ${seed})`, async () => {
      const rand = mulberry32(seed);
      const dir = tempDir();
      const file = path.join(dir, 'bioai.db');
      const key = randomBytes(32);
      buildDatabase(file, key, rand);
      const before = openKeyed(file, key);
      const pages = before.prepare('SELECT name, path, pageno, pagetype, ncell FROM dbstat').all() as PageInfo[];
      const original = new Map(TABLES.map((t) => [t, rowsOf(before, t)]));
      before.close();
      // Damage only pages of the tables and indexes (the table of contents is the one part salvage
      // cannot do without; page 1 is repaired, see the seeds that include it).
      const candidates = pages.filter((p) => p.name !== 'sqlite_schema' && p.pageno > 1).map((p) => p.pageno);
      const count = 1 + Math.floor(rand() * 5);
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(candidates[Math.floor(rand() * candidates.length)] as number);
      if (seed % 2 === 0) chosen.add(1);
      // The first leaf of one table: the rows before any readable key are found by bisection too.
      const firstLeaf = pages
        .filter((p) => p.name === TABLES[seed % TABLES.length] && p.pagetype === 'leaf')
        .sort((a, b) => (a.path < b.path ? -1 : 1))[0];
      if (firstLeaf && firstLeaf.pageno > 1) chosen.add(firstLeaf.pageno);
      damage(file, [...chosen], rand);
      const originalBytes = fs.readFileSync(file);
      expect(damagedPages(file, key).damaged).toEqual([...chosen].sort((a, b) => a - b));

      const target = path.join(dir, 'salvage', 'bioai.db');
      const report = await salvageDatabase({ source: file, key, target });
      expect(report.repairedPageOne).toBe(chosen.has(1));
      // The damaged original is only read.
      expect(fs.readFileSync(file).equals(originalBytes)).toBe(true);

      const out = openKeyed(target, key);
      try {
        for (const table of TABLES) {
          const rows = original.get(table) as Row[];
          const lost = rowsOnPages(pages, rows, table, chosen);
          const salvaged = new Map(rowsOf(out, table).map((r) => [r.__rowid as number, r]));
          const kept = rows.filter((r) => !lost.has(r.__rowid as number));
          for (const row of kept)
            expect(salvaged.get(row.__rowid as number), `${table} rowid ${row.__rowid}`).toEqual(row);
          // Nothing made up: every salvaged row is an original row.
          const byRowid = new Map(rows.map((r) => [r.__rowid as number, r]));
          for (const [rowid, row] of salvaged) expect(row).toEqual(byRowid.get(rowid));
          const tableReport = report.tables.find((t) => t.table === table);
          expect(tableReport?.recovered).toBe(salvaged.size);
          // The estimate counts the rowids skipped; rows on a damaged end of the table are flagged instead.
          if (!tableReport?.tailLost) expect(tableReport?.lostEstimate).toBe(rows.length - salvaged.size);
        }
        expect(out.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        out.close();
      }
    });
  }

  it('says clearly when the table of contents itself is damaged, and changes nothing', async () => {
    const rand = mulberry32(99);
    const dir = tempDir();
    const file = path.join(dir, 'bioai.db');
    const key = randomBytes(32);
    buildDatabase(file, key, rand);
    const before = openKeyed(file, key);
    const schemaPage = before
      .prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1 LIMIT 1")
      .pluck()
      .get() as number;
    before.close();
    damage(file, [schemaPage], rand);
    const bytes = fs.readFileSync(file);
    const target = path.join(dir, 'salvage', 'bioai.db');
    await expect(salvageDatabase({ source: file, key, target })).rejects.toThrow(/table of contents/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // The key is still recognised as this file's (the other pages authenticate).
    expect(keyMatchesFile(file, key)).toBe('match');
    expect(keyMatchesFile(file, randomBytes(32))).toBe('mismatch');
  });
});
