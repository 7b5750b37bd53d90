import type { CsvMapping, NutrientKey } from '@contract/foods.ts';
import { NUTRIENT_KEYS } from '../../../lib/nutrients.ts';

export type ImportFormat = 'fdc' | 'csv';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  fdc: 'FoodData Central CSV (zip)',
  csv: 'Generic CSV',
};

export const FORMAT_ACCEPT: Record<ImportFormat, string> = {
  fdc: '.zip,application/zip',
  csv: '.csv,.tsv,.txt,text/csv,text/plain',
};

type Delimiter = CsvMapping['delimiter'];

/** The mapping form's starting point: the core's guess, completed with the defaults. */
export function mappingFromSuggested(suggested: Partial<CsvMapping>, headers: readonly string[]): CsvMapping {
  const has = (h: string | null | undefined): h is string => typeof h === 'string' && headers.includes(h);
  const nutrients: CsvMapping['nutrients'] = {};
  for (const key of NUTRIENT_KEYS) {
    const column = suggested.nutrients?.[key];
    if (has(column)) nutrients[key] = column;
  }
  return {
    name: has(suggested.name) ? suggested.name : '',
    id: has(suggested.id) ? suggested.id : null,
    foodGroup: has(suggested.foodGroup) ? suggested.foodGroup : null,
    nutrients,
    energyInKj: suggested.energyInKj ?? false,
    delimiter: suggested.delimiter ?? null,
    decimalComma: suggested.decimalComma ?? false,
  };
}

/** Sets or clears (empty column) one nutrient's column. */
export function withNutrientColumn(mapping: CsvMapping, key: NutrientKey, column: string): CsvMapping {
  const nutrients = { ...mapping.nutrients };
  if (column) nutrients[key] = column;
  else delete nutrients[key];
  return { ...mapping, nutrients };
}

/** What stops the import from running, or null. */
export function mappingProblem(mapping: CsvMapping): string | null {
  if (!mapping.name) return 'Choose the column with the food name.';
  return null;
}

/** A caution that does not block the import (the core decides whether rows without energy are valid). */
export function mappingWarning(mapping: CsvMapping): string | null {
  if (!mapping.nutrients.energyKcal) return 'No energy column is chosen: the foods will have no energy value.';
  return null;
}

/** A delimiter as words for the preview line. */
export function delimiterName(delimiter: Delimiter | string): string {
  if (delimiter === ',') return 'comma';
  if (delimiter === ';') return 'semicolon';
  if (delimiter === '\t') return 'tab';
  return 'detected automatically';
}

/** A dataset name from the file's name: "ciqual_2020.csv" → "ciqual_2020". */
export function datasetNameFromFile(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').slice(0, 120);
}
