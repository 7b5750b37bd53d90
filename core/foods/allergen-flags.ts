import { createHash } from 'node:crypto';
import { ALLERGENS, type Allergen } from '../contract/common.ts';
import type { Sqlite } from '../db/open.ts';
import { ALLERGEN_TABLE, deriveAllergens } from './allergen-table.ts';

/**
 * Keeps foods.allergens filled: derived by the keyword table for the foods nobody labelled (the bundled
 * SR28 table, FoodData Central and CSV imports), the union of the ingredients for recipes, and as the
 * practitioner set them for custom foods (never overwritten here).
 */

/** Sources whose flags come from the keyword table. */
export const DERIVED_SOURCES = ['usda-sr28', 'fdc', 'csv'] as const;

/** Bump when deriveAllergens() changes without a change to ALLERGEN_TABLE (the table itself is hashed). */
const DERIVE_CODE_VERSION = 1;

/**
 * The version the derived flags were computed with: a change to the keyword table (or to the code that
 * reads it) refills every derived food at the next unlock, so no database keeps flags from an older table.
 */
export const ALLERGEN_FLAGS_VERSION = `${DERIVE_CODE_VERSION}:${createHash('sha256')
  .update(JSON.stringify(ALLERGEN_TABLE))
  .digest('hex')
  .slice(0, 16)}`;

/** The settings row (a local key, not synced) holding the version the derived flags were filled with. */
export const ALLERGEN_FLAGS_SETTING = 'foods.allergenFlagsVersion';

/** Allergen ids in ALLERGENS order, without duplicates or unknown strings. */
export function sortAllergens(list: Iterable<string>): Allergen[] {
  const set = new Set(list);
  return ALLERGENS.filter((a) => set.has(a));
}

export function parseAllergens(json: string | null | undefined): Allergen[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? sortAllergens(v.filter((x): x is string => typeof x === 'string')) : [];
  } catch {
    return [];
  }
}

/**
 * A recipe's allergens: the union of its ingredients' flags, a recipe ingredient read through its own
 * ingredients (a recipe cannot contain itself: foods-service refuses the cycle; `seen` guards anyway).
 */
export function recipeAllergenUnion(sqlite: Sqlite, recipeId: string, seen: Set<string> = new Set()): Allergen[] {
  if (seen.has(recipeId)) return [];
  seen.add(recipeId);
  const rows = sqlite
    .prepare(
      `SELECT f.id, f.source, f.allergens FROM recipe_ingredients ri JOIN foods f ON f.id = ri.food_id WHERE ri.recipe_id = ?`,
    )
    .all(recipeId) as { id: string; source: string; allergens: string }[];
  const out = new Set<string>();
  for (const r of rows) {
    for (const a of parseAllergens(r.allergens)) out.add(a);
    if (r.source === 'recipe') for (const a of recipeAllergenUnion(sqlite, r.id, seen)) out.add(a);
  }
  return sortAllergens(out);
}

/**
 * Recomputes the stored flags of the recipes that contain any of `foodIds` (at any depth), or of every
 * recipe when `foodIds` is null. A changed recipe gets a new updated_at, so sync sends its new flags.
 * Returns how many changed.
 */
export function refreshRecipeAllergens(sqlite: Sqlite, now: number, foodIds: readonly string[] | null): number {
  let targets: string[];
  if (foodIds === null) {
    targets = (sqlite.prepare(`SELECT id FROM foods WHERE source = 'recipe'`).all() as { id: string }[]).map(
      (r) => r.id,
    );
  } else {
    // The recipes above these foods, nearest first, found through recipe_ingredients.
    const found = new Set<string>();
    let frontier = [...foodIds];
    const parents = sqlite.prepare('SELECT DISTINCT recipe_id AS id FROM recipe_ingredients WHERE food_id = ?');
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const { id: parent } of parents.all(id) as { id: string }[]) {
          if (!found.has(parent)) {
            found.add(parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    targets = [...found];
  }
  const read = sqlite.prepare('SELECT allergens, updated_at AS updatedAt FROM foods WHERE id = ?');
  const write = sqlite.prepare('UPDATE foods SET allergens = ?, updated_at = ? WHERE id = ?');
  let changed = 0;
  for (const id of targets) {
    const row = read.get(id) as { allergens: string; updatedAt: number } | undefined;
    if (!row) continue;
    const next = JSON.stringify(recipeAllergenUnion(sqlite, id));
    if (next === JSON.stringify(parseAllergens(row.allergens))) continue;
    write.run(next, Math.max(now, row.updatedAt + 1), id);
    changed++;
  }
  return changed;
}

/**
 * Fills the derived flags when they were computed with another table version (or never): every food of
 * a DERIVED_SOURCES source is re-derived from its name and group, then every recipe recomputed, in one
 * transaction, and the version recorded. Rows whose flags do not change are not written. Costs about a
 * tenth of a second for the 8,789 bundled foods; runs once per table version per database.
 * `bundledJustDerived`: ensureBundledFoods has just (re)loaded and derived the bundled foods with this
 * table, so only the other sources need it.
 */
export function ensureAllergenFlags(
  sqlite: Sqlite,
  now: number,
  options: { bundledJustDerived?: boolean } = {},
): { ran: boolean; foods: number; recipes: number } {
  const current = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(ALLERGEN_FLAGS_SETTING) as
    { value: string } | undefined;
  if (current && (JSON.parse(current.value) as unknown) === ALLERGEN_FLAGS_VERSION) {
    return { ran: false, foods: 0, recipes: 0 };
  }
  let foods = 0;
  let recipes = 0;
  sqlite.transaction(() => {
    const sources = DERIVED_SOURCES.filter((s) => !(options.bundledJustDerived && s === 'usda-sr28'));
    const rows = sqlite
      .prepare(
        `SELECT id, name, food_group AS foodGroup, allergens FROM foods WHERE source IN (${sources.map(() => '?').join(', ')})`,
      )
      .all(...sources) as { id: string; name: string; foodGroup: string | null; allergens: string }[];
    const write = sqlite.prepare('UPDATE foods SET allergens = ? WHERE id = ?');
    for (const r of rows) {
      const next = JSON.stringify(deriveAllergens({ name: r.name, foodGroup: r.foodGroup }));
      if (next === r.allergens) continue;
      write.run(next, r.id);
      foods++;
    }
    recipes = refreshRecipeAllergens(sqlite, now, null);
    sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(ALLERGEN_FLAGS_SETTING, JSON.stringify(ALLERGEN_FLAGS_VERSION), now);
  })();
  return { ran: true, foods, recipes };
}
