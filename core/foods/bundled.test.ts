import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/open.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { defaultBundledFoodsFile, ensureBundledFoods } from './bundled.ts';

// A real SQLCipher database with the app's migrations, opened directly rather than through a whole
// core: unlocking a core may load the bundled table itself, and this test is about that load.
const open: OpenedDatabase[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.sqlite.close();
});
function freshDatabase(): OpenedDatabase {
  const opened = openDatabase({ file: path.join(tempDir(), 'bioai.db'), key: randomBytes(32), create: true });
  open.push(opened);
  return opened;
}

/** The counts scripts/build-foods.ts reported (resources/foods/PROVENANCE.md). */
const SR28_FOODS = 8789;
const SR28_PORTIONS = 14849;

describe('ensureBundledFoods', () => {
  it('loads the SR28 table once, with banana values and measures', () => {
    const opened = freshDatabase();
    const first = ensureBundledFoods(opened, 1000);
    expect(first).toEqual({ loaded: true, foods: SR28_FOODS });
    // Its speed is measured in bench/foods-log.bench.ts ("First unlock"), not asserted here: a timed
    // assertion fails at random on a shared machine.

    const { sqlite } = opened;
    const count = (q: string): number => (sqlite.prepare(q).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM foods WHERE source = 'usda-sr28'`)).toBe(SR28_FOODS);
    expect(count(`SELECT count(*) AS n FROM food_portions`)).toBe(SR28_PORTIONS);
    // The FTS triggers indexed every food.
    expect(count(`SELECT count(*) AS n FROM foods_fts WHERE foods_fts MATCH 'banana*'`)).toBeGreaterThan(10);

    const banana = sqlite.prepare(`SELECT * FROM foods WHERE id = 'usda:09040'`).get() as Record<string, unknown>;
    expect(banana).toMatchObject({ name: 'Bananas, raw', food_group: 'Fruits and Fruit Juices', source_id: '09040' });
    const n = JSON.parse(banana.nutrients as string) as Record<string, number>;
    expect(n).toMatchObject({ energyKcal: 89, fibreG: 2.6, proteinG: 1.09, potassiumMg: 358, sugarG: 12.23 });
    expect(n).not.toHaveProperty('addedSugarG'); // not in SR28: unknown, not zero

    // A value SR28 leaves blank stays unknown (absent), never 0: every food's stored keys are exactly
    // its non-null values in the file.
    const file = JSON.parse(gunzipSync(fs.readFileSync(defaultBundledFoodsFile())).toString('utf8')) as {
      nutrients: string[];
      foods: [string, string, string, (number | null)[]][];
    };
    const known = file.foods.reduce((sum, f) => sum + f[3].filter((v) => v !== null).length, 0);
    const blanks = file.foods.reduce((sum, f) => sum + f[3].filter((v) => v === null).length, 0);
    expect(blanks).toBeGreaterThan(1000);
    const stored = sqlite.prepare(`SELECT sum((SELECT count(*) FROM json_each(nutrients))) AS n FROM foods`).get() as {
      n: number;
    };
    expect(stored.n).toBe(known);
    const portions = sqlite
      .prepare(`SELECT id, unit, grams FROM food_portions WHERE food_id = 'usda:09040' ORDER BY seq`)
      .all();
    expect(portions).toContainEqual({ id: 'usda:09040:5', unit: 'medium (7" to 7-7/8" long)', grams: 118 });

    const ds = sqlite.prepare(`SELECT * FROM food_datasets WHERE id = 'usda-sr28'`).get() as Record<string, unknown>;
    expect(ds.food_count).toBe(SR28_FOODS);
    expect(ds.citation).toMatch(/Standard Reference, Release 28/);

    // Idempotent: the second call at the same version does nothing.
    expect(ensureBundledFoods(opened, 2000)).toEqual({ loaded: false, foods: SR28_FOODS });
    expect(count(`SELECT count(*) AS n FROM foods`)).toBe(SR28_FOODS);
    expect(count(`SELECT count(*) AS n FROM food_portions`)).toBe(SR28_PORTIONS);
    expect(count(`SELECT max(updated_at) AS n FROM foods`)).toBe(1000);
  });

  it('skips reading a file whose size and modification time match the loaded version, reads it when they change', () => {
    const opened = freshDatabase();
    const copy = path.join(tempDir(), 'foods.json.gz');
    fs.copyFileSync(defaultBundledFoodsFile(), copy);
    const when = new Date('2026-01-01T00:00:00Z');
    fs.utimesSync(copy, when, when);
    expect(ensureBundledFoods(opened, 1000, copy)).toEqual({ loaded: true, foods: SR28_FOODS });
    // Same size and time, other bytes: not read, so not refused.
    fs.writeFileSync(copy, Buffer.alloc(fs.statSync(copy).size, 0x20));
    fs.utimesSync(copy, when, when);
    expect(ensureBundledFoods(opened, 2000, copy)).toEqual({ loaded: false, foods: SR28_FOODS });
    // A new modification time: read and hashed again, and this content is no foods file.
    const later = new Date('2026-01-02T00:00:00Z');
    fs.utimesSync(copy, later, later);
    expect(() => ensureBundledFoods(opened, 3000, copy)).toThrow();
    // The real file under a new time: the same hash, nothing reloaded.
    fs.copyFileSync(defaultBundledFoodsFile(), copy);
    expect(ensureBundledFoods(opened, 4000, copy)).toEqual({ loaded: false, foods: SR28_FOODS });
  });

  it('carries SR24 caffeine and alcohol, and gives them to a database loaded from the table without them', () => {
    const opened = freshDatabase();
    // The table as it was before caffeine and alcohol were added: the same file less those two nutrients.
    const data = JSON.parse(gunzipSync(fs.readFileSync(defaultBundledFoodsFile())).toString('utf8')) as {
      nutrients: string[];
      foods: [string, string, string, (number | null)[]][];
    };
    const keep = data.nutrients.map((k) => k !== 'caffeineMg' && k !== 'alcoholG');
    expect(keep.filter((k) => !k)).toHaveLength(2);
    const old = {
      ...data,
      nutrients: data.nutrients.filter((_, i) => keep[i]),
      foods: data.foods.map(([ndb, name, group, values]) => [ndb, name, group, values.filter((_, i) => keep[i])]),
    };
    const oldFile = path.join(tempDir(), 'old.json.gz');
    fs.writeFileSync(oldFile, gzipSync(JSON.stringify(old)));
    ensureBundledFoods(opened, 1000, oldFile);
    const { sqlite } = opened;
    const nutrientsOf = (id: string): Record<string, number> =>
      JSON.parse(
        (sqlite.prepare('SELECT nutrients FROM foods WHERE id = ?').get(id) as { nutrients: string }).nutrients,
      );
    expect(nutrientsOf('usda:14209')).not.toHaveProperty('caffeineMg');

    // The next unlock with the app's file reloads it (its hash differs) and the values arrive.
    expect(ensureBundledFoods(opened, 2000)).toEqual({ loaded: true, foods: SR28_FOODS });
    // USDA SR24 per 100 g: brewed coffee 40 mg caffeine, no alcohol; regular beer 3.9 g alcohol, no
    // caffeine; red table wine 10.6 g alcohol; brewed black tea 20 mg caffeine.
    expect(nutrientsOf('usda:14209')).toMatchObject({ caffeineMg: 40, alcoholG: 0, energyKcal: 1 });
    expect(nutrientsOf('usda:14003')).toMatchObject({ alcoholG: 3.9, caffeineMg: 0 });
    expect(nutrientsOf('usda:14096')).toMatchObject({ alcoholG: 10.6, caffeineMg: 0 });
    expect(nutrientsOf('usda:14355')).toMatchObject({ caffeineMg: 20 });
    // Dark chocolate was analysed for caffeine but not for alcohol: unknown, not zero.
    expect(nutrientsOf('usda:19904')).toMatchObject({ caffeineMg: 80 });
    expect(nutrientsOf('usda:19904')).not.toHaveProperty('alcoholG');
    const withCaffeine = sqlite
      .prepare(`SELECT count(*) AS n FROM foods WHERE json_extract(nutrients, '$.caffeineMg') IS NOT NULL`)
      .get() as { n: number };
    expect(withCaffeine.n).toBe(data.foods.filter((f) => f[3][data.nutrients.indexOf('caffeineMg')] !== null).length);
  });

  it('reloads a changed file in place and soft-deletes foods it no longer has', () => {
    const opened = freshDatabase();
    ensureBundledFoods(opened, 1000);

    const data = JSON.parse(gunzipSync(fs.readFileSync(defaultBundledFoodsFile())).toString('utf8')) as {
      foods: [string, string, string, (number | null)[]][];
    };
    data.foods = data.foods.filter((f) => f[0] !== '01001');
    const changed = path.join(tempDir(), 'changed.json.gz');
    fs.writeFileSync(changed, gzipSync(JSON.stringify(data)));

    expect(ensureBundledFoods(opened, 3000, changed)).toEqual({ loaded: true, foods: SR28_FOODS - 1 });
    const { sqlite } = opened;
    const butter = sqlite.prepare(`SELECT deleted_at AS d, created_at AS c FROM foods WHERE id = 'usda:01001'`).get();
    expect(butter).toEqual({ d: 3000, c: 1000 });
    const portions = (sqlite.prepare(`SELECT count(*) AS n FROM food_portions`).get() as { n: number }).n;
    expect(portions).toBe(SR28_PORTIONS);
  });
});
