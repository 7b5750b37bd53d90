import { describe, expect, it } from 'vitest';
import {
  countOf,
  entriesImportedSentence,
  failureSentence,
  foodsImportedSentence,
  moreErrorsText,
  progressPercent,
} from './import-report-text.ts';

describe('import report text', () => {
  it('pluralises counts', () => {
    expect(countOf(1, 'food')).toBe('1 food');
    expect(countOf(1204, 'measure')).toBe('1,204 measures');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('states success and failure', () => {
    expect(foodsImportedSentence(120, 1)).toBe('Imported 120 foods and 1 measure.');
    expect(entriesImportedSentence(1)).toBe('Imported 1 entry.');
    expect(failureSentence(3)).toBe('Nothing was imported: the file has 3 problems.');
    expect(failureSentence(1)).toBe('Nothing was imported: the file has 1 problem.');
  });

  it('counts the errors not listed', () => {
    expect(moreErrorsText(250, 100)).toBe('and 150 more');
    expect(moreErrorsText(3, 3)).toBeNull();
  });

  it('computes progress', () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(300, 200)).toBe(100);
  });
});
