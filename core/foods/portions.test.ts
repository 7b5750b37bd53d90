import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { findMeasure, formatAmount, parseAmount, resolvePortion } from './portions.ts';

/** SR24's measures for NDB 09040, in file order (usda_sr24.jar, 09040.xml). */
const BANANA = [
  { amount: 1, unit: 'cup, mashed', grams: 225 },
  { amount: 1, unit: 'cup, sliced', grams: 150 },
  { amount: 1, unit: 'extra small (less than 6" long)', grams: 81 },
  { amount: 1, unit: 'small (6" to 6-7/8" long)', grams: 101 },
  { amount: 1, unit: 'medium (7" to 7-7/8" long)', grams: 118 },
  { amount: 1, unit: 'large (8" to 8-7/8" long)', grams: 136 },
  { amount: 1, unit: 'extra large (9" or longer)', grams: 152 },
  { amount: 1, unit: 'NLEA serving', grams: 126 },
];
const BREAD = [
  { amount: 1, unit: 'slice', grams: 32 },
  { amount: 0.5, unit: 'cup, cubes', grams: 15 },
  { amount: 1, unit: 'tbsp', grams: 4 },
  { amount: 8, unit: 'fl oz', grams: 244 },
];

describe('parseAmount', () => {
  it.each([
    ['1 medium', 1, 'medium'],
    ['2 cups', 2, 'cups'],
    ['1/2 cup', 0.5, 'cup'],
    ['1 1/2 cups', 1.5, 'cups'],
    ['1-1/2 cups', 1.5, 'cups'],
    ['0.5 cup', 0.5, 'cup'],
    ['.25 cup', 0.25, 'cup'],
    ['1,5 cups', 1.5, 'cups'],
    ['1,000 g', 1000, 'g'],
    ['½ cup', 0.5, 'cup'],
    ['1½ cups', 1.5, 'cups'],
    ['half a cup', 0.5, 'cup'],
    ['a half cup', 0.5, 'cup'],
    ['a quarter of a pound', 0.25, 'pound'],
    ['two slices', 2, 'slices'],
    ['a slice', 1, 'slice'],
    ['100 g', 100, 'g'],
    ['100g', 100, 'g'],
    ['  3   OZ ', 3, 'oz'],
    ['large', 1, 'large'],
    ['2 x medium', 2, 'medium'],
  ])('%s → %d %s', (text, amount, unit) => {
    expect(parseAmount(text)).toEqual({ amount, unit });
  });

  it.each(['', '   ', '0 g', '-1 cup', '0/2 cup'])('refuses %j', (text) => {
    expect(() => parseAmount(text)).toThrow(AppError);
  });
});

