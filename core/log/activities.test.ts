import { describe, expect, it } from 'vitest';
import { ACTIVITIES, findActivity } from './activities.ts';
import { searchActivities } from './activity-search.ts';

/** The keys stored entries already reference: they must keep resolving. */
const ORIGINAL_KEYS = [
  'walking-moderate',
  'walking-brisk',
  'hiking',
  'jogging',
  'running-8kmh',
  'running-10kmh',
  'cycling',
  'swimming',
  'resistance',
  'resistance-vigorous',
  'aerobics',
  'dancing',
  'yoga',
  'pilates',
  'stretching',
  'soccer',
  'basketball',
  'tennis',
  'gardening',
];

describe('the activity list', () => {
  it('gives every activity a 5-digit Compendium code and a MET between 1 and 23', () => {
    for (const a of ACTIVITIES) {
      expect(a.code, a.key).toMatch(/^\d{5}$/);
      expect(a.met, a.key).toBeGreaterThanOrEqual(1);
      expect(a.met, a.key).toBeLessThanOrEqual(23);
    }
  });

  it('has unique keys and unique codes', () => {
    expect(new Set(ACTIVITIES.map((a) => a.key)).size).toBe(ACTIVITIES.length);
    expect(new Set(ACTIVITIES.map((a) => a.code)).size).toBe(ACTIVITIES.length);
  });

  it('keeps every key that stored entries may reference', () => {
    for (const key of ORIGINAL_KEYS) expect(findActivity(key), key).toBeDefined();
  });

  it('covers the common kinds of activity, each with everyday words', () => {
    expect(ACTIVITIES.length).toBeGreaterThanOrEqual(80);
    for (const a of ACTIVITIES) expect(a.synonyms.length, a.key).toBeGreaterThan(0);
  });
});

describe('searchActivities', () => {
  const first = (query: string): string | undefined => searchActivities(query)[0]?.key;

  it.each([
    ['brisk walk', 'walking-brisk'],
    ['jog', 'jogging'],
    ['spin class', 'spin-class'],
    ['weights', 'resistance'],
    ['hoovering', 'vacuuming'],
    ['footy', 'soccer'],
    ['cross trainer', 'elliptical'],
    ['rowing machine', 'rowing-machine'],
    ['zumba', 'aerobics'],
    ['hiit', 'circuit-training-vigorous'],
    ['ping pong', 'table-tennis'],
    ['bike to work', 'cycling-commute'],
    ['walk', 'walking-moderate'],
    ['swim', 'swimming'],
    ['tai chi', 'tai-chi'],
    ['washing up', 'washing-dishes'],
  ])('"%s" puts %s first', (query, key) => {
    expect(first(query)).toBe(key);
  });

  it('matches the start of a word, ignoring case, accents and punctuation', () => {
    expect(first('  JOGG ')).toBe('jogging');
    expect(first('Taï-chi')).toBe('tai-chi');
    expect(first('hoover')).toBe('vacuuming');
  });

  it('searches the Compendium label as well as the everyday words', () => {
    expect(first('stair-treadmill')).toBe('stair-climber');
    expect(searchActivities('kettlebells').map((a) => a.key)).toContain('circuit-training-vigorous');
  });

  it('ranks an exact everyday phrase above the same words in a longer phrase', () => {
    const keys = searchActivities('brisk walk').map((a) => a.key);
    expect(keys.indexOf('walking-brisk')).toBeLessThan(keys.indexOf('walking-very-brisk'));
  });

  it('requires every word to match', () => {
    expect(searchActivities('brisk swim')).toEqual([]);
    expect(searchActivities('xyzzy')).toEqual([]);
  });

  it('returns the whole list, in order, for an empty query', () => {
    expect(searchActivities('   ').map((a) => a.key)).toEqual(ACTIVITIES.map((a) => a.key));
  });
});
