import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Db, Sqlite } from '../db/open.ts';
import { deriveAllergens } from './allergen-table.ts';
import { NUTRIENT_KEYS, type NutrientKey } from './nutrients.ts';

/**
 * Loads the bundled USDA SR28 table (resources/foods/usda-sr28.json.gz, built by
 * scripts/build-foods.ts; sources and citation in resources/foods/PROVENANCE.md) into the foods,
 * food_portions and food_datasets tables of an unlocked database.
 */

export const BUNDLED_DATASET_ID = 'usda-sr28';
export const BUNDLED_SOURCE = 'usda-sr28';
/** The settings row that remembers which file (size, modification time) the loaded version came from. */
const STAMP_SETTING = 'foods.bundledFileStamp';

/** The file beside the repository's resources folder; Electron passes its own resources path. */
export function defaultBundledFoodsFile(): string {
  return fileURLToPath(new URL('../../resources/foods/usda-sr28.json.gz', import.meta.url));
}

interface BundledFoodsFile {
  format: string;
  version: number;
  dataset: { name: string; citation: string; source: string; license: string };
  nutrients: string[];
  foods: [string, string, string, (number | null)[]][];
  portions: Record<string, [number, string, number][]>;
}

/** 'usda:09040' for NDB number 09040 (the form core/contract/foods.ts FoodId accepts). */
export function bundledFoodId(ndb: string): string {
  return `usda:${ndb}`;
}

/** The content hash is the version: a rebuilt file (new measures, corrected values) reloads by itself. */
function fileVersion(gz: Buffer): string {
  return `1:${createHash('sha256').update(gz).digest('hex').slice(0, 16)}`;
}

function parseFile(gz: Buffer, file: string): BundledFoodsFile {
  const data = JSON.parse(gunzipSync(gz).toString('utf8')) as BundledFoodsFile;
  if (data.format !== 'bioai-foods' || data.version !== 1 || !Array.isArray(data.foods)) {
    throw new Error(`${file} is not a bioai-foods version 1 file`);
  }
  return data;
}

/**
 * Makes sure the bundled foods are in the database at this file's version; loads them if not, in one
 * transaction (foods, portions and the food_datasets row together, so a crash leaves no half table).
 * A reload (a newer file) updates rows in place, so events and recipes that point at 'usda:…' ids
 * keep working; foods no longer in the file are soft-deleted. Returns whether it loaded and the count.
 */
export function ensureBundledFoods(
  opened: { sqlite: Sqlite; db: Db },
  now: number,
  file: string = defaultBundledFoodsFile(),
): { loaded: boolean; foods: number } {
  const { sqlite } = opened;
  const existing = sqlite
    .prepare('SELECT version, food_count AS foodCount FROM food_datasets WHERE id = ?')
    .get(BUNDLED_DATASET_ID) as { version: string | null; foodCount: number } | undefined;
  // The file's size and modification time stand for its content hash while they stay the same, so an
  // unlock does not read and hash the whole file each time; any change to the file hashes it again.
  const st = fs.statSync(file);
  const stamp = `${st.size}:${st.mtimeMs}:${existing?.version ?? ''}`;
  const seen = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(STAMP_SETTING) as
    { value: string } | undefined;
  if (existing?.version && seen?.value === JSON.stringify(stamp)) return { loaded: false, foods: existing.foodCount };
  const gz = fs.readFileSync(file);
  const version = fileVersion(gz);
  const saveStamp = (v: string): void => {
    sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(STAMP_SETTING, JSON.stringify(`${st.size}:${st.mtimeMs}:${v}`), now);
  };
  if (existing?.version === version) {
    try {
      saveStamp(version);
    } catch {
      // Only a shortcut for the next unlock: a store that cannot take the write reads the file again then.
    }
    return { loaded: false, foods: existing.foodCount };
  }
  const data = parseFile(gz, file);

  const keys = data.nutrients.map((k) =>
    (NUTRIENT_KEYS as readonly string[]).includes(k) ? (k as NutrientKey) : null,
  );
  // created_at is kept on reload; name, group, nutrients and the allergen flags derived from the name
  // and group (core/foods/allergen-table.ts) follow the file.
  const upsertFood = sqlite.prepare(
    `INSERT INTO foods (id, source, source_id, dataset_id, name, food_group, brand, nutrients, servings, final_weight_g, allergens, created_at, updated_at, deleted_at)
     VALUES (?, '${BUNDLED_SOURCE}', ?, '${BUNDLED_DATASET_ID}', ?, ?, NULL, ?, NULL, NULL, ?, ?, ?, NULL)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, food_group = excluded.food_group, nutrients = excluded.nutrients,
       allergens = excluded.allergens, source_id = excluded.source_id, updated_at = excluded.updated_at, deleted_at = NULL`,
  );
  const insertPortion = sqlite.prepare(
    'INSERT INTO food_portions (id, food_id, seq, amount, unit, grams) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // On a reload each food's measures are replaced; a food the new file drops keeps its old ones.
  const clearPortions = existing ? sqlite.prepare('DELETE FROM food_portions WHERE food_id = ?') : null;

  const load = sqlite.transaction(() => {
    const ids = new Set<string>();
    for (const [ndb, name, group, values] of data.foods) {
      const nutrients: Record<string, number> = {};
      values.forEach((v, i) => {
        const key = keys[i];
        // Only known values are stored: an absent key means "not analysed", never zero.
        if (key && typeof v === 'number' && Number.isFinite(v)) nutrients[key] = v;
      });
      const id = bundledFoodId(ndb);
      ids.add(id);
      const allergens = JSON.stringify(deriveAllergens({ name, foodGroup: group }));
      upsertFood.run(id, ndb, name, group, JSON.stringify(nutrients), allergens, now, now);
      clearPortions?.run(id);
      (data.portions[ndb] ?? []).forEach(([amount, unit, grams], i) => {
        insertPortion.run(`${id}:${i + 1}`, id, i + 1, amount, unit, grams);
      });
    }
    if (existing) {
      const stale = sqlite
        .prepare('SELECT id FROM foods WHERE dataset_id = ? AND deleted_at IS NULL')
        .all(BUNDLED_DATASET_ID) as { id: string }[];
      const drop = sqlite.prepare('UPDATE foods SET deleted_at = ?, updated_at = ? WHERE id = ?');
      for (const { id } of stale) if (!ids.has(id)) drop.run(now, now, id);
    }
    sqlite
      .prepare(
        `INSERT INTO food_datasets (id, name, format, file_name, citation, version, food_count, imported_at)
         VALUES (?, ?, 'bundled', ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, file_name = excluded.file_name, citation = excluded.citation,
           version = excluded.version, food_count = excluded.food_count, imported_at = excluded.imported_at`,
      )
      .run(
        BUNDLED_DATASET_ID,
        data.dataset.name,
        'usda-sr28.json.gz',
        data.dataset.citation,
        version,
        data.foods.length,
        now,
      );
    saveStamp(version);
  });
  load();
  // Thousands of inserts leave the search index in many small segments; merged into one, a short
  // prefix typed ("ch") reads one doclist instead of a hundred (about 10 % off every search).
  sqlite.exec("INSERT INTO foods_fts(foods_fts) VALUES ('optimize')");
  return { loaded: true, foods: data.foods.length };
}
