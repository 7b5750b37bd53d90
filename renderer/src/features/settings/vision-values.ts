import type { MethodInput } from '@contract/index.ts';
import type { FoodHit } from '@contract/foods.ts';
import { numberOrNull, type NumberField } from '../foods/custom-food-values.ts';

export type InstallModelInput = MethodInput<'vision.installModel'>;

/** One model class as the install form maps it: the food it is, and its usual portion. */
export interface ClassMapping {
  hit: FoodHit | null;
  grams: NumberField;
}

/** Class names from the textarea, one a line, in the model's output order; blank lines dropped. */
export function parseClassList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Names listed more than once (the model's outputs must be told apart). */
export function duplicateClasses(classes: readonly string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const c of classes) {
    if (seen.has(c)) dupes.add(c);
    seen.add(c);
  }
  return [...dupes];
}

/** The classes' food map and default grams, for the classes that are mapped to a food. */
export function classMaps(
  classes: readonly string[],
  mappings: Readonly<Record<string, ClassMapping>>,
): Pick<InstallModelInput, 'foodMap' | 'defaultGrams'> {
  const foodMap: Record<string, string> = {};
  const defaultGrams: Record<string, number> = {};
  for (const c of classes) {
    const m = mappings[c];
    if (!m?.hit) continue;
    foodMap[c] = m.hit.id;
    const grams = numberOrNull(m.grams);
    if (grams !== null) defaultGrams[c] = grams;
  }
  return { foodMap, defaultGrams };
}

/** "3 of 80 classes are foods" — how much of the model the app will log. */
export function mappedText(classes: readonly string[], mappings: Readonly<Record<string, ClassMapping>>): string {
  const n = classes.filter((c) => mappings[c]?.hit).length;
  return `${n} of ${classes.length} ${classes.length === 1 ? 'class is' : 'classes are'} mapped to a food`;
}

/** "12 photos, 30 boxes" from a dataset export's counts. */
export function datasetText(images: number, annotations: number): string {
  return `${images} ${images === 1 ? 'photo' : 'photos'}, ${annotations} ${annotations === 1 ? 'box' : 'boxes'}`;
}
