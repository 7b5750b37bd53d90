import { describe, expect, it } from 'vitest';
import type { TargetsView } from '@contract/targets.ts';
import {
  appliedSuggestionNote,
  basisText,
  missingSentence,
  NOTE_MAX,
  overridesWithSuggestion,
} from './targets-text.ts';

describe('missingSentence', () => {
  it('lists missing profile fields', () => {
    expect(missingSentence(['sex', 'birth date', 'height', 'weight'])).toBe(
      'Add sex, birth date, height and weight to compute targets.',
    );
    expect(missingSentence(['weight'])).toBe('Add weight to compute targets.');
  });

  it('states an age requirement as a requirement', () => {
    expect(missingSentence(['age of at least 1 year'])).toBe('Targets need an age of at least 1 year.');
  });

  it('never returns an empty sentence', () => {
    expect(missingSentence([])).toMatch(/compute targets/);
  });
});

describe('applying a suggestion', () => {
  const sodium = {
    key: 'sodiumMg' as const,
    label: 'Sodium',
    unit: 'mg',
    suggestion: {
      value: 1500,
      reason: 'Hypertension: an optimal goal of under 1,500 mg sodium a day.',
      source: 'AHA/ACC 2017 guideline for high blood pressure in adults (Whelton PK et al., Hypertension 2018)',
    },
  };

  it("names the suggestion and its source in the override's note, within the 500-character limit", () => {
    const note = appliedSuggestionNote(sodium);
    expect(note).toBe(
      `Applied suggestion: Sodium 1,500 mg. ${sodium.suggestion.reason} Source: ${sodium.suggestion.source}`,
    );
    const long = { ...sodium, suggestion: { ...sodium.suggestion, reason: 'x'.repeat(900) } };
    const cut = appliedSuggestionNote(long);
    expect(cut.length).toBeLessThanOrEqual(NOTE_MAX);
    expect(cut).toContain('…');
    expect(cut.endsWith(`Source: ${sodium.suggestion.source}`)).toBe(true);
  });

  it('keeps the overrides in force and adds the suggested value', () => {
    expect(overridesWithSuggestion({ fibreG: 30 }, sodium)).toEqual({ fibreG: 30, sodiumMg: 1500 });
    expect(overridesWithSuggestion({ sodiumMg: 2000 }, sodium)).toEqual({ sodiumMg: 1500 });
    expect(overridesWithSuggestion({ fibreG: 30 }, { ...sodium, suggestion: null })).toEqual({ fibreG: 30 });
  });
});

describe('basisText', () => {
  const view = {
    equation: 'mifflin-st-jeor',
    bmrKcal: 1402.4,
    pal: 1.375,
    ageYears: 34,
    asOf: '2026-12-06',
    effectiveFrom: null,
  } as unknown as TargetsView;

  it('prints the PAL as the source gives it (× 1.375), not rounded to 1.38', () => {
    expect(basisText(view, false)).toContain('PAL 1.375');
    expect(basisText({ ...view, pal: 1.55 }, false)).toContain('PAL 1.55 ');
  });

  it('leaves out the BMR when energy is hidden', () => {
    expect(basisText(view, false)).toContain('BMR 1,402 kcal');
    expect(basisText(view, true)).not.toContain('kcal');
  });
});
