import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveAllergens } from '../../foods/allergen-table.ts';
import { NUTRIENT_KEYS, type NutrientKey } from '../../foods/nutrients.ts';
import type { MealType } from '../../contract/plans.ts';
import type { PlanFood } from '../generator-api.ts';

/**
 * The curated plan pool (resources/plans/pool.json, built by scripts/build-plan-pool.ts with each food's
 * SR28 values per 100 g) with the allergen flags the app derives for SR28 foods, as PlanFood[].
 */

interface PoolFile {
  format: string;
  version: number;
  foods: {
    foodId: string;
    name: string;
    mealTypes: MealType[];
    measure: { label: string; grams: number };
    main: boolean;
    foodGroup: string;
    storeSection: string;
    fortified: boolean;
    sr28Group: string;
    per100g: Record<string, number>;
  }[];
}

export interface CuratedFood extends PlanFood {
  /** Fortified with vitamins or minerals (cereals, plant milks, juice with calcium and vitamin D). */
  fortified: boolean;
  /** The SR28 food group, which the allergen keyword table reads. */
  sr28Group: string;
}

export function defaultPoolFile(): string {
  return fileURLToPath(new URL('../../../resources/plans/pool.json', import.meta.url));
}
let cached: { key: string; foods: CuratedFood[] } | null = null;

/** Reads the pool (cached per file: the worker solves many plans with one read). */
export function loadCuratedPool(file?: string): CuratedFood[] {
  const poolFile = file ?? defaultPoolFile();
  const key = poolFile;
  if (cached?.key === key) return cached.foods;
  const pool = JSON.parse(fs.readFileSync(poolFile, 'utf8')) as PoolFile;
  if (pool.format !== 'bioai-plan-pool' || pool.version !== 1) throw new Error(`${poolFile} is not a plan pool file`);
  const foods = pool.foods.map((p): CuratedFood => {
    const per100g: Partial<Record<NutrientKey, number>> = {};
    for (const [k, v] of Object.entries(p.per100g)) {
      if ((NUTRIENT_KEYS as readonly string[]).includes(k) && Number.isFinite(v)) per100g[k as NutrientKey] = v;
    }
    return {
      foodId: p.foodId,
      name: p.name,
      mealTypes: p.mealTypes,
      measure: p.measure,
      main: p.main,
      foodGroup: p.foodGroup,
      storeSection: p.storeSection,
      per100g,
      allergens: deriveAllergens({ name: p.name, foodGroup: p.sr28Group }),
      origin: 'curated',
      fortified: p.fortified,
      sr28Group: p.sr28Group,
    };
  });
  cached = { key, foods };
  return foods;
}