describe('resolvePortion', () => {
  it.each([
    ['1 medium', 118, '1 medium (118 g)'],
    ['2 medium', 236, '2 medium (236 g)'],
    ['1 large', 136, '1 large (136 g)'],
    ['1 extra large', 152, '1 extra large (152 g)'],
    ['1 lg', 136, '1 large (136 g)'],
    ['1 cup', 225, '1 cup, mashed (225 g)'],
    ['2 cups sliced', 300, '2 cups, sliced (300 g)'],
    ['1 cup, sliced', 150, '1 cup, sliced (150 g)'],
    ['1/2 cup', 112.5, '1/2 cup, mashed (113 g)'],
    ['1 1/2 cups', 337.5, '1 1/2 cups, mashed (338 g)'],
    ['half a cup', 112.5, '1/2 cup, mashed (113 g)'],
    ['100 g', 100, '100 g'],
    ['100g', 100, '100 g'],
    ['250 grams', 250, '250 g'],
    ['3 oz', 85.048569375, '3 oz (85 g)'],
    ['1 lb', 453.59237, '1 lb (454 g)'],
    ['0.2 kg', 200, '0.2 kg (200 g)'],
    ['1 NLEA serving', 126, '1 NLEA serving (126 g)'],
  ])('banana: %s', (text, grams, label) => {
    const r = resolvePortion(BANANA, text, 'Bananas, raw');
    expect(r.grams).toBeCloseTo(grams, 9);
    expect(r.label).toBe(label);
  });

  it('scales by the measure amount and matches plurals and abbreviations', () => {
    expect(resolvePortion(BREAD, '2 slices').grams).toBe(64);
    expect(resolvePortion(BREAD, '1 slice').label).toBe('1 slice (32 g)');
    // The measure is ½ cup = 15 g, so 1 cup = 30 g.
    expect(resolvePortion(BREAD, '1 cup').grams).toBe(30);
    expect(resolvePortion(BREAD, '2 tablespoons').grams).toBe(8);
    expect(resolvePortion(BREAD, '4 fl oz').grams).toBe(122);
    // 3 oz is mass (NIST), never the food's "fl oz" measure.
    expect(resolvePortion(BREAD, '3 oz').grams).toBeCloseTo(85.05, 2);
    // 250 mL through the food's fl oz measure: 250 / 29.5735295625 × 244 / 8.
    expect(resolvePortion(BREAD, '250 ml').grams).toBeCloseTo((250 / 29.5735295625) * 30.5, 6);
  });

  it("ignores the food's own name in the amount", () => {
    expect(resolvePortion(BANANA, '1 medium banana', 'Bananas, raw').label).toBe('1 medium (118 g)');
    expect(resolvePortion(BREAD, '2 slices of bread', 'Bread, wheat').grams).toBe(64);
    expect(() => resolvePortion(BANANA, '1 bowl of bananas', 'Bananas, raw')).toThrow(
      /no measure called "bowl of bananas"/,
    );
  });

  it('prefers the simplest measure, then the first listed', () => {
    const measures = [
      { amount: 1, unit: 'cup, chopped', grams: 160 },
      { amount: 1, unit: 'cup', grams: 140 },
    ];
    expect(findMeasure(measures, 'cup')?.grams).toBe(140);
    expect(findMeasure(BANANA, 'cups')?.unit).toBe('cup, mashed');
    // "large" is not "extra large".
    expect(findMeasure(BANANA, 'large')?.grams).toBe(136);
  });

  it('names the food and its measures when nothing matches', () => {
    expect(() => resolvePortion(BANANA, '1 bowl', 'Bananas, raw')).toThrow(
      'Bananas, raw has no measure called "bowl". Use grams or one of: cup, extra small, small, medium, large, extra large, NLEA serving.',
    );
    expect(() => resolvePortion([], '1 cup', 'Quinoa, cooked')).toThrow(
      'Quinoa, cooked has no household measures. Enter the amount in grams (e.g. "150 g").',
    );
    expect(() => resolvePortion(BANANA, '150')).toThrow(/Add a unit/);
    expect(() => resolvePortion([], '250 ml', 'Salt')).toThrow(/no cup, fl oz, tbsp or tsp measure/);
    try {
      resolvePortion(BANANA, '2 bowls');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid-input');
    }
  });
});

describe('formatAmount', () => {
  it.each([
    [1, '1'],
    [0.5, '1/2'],
    [1.5, '1 1/2'],
    [0.333, '1/3'],
    [2.25, '2 1/4'],
    [0.3, '0.3'],
  ])('%d → %s', (n, s) => expect(formatAmount(n)).toBe(s));
});

describe('drinking vessels', () => {
  const flOz = [{ amount: 1, unit: 'fl oz', grams: 29.6 }];
  it('a glass is 240 mL and a mug 355 mL, through the drink’s own volume measure', () => {
    const glass = resolvePortion(flOz, 'a glass of water', 'Beverages, water, tap, drinking');
    expect(glass.grams).toBeCloseTo((240 / 29.5735295625) * 29.6, 9);
    expect(glass.label).toBe('1 glass (240 mL) (240 g)');
    const mugs = resolvePortion(flOz, '2 mugs of tea', 'Beverages, tea, black, brewed');
    expect(mugs.grams).toBeCloseTo((710 / 29.5735295625) * 29.6, 9);
  });

  it('a food’s own measure of that name wins, and a food without a volume measure says so', () => {
    const own = resolvePortion([{ amount: 1, unit: 'glass', grams: 200 }], '1 glass', 'Juice');
    expect(own.grams).toBe(200);
    expect(() => resolvePortion([{ amount: 1, unit: 'medium', grams: 118 }], 'a glass', 'Bananas, raw')).toThrow(
      'Bananas, raw has no cup, fl oz, tbsp or tsp measure to convert glass (240 mL) to grams. Enter the amount in grams.',
    );
  });
});
