import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/open.ts';
import { ensureBundledFoods } from './bundled.ts';
import { SEARCH_QUALITY_SET } from './search-quality-set.ts';
import { searchQuality } from './search-quality.ts';

// The everyday searches of search-quality-set.ts against the real bundled SR28 table in a real
// SQLCipher file. The floors sit just under what the ranking achieves (top-1 68.2 %, top-3 86.9 %
// of 245 searches); the ranking before the food-as-eaten rules and synonyms scored 29.0 % / 46.9 %.
const TOP1_FLOOR = 0.66;
const TOP3_FLOOR = 0.85;

let dir: string;
let opened: OpenedDatabase;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-search-quality-'));
  opened = openDatabase({ file: path.join(dir, 'bioai.db'), key: randomBytes(32), create: true });
  ensureBundledFoods(opened, 1000);
});
afterAll(() => {
  opened.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('search quality on everyday searches', () => {
  it('holds at least 150 searches, each naming foods that exist in the bundled table', () => {
    expect(SEARCH_QUALITY_SET.length).toBeGreaterThanOrEqual(150);
    const byId = opened.sqlite.prepare('SELECT name FROM foods WHERE id = ?');
    for (const c of SEARCH_QUALITY_SET) {
      expect(c.foods.length, c.q).toBeGreaterThan(0);
      for (const [ndb, name] of c.foods)
        expect((byId.get(`usda:${ndb}`) as { name: string } | undefined)?.name).toBe(name);
    }
  });

  it('finds the meant food first and within the first three at least as often as the floors', () => {
    const r = searchQuality(opened.sqlite);
    const summary = `top-1 ${(r.top1 * 100).toFixed(1)} %, top-3 ${(r.top3 * 100).toFixed(1)} % of ${r.cases}`;
    expect(r.top1, summary).toBeGreaterThanOrEqual(TOP1_FLOOR);
    expect(r.top3, summary).toBeGreaterThanOrEqual(TOP3_FLOOR);
  });
});
