import { DIET_EXCLUDES } from '../rules/guardrails.ts';

/**
 * Whether a food fits a client's diet pattern, with the same tags and exclusions the rule guardrails
 * use for suggestions (core/rules/guardrails.ts). Foods carry no diet tags of their own, so they are
 * read from what the food database does say: the food group (USDA groups) and the allergen flags
 * (milk, egg, fish, shellfish). Honey and gelatin are matched by name.
 */

const GROUP_TAGS: { pattern: RegExp; tags: string[] }[] = [
  { pattern: /\b(beef|pork|lamb|veal|game)\b|sausages|luncheon meats/i, tags: ['meat'] },
  { pattern: /\bpoultry\b/i, tags: ['poultry'] },
  { pattern: /\bfinfish\b/i, tags: ['fish'] },
];

const ALLERGEN_TAGS: Record<string, string> = { milk: 'dairy', egg: 'egg', fish: 'fish', shellfish: 'shellfish' };

/** The diet tags (DIET_TAGS of the guardrails) a food carries. */
export function foodDietTags(food: { name: string; foodGroup: string | null; allergens: readonly string[] }): string[] {
  const tags = new Set<string>();
  for (const g of GROUP_TAGS) if (food.foodGroup && g.pattern.test(food.foodGroup)) g.tags.forEach((t) => tags.add(t));
  for (const a of food.allergens) {
    const t = ALLERGEN_TAGS[a];
    if (t) tags.add(t);
  }
  if (/\bhoney\b/i.test(food.name)) tags.add('honey');
  if (/\bgelatin\b/i.test(food.name)) tags.add('gelatin');
  if (tags.size > 0) tags.add('animal-product');
  return [...tags];
}

/** Why the food does not fit the diet pattern ("Contains meat or fish: the client is vegetarian."), or null. */
export function dietConflict(
  food: { name: string; foodGroup: string | null; allergens: readonly string[] },
  dietPattern: string,
): string | null {
  const diet = DIET_EXCLUDES[dietPattern];
  if (!diet) return null;
  const hit = foodDietTags(food).filter((t) => diet.tags.includes(t) && t !== 'animal-product');
  if (hit.length === 0) return null;
  return `${food.name} contains ${hit.join(' and ')}: the client is ${dietPattern} (no ${diet.what}).`;
}
