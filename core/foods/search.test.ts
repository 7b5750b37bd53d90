import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/open.ts';
import { events, foods } from '../db/schema.ts';
import { insertClientRow } from '../test-utils/clients.ts';
import { ensureBundledFoods } from './bundled.ts';
import { ftsQuery, queryVariants, searchFoods, searchWords, stem } from './search.ts';

// One real SQLCipher database with the bundled SR28 table for the whole file (loading takes ~0.4 s);
// the tests only read it, apart from rows with ids of their own.
let dir: string;
let opened: OpenedDatabase;
const key = randomBytes(32);
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-search-'));
  opened = openDatabase({ file: path.join(dir, 'bioai.db'), key, create: true });
  ensureBundledFoods(opened, 1000);
});
afterAll(() => {
  opened.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (query: string, clientId?: string, limit = 10) => searchFoods(opened.sqlite, { query, clientId, limit });
const names = (query: string, limit = 10): string[] => search(query, undefined, limit).map((h) => h.name);

describe('searchFoods ranking on the bundled table', () => {
  it('puts "Bananas, raw" first for "banana", with its energy', () => {
    const [first] = search('banana');
    expect(first).toEqual({
      id: 'usda:09040',
      name: 'Bananas, raw',
      foodGroup: 'Fruits and Fruit Juices',
      source: 'usda-sr28',
      energyKcalPer100g: 89,
      recent: false,
      allergens: [],
      score: expect.any(Number),
    });
    // Baby foods and branded products do contain bananas, but are not what "banana" means.
    expect(search('banana', undefined, 5).map((h) => h.foodGroup)).not.toContain('Baby Foods');
  });

  it('finds whole milk for "milk whole" and chicken for the prefix "chick"', () => {
    expect(names('milk whole')[0]).toMatch(/^Milk, whole\b/);
    const chick = names('chick');
    expect(chick[0]).toMatch(/^Chicken\b/);
    expect(chick.every((n) => /chick/i.test(n))).toBe(true);
    expect(names('chicken breast')[0]).toMatch(/^Chicken, .*breast/);
  });

  it('ranks the food named first and plain foods over words deep in other names', () => {
    expect(names('apple')[0]).toMatch(/^Apples, raw/);
    expect(names('coffee')[0]).toMatch(/^Beverages, coffee/);
    expect(names('olive oil')[0]).toBe('Oil, olive, salad or cooking');
    expect(names('salmon')[0]).toMatch(/^Fish, salmon, .*cooked/);
  });

  it('folds diacritics: "crème" finds what "creme" finds', () => {
    const a = search('crème').map((h) => h.id);
    expect(a.length).toBeGreaterThan(3);
    expect(a).toEqual(search('creme').map((h) => h.id));
  });

  it('needs every word to match', () => {
    expect(names('banana raw', 50).every((n) => /banana/i.test(n) && /\braw\b/i.test(n))).toBe(true);
    expect(search('banana zzzqqq')).toEqual([]);
  });

  it.each(['"', 'AND OR (', '-', ':', 'name:banana', 'NEAR(a b', '*', "'", 'banana"', ') OR 1=1 --', '^', '{name}'])(
    'never throws on odd input %j',
    (q) => {
      expect(() => search(q)).not.toThrow();
    },
  );

  it('quotes every word so operators and column filters stay words', () => {
    expect(searchWords('Name:Crème  brûlée -AND "x"')).toEqual(['name', 'creme', 'brulee', 'and', 'x']);
    expect(ftsQuery(['and', 'or'])).toBe('"and"* "or"*');
    expect(search('and or').length).toBeGreaterThan(0);
  });
});

describe('foods as eaten, everyday names', () => {
  it('means cooked oats by oatmeal and porridge, not oatmeal cookies or baby cereal', () => {
    for (const q of ['oatmeal', 'porridge']) {
      const [first] = names(q, 1);
      expect(first, q).toMatch(/^Cereals, oats, .*(cooked|prepared) with water/);
    }
  });

  it('puts soymilk first for "soy milk" and "soya milk", not imitation milk', () => {
    expect(names('soy milk')[0]).toMatch(/^Soymilk, original/);
    expect(names('soya milk')[0]).toMatch(/^Soymilk\b/);
  });

  it('lists cooked before raw for rice, fish, meat and eggs, unless the search says raw', () => {
    expect(names('brown rice')[0]).toMatch(/^Rice, brown, .*cooked/);
    expect(names('salmon')[0]).toMatch(/^Fish, salmon, .*cooked/);
    expect(names('chicken breast')[0]).toMatch(/^Chicken, .*breast.*cooked/);
    expect(names('scrambled eggs')[0]).toBe('Egg, whole, cooked, scrambled');
    expect(names('salmon raw')[0]).toMatch(/^Fish, salmon, .*raw/);
  });

  it('puts brewed coffee and tea before instant powders and chicory', () => {
    expect(names('coffee')[0]).toMatch(/^Beverages, coffee, brewed/);
    expect(names('coffee', 3).some((n) => /instant|chicory|powder/.test(n))).toBe(false);
    expect(names('tea')[0]).toMatch(/^Beverages, tea, .*brewed/);
  });

  it('reads British names: courgette, aubergine, semi-skimmed milk, wholemeal bread, crisps, mince', () => {
    expect(names('courgette')[0]).toMatch(/zucchini/i);
    expect(names('aubergine')[0]).toMatch(/^Eggplant/);
    expect(names('semi-skimmed milk')[0]).toMatch(/^Milk, reduced fat, fluid, 2% milkfat/);
    expect(names('wholemeal bread', 3)).toContain('Bread, whole-wheat, commercially prepared');
    expect(names('crisps')[0]).toMatch(/^Snacks, potato chips/);
    expect(names('mince')[0]).toMatch(/^Beef, ground, .*cooked/);
  });

  it('finds singulars from plurals and common misspellings', () => {
    expect(names('eggs')[0]).toMatch(/^Egg, whole/);
    expect(names('brocoli')[0]).toMatch(/^Broccoli\b/);
    expect(names('strawberry')[0]).toBe('Strawberries, raw');
    expect(stem('berries')).toBe('berr');
    expect(stem('tomatoes')).toBe('tomato');
    expect(stem('hummus')).toBe('hummus');
  });

  it('rewrites a phrase with the longest synonym and keeps the typed words as the first variant', () => {
    expect(queryVariants(['potato', 'chips'])).toEqual([['potato', 'chip']]);
    expect(queryVariants(['porridge'])).toEqual([['porridge'], ['oat', 'cooked'], ['oat', 'prepared', 'water']]);
  });
});

describe('searchFoods and the client', () => {
  const clientId = '0190a000-0000-7000-8000-00000000c001';
  beforeAll(() => {
    const { db } = opened;
    insertClientRow(db, clientId, 'Test Client');
    const entry = (id: string, foodId: string, at: number, deletedAt: number | null = null) =>
      db
        .insert(events)
        .values({
          id,
          clientId,
          kind: 'diet',
          occurredAt: at,
          localDate: '2026-03-01',
          source: 'manual',
          foodId,
          detail: { grams: 100 },
          createdAt: at,
          updatedAt: at,
          deletedAt,
        })
        .run();
    entry('0190a000-0000-7000-8000-0000000e0001', 'usda:09041', 5000); // Bananas, dehydrated
    entry('0190a000-0000-7000-8000-0000000e0002', 'usda:19400', 6000); // Snacks, banana chips
    entry('0190a000-0000-7000-8000-0000000e0003', 'usda:09003', 7000, 8000); // Apples (entry deleted)
  });

  it("ranks the client's foods first, most recent first", () => {
    const hits = search('banana', clientId);
    expect(hits.slice(0, 3).map((h) => [h.id, h.recent])).toEqual([
      ['usda:19400', true],
      ['usda:09041', true],
      ['usda:09040', false],
    ]);
    // Another client (or none) sees the plain ranking.
    expect(search('banana')[0]?.id).toBe('usda:09040');
  });

  it("finds the client's food for a short prefix even when hundreds of foods match it better", () => {
    // The food bm25 ranks last of everything "ba" matches is far outside the foods ranked in full.
    const last = opened.sqlite
      .prepare(
        `SELECT f.id FROM foods_fts JOIN foods f ON f.rowid = foods_fts.rowid
           WHERE foods_fts MATCH '"ba"*' ORDER BY bm25(foods_fts, 10.0, 1.0) DESC LIMIT 1`,
      )
      .get() as { id: string };
    expect(search('ba', undefined, 1000).map((h) => h.id)).not.toContain(last.id);
    const third = '0190a000-0000-7000-8000-00000000c003';
    insertClientRow(opened.db, third, 'Third Client');
    opened.db
      .insert(events)
      .values({
        id: '0190a000-0000-7000-8000-0000000e2001',
        clientId: third,
        kind: 'diet',
        occurredAt: 1000,
        localDate: '1970-01-01',
        source: 'manual',
        foodId: last.id,
        detail: { grams: 100 },
        createdAt: 1000,
        updatedAt: 1000,
      })
      .run();
    expect(search('ba', third, 5)[0]).toMatchObject({ id: last.id, recent: true });
  });

  it("lists the client's recent foods for an empty query, and nothing without a client", () => {
    expect(search('', clientId).map((h) => h.id)).toEqual(['usda:19400', 'usda:09041']);
    expect(search('  ', clientId, 1).map((h) => h.id)).toEqual(['usda:19400']);
    expect(search('')).toEqual([]);
    expect(search('"', clientId).length).toBe(2);
  });

  it("orders the client's foods by recent and frequent use: a daily food outranks one eaten once lately", () => {
    const other = '0190a000-0000-7000-8000-00000000c002';
    insertClientRow(opened.db, other, 'Second Client');
    const day = 86_400_000;
    const t0 = Date.UTC(2026, 2, 1);
    let n = 0;
    const log = (foodId: string, at: number) =>
      opened.db
        .insert(events)
        .values({
          id: `0190a000-0000-7000-8000-0000000e1${String(n++).padStart(3, '0')}`,
          clientId: other,
          kind: 'diet',
          occurredAt: at,
          localDate: new Date(at).toISOString().slice(0, 10),
          source: 'manual',
          foodId,
          detail: { grams: 100 },
          createdAt: at,
          updatedAt: at,
        })
        .run();
    // Dehydrated bananas every day for the ten days before; banana chips once, on the latest day.
    for (let d = 1; d <= 10; d++) log('usda:09041', t0 - d * day);
    log('usda:19400', t0);
    // A habit of a year before fades below both.
    for (let d = 0; d < 20; d++) log('usda:09040', t0 - (365 + d) * day);
    expect(search('banana', other, 3).map((h) => [h.id, h.recent])).toEqual([
      ['usda:09041', true],
      ['usda:19400', true],
      ['usda:09040', true],
    ]);
    expect(search('', other).map((h) => h.id)).toEqual(['usda:09041', 'usda:19400', 'usda:09040']);
  });

  it('sees a food logged or starred for the client at once, by this connection or another one', () => {
    // What the client's search puts first is kept between keystrokes; any write must show at once.
    const other = '0190a000-0000-7000-8000-00000000c0c2';
    insertClientRow(opened.db, other, 'Cache Client');
    const first = () => search('chee', other)[0];
    expect(first()?.recent).toBe(false);
    const log = (sqlite: typeof opened.sqlite, id: string, foodId: string, at: number) =>
      sqlite
        .prepare(
          `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, food_id, detail, created_at, updated_at)
           VALUES (?, ?, 'diet', ?, '2026-03-02', 'manual', ?, '{}', ?, ?)`,
        )
        .run(id, other, at, foodId, at, at);
    log(opened.sqlite, '0190a000-0000-7000-8000-0000000e00c1', 'usda:01009', 9000); // Cheese, cheddar
    expect([first()?.id, first()?.recent]).toEqual(['usda:01009', true]);
    // Written through a second connection to the same file (as another window or process would).
    const second = openDatabase({ file: path.join(dir, 'bioai.db'), key, create: false });
    try {
      log(second.sqlite, '0190a000-0000-7000-8000-0000000e00c2', 'usda:01026', 9500); // Cheese, mozzarella
      second.sqlite
        .prepare(
          `INSERT INTO client_favourites (id, client_id, food_id, created_at, updated_at) VALUES (?, ?, 'usda:01040', 1, 1)`,
        )
        .run('0190a000-0000-7000-8000-0000000f00c3', other); // Cheese, swiss
    } finally {
      second.sqlite.close();
    }
    expect(
      search('chee', other)
        .slice(0, 3)
        .map((h) => [h.id, h.favourite ?? false]),
    ).toEqual([
      ['usda:01040', true],
      ['usda:01026', false],
      ['usda:01009', false],
    ]);
  });

  it('never returns soft-deleted foods', () => {
    const id = '0190a000-0000-7000-8000-0000000f0001';
    opened.db
      .insert(foods)
      .values({ id, source: 'custom', name: 'Bananas, grandma style', nutrients: {}, createdAt: 1, updatedAt: 1 })
      .run();
    expect(search('bananas grandma').map((h) => h.id)).toEqual([id]);
    opened.sqlite.prepare('UPDATE foods SET deleted_at = 2 WHERE id = ?').run(id);
    expect(search('bananas grandma')).toEqual([]);
  });

  it('answers a one- or two-letter search from the current foods after any write to foods or measures', () => {
    // Broad prefixes keep their candidates between keystrokes; every kind of write must show at once.
    const id = '0190a000-0000-7000-8000-0000000f0002';
    const ids = (q: string) => search(q, undefined, 100).map((h) => h.id);
    expect(ids('zq')).toEqual([]);
    expect(ids('zq')).toEqual([]); // kept
    opened.db
      .insert(foods)
      .values({ id, source: 'custom', name: 'Zq', nutrients: {}, createdAt: 1, updatedAt: 1 })
      .run();
    expect(ids('zq')).toEqual([id]);
    expect(ids('z')).toContain(id);
    // A rename made with raw SQL (as sync and imports write) is seen, and so is a soft delete.
    opened.sqlite.prepare("UPDATE foods SET name = 'Zx' WHERE id = ?").run(id);
    expect(ids('zq')).toEqual([]);
    expect(ids('zx')).toEqual([id]);
    opened.sqlite.prepare('UPDATE foods SET deleted_at = 3 WHERE id = ?').run(id);
    expect(ids('zx')).toEqual([]);
    // A measure added to a food is counted in the ranking at once (household measures mark common foods).
    const before = search('ba', undefined, 100).find((h) => h.id === 'usda:09040')?.score;
    const generation = () => opened.sqlite.prepare('SELECT n FROM foods_generation').pluck().get() as number;
    const g0 = generation();
    opened.sqlite
      .prepare(
        "INSERT INTO food_portions (id, food_id, seq, amount, unit, grams) VALUES ('t:1', 'usda:09040', 99, 1, 'scoop', 50)",
      )
      .run();
    expect(generation()).toBe(g0 + 1);
    opened.sqlite.prepare("DELETE FROM food_portions WHERE id = 't:1'").run();
    expect(generation()).toBe(g0 + 2);
    expect(search('ba', undefined, 100).find((h) => h.id === 'usda:09040')?.score).toBe(before);
  });
});
