import { NUTRIENTS, type NutrientValues } from '../foods/nutrients.ts';

/**
 * The typed nutrient columns of an events row for a set of nutrient values (absent → NULL, so an
 * unknown nutrient is never summed as zero). Used by every write path: logging, imports, recipe and
 * custom-food updates applied to past entries.
 */
export type EventNutrientColumns = Record<string, number | null>;

const COLUMN_PROPS: [string, keyof NutrientValues][] = NUTRIENTS.filter((n) => n.column !== null).map((n) => [
  // drizzle property names are the camelCase nutrient keys themselves (schema.ts).
  n.key,
  n.key,
]);

/** drizzle-style object: { energyKcal: 105, proteinG: 1.3, … } for the events table. */
export function eventNutrientValues(values: NutrientValues): EventNutrientColumns {
  const out: EventNutrientColumns = {};
  for (const [prop, key] of COLUMN_PROPS) {
    const v = values[key];
    out[prop] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}
