import { formatNumber } from '../../lib/format.ts';

/** "1 food", "2 foods", "1,204 measures". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? singular : plural}`;
}

/** The headline of a failed, all-or-nothing import. */
export function failureSentence(errorCount: number): string {
  return `Nothing was imported: the file has ${countOf(errorCount, 'problem')}.`;
}

/** "and 12 more" under the listed errors, or null when every error is listed. */
export function moreErrorsText(errorCount: number, listed: number): string | null {
  const more = errorCount - listed;
  return more > 0 ? `and ${formatNumber(more, 0)} more` : null;
}

export function foodsImportedSentence(foods: number, measures: number): string {
  return `Imported ${countOf(foods, 'food')} and ${countOf(measures, 'measure')}.`;
}

export function entriesImportedSentence(entries: number): string {
  return `Imported ${countOf(entries, 'entry', 'entries')}.`;
}

/** Progress as a whole percentage (0 when the total is not known yet). */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}
