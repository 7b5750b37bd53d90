import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../contract/foods.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { ALLERGEN_FLAGS_SETTING, ALLERGEN_FLAGS_VERSION, ensureAllergenFlags } from './allergen-flags.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('allergen flags in the database', () => {
  it('fills the bundled foods at load and records the table version', async () => {
    const core = await unlockedCore();
    await ok(core, 'foods.datasets'); // the first data call builds the services, which load the foods
    const { sqlite } = core.session.database();
    const flags = (id: string): unknown =>
      JSON.parse(
        (sqlite.prepare('SELECT allergens FROM foods WHERE id = ?').get(id) as { allergens: string }).allergens,
      );
    expect(flags('usda:16098')).toEqual(['peanut']);
    expect(flags('usda:01077')).toEqual(['milk']);
    expect(flags('usda:09040')).toEqual([]);
    const version = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(ALLERGEN_FLAGS_SETTING) as {
      value: string;
    };
    expect(JSON.parse(version.value)).toBe(ALLERGEN_FLAGS_VERSION);
    expect(ensureAllergenFlags(sqlite, Date.now())).toEqual({ ran: false, foods: 0, recipes: 0 });
  });

  it('flags imported foods, and refills an older database at the next start without touching custom foods', async () => {
    const core = await unlockedCore();
    const { sqlite } = core.session.database();
    const report = await ok<ImportReport>(core, 'foods.import', {
      fileName: 'table.csv',
      dataBase64: b64('name,energy\nShrimp curry,120\nPlain rice,130\n'),
      format: 'csv',
      datasetName: 'Practice table',
      mapping: { name: 'name', nutrients: { energyKcal: 'energy' } },
    });
    expect(report.committed).toBe(true);
    const imported = sqlite.prepare(`SELECT name, allergens FROM foods WHERE source = 'csv' ORDER BY name`).all();
    expect(imported).toEqual([
      { name: 'Plain rice', allergens: '[]' },
      { name: 'Shrimp curry', allergens: '["shellfish"]' },
    ]);
    const custom = await ok<{ id: string }>(core, 'foods.createCustom', {
      name: 'Peanut-free satay',
      nutrients: { energyKcal: 200 },
      allergens: [],
    });
    const recipe = await ok<{ id: string }>(core, 'foods.createRecipe', {
      name: 'Curry plate',
      ingredients: [{ foodId: 'usda:09040', grams: 100 }],
    });

    // A database filled by an older table: wrong flags everywhere, an old version recorded.
    sqlite.prepare(`UPDATE foods SET allergens = '["fish"]' WHERE source IN ('usda-sr28', 'csv', 'recipe')`).run();
    sqlite.prepare(`UPDATE settings SET value = '"0:old"' WHERE key = ?`).run(ALLERGEN_FLAGS_SETTING);
    servicesOf(core); // what the app does at the next unlock

    const one = (id: string): string =>
      (sqlite.prepare('SELECT allergens FROM foods WHERE id = ?').get(id) as { allergens: string }).allergens;
    expect(one('usda:16098')).toBe('["peanut"]');
    expect(one('usda:09040')).toBe('[]');
    expect(sqlite.prepare(`SELECT allergens FROM foods WHERE name = 'Shrimp curry'`).get()).toEqual({
      allergens: '["shellfish"]',
    });
    expect(one(custom.id)).toBe('[]');
    expect(one(recipe.id)).toBe('[]');
    expect(ensureAllergenFlags(sqlite, Date.now()).ran).toBe(false);
    // (8,789 bundled foods re-derived in one transaction: its speed is part of the first-unlock figure
    // of bench/foods-log.bench.ts, not a timed assertion here.)
  });
});
