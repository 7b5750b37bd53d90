import { describe, expect, it } from 'vitest';
import { missingSentence } from './targets-text.ts';

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
