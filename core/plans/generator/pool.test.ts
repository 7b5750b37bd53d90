import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPool } from '../../../scripts/build-plan-pool.ts';
import { defaultBundledFoodsFile } from '../../foods/bundled.ts';
import { eligibleFoods } from './constraints.ts';
import { defaultPoolFile, loadCuratedPool } from './pool.ts';

describe('the curated plan pool', () => {
  it('is what scripts/build-plan-pool.ts builds from the bundled SR28 table', () => {
    const file = JSON.parse(fs.readFileSync(defaultPoolFile(), 'utf8')) as { foods: unknown[] };
    expect(file.foods).toEqual(buildPool(defaultBundledFoodsFile()));
  });

  it('has 120–180 foods, each with a household measure in grams, energy, and foods for every meal type', () => {
    const pool = loadCuratedPool();
    expect(pool.length).toBeGreaterThanOrEqual(120);
    expect(pool.length).toBeLessThanOrEqual(180);
    for (const f of pool) {
      expect(f.measure.grams, f.name).toBeGreaterThan(0);
      expect(f.measure.label, f.name).toMatch(new RegExp(`\\(${f.measure.grams} g\\)$`));
      expect(f.per100g.energyKcal, f.name).toBeGreaterThanOrEqual(0);
    }
    for (const meal of ['breakfast', 'lunch', 'dinner', 'snack'] as const) {
      expect(pool.filter((f) => f.mealTypes.includes(meal)).length, meal).toBeGreaterThan(15);
    }
  });

  it('carries the allergen flags the app derives, so a peanut or milk allergy removes those foods', () => {
    const pool = loadCuratedPool();
    const name = (id: string) => pool.find((f) => f.foodId === id)?.name;
    expect(pool.find((f) => f.foodId === 'usda:16398')?.allergens).toContain('peanut');
    const kept = new Set(
      eligibleFoods(pool, {
        client: {
          dietPattern: 'omnivore',
          allergies: ['Peanuts', 'lactose intolerance'],
          edSensitive: false,
          lifeStage: 'none',
        },
        excludedFoodIds: [],
      }).map((f) => f.foodId),
    );
    expect(kept.has('usda:16398'), name('usda:16398')).toBe(false);
    expect(kept.has('usda:01079'), name('usda:01079')).toBe(false);
    expect(kept.has('usda:09040'), name('usda:09040')).toBe(true);
  });
});
