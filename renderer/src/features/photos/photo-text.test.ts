import { describe, expect, it } from 'vitest';
import {
  analysisText,
  classLabelText,
  portionBasisText,
  proposalText,
  rangeText,
  shortFoodName,
  itemLabel,
  percentText,
  progressPercent,
  progressText,
  providerName,
  savedText,
} from './photo-text.ts';

describe('progressText', () => {
  it('counts the photo being analysed', () => {
    expect(progressText({ total: 12, settled: 2, failed: 0, running: true, cancelled: false })).toBe(
      'Analysing 3 of 12…',
    );
  });

  it('sums up a finished batch', () => {
    expect(progressText({ total: 12, settled: 12, failed: 0, running: false, cancelled: false })).toBe(
      'Analysed 12 photos.',
    );
    expect(progressText({ total: 1, settled: 1, failed: 0, running: false, cancelled: false })).toBe(
      'Analysed 1 photo.',
    );
    expect(progressText({ total: 12, settled: 12, failed: 2, running: false, cancelled: false })).toBe(
      'Analysed 10 of 12 photos; 2 could not be read.',
    );
  });

  it('says when the batch was cancelled', () => {
    expect(progressText({ total: 12, settled: 4, failed: 1, running: false, cancelled: true })).toBe(
      'Cancelled: 3 of 12 photos analysed; 1 could not be read.',
    );
  });

  it('gives a percent', () => {
    expect(progressPercent({ total: 4, settled: 1, failed: 0, running: true, cancelled: false })).toBe(25);
    expect(progressPercent({ total: 0, settled: 0, failed: 0, running: false, cancelled: false })).toBe(0);
  });
});

describe('analysisText', () => {
  it('names the execution provider and the time', () => {
    expect(analysisText('cpu', 140.4)).toBe('Analysed on CPU in 140 ms');
    expect(analysisText('CUDAExecutionProvider', 35)).toBe('Analysed on an NVIDIA GPU (CUDA) in 35 ms');
    expect(analysisText('something-new', 12_345)).toBe('Analysed on something-new in 12.3 s');
    expect(providerName('CoreMLExecutionProvider')).toBe('Apple Core ML');
  });
});

describe('percentText', () => {
  it('rounds a 0–1 confidence to a whole percent', () => {
    expect(percentText(0.874)).toBe('87 %');
    expect(percentText(1.2)).toBe('100 %');
  });
});

describe('savedText', () => {
  it('names the count, meal and day', () => {
    expect(savedText(3, 'lunch', '2025-11-25')).toBe('Saved 3 items to Lunch on Nov 25, 2025');
    expect(savedText(1, null, '2025-11-25')).toBe('Saved 1 item on Nov 25, 2025');
  });
});

describe('itemLabel', () => {
  it('keeps the detector class while the food is the detected one', () => {
    expect(itemLabel('banana', 'f1', 'f1', 'Bananas, raw')).toBe('banana');
  });

  it('uses the chosen food’s short name otherwise', () => {
    expect(itemLabel('banana', 'f1', 'f2', 'Plantains, raw')).toBe('plantains');
    expect(itemLabel(null, null, 'f2', 'Apples, raw, with skin')).toBe('apples');
    expect(itemLabel(null, null, 'f2', 'Tofu')).toBe('tofu');
  });
});

describe('portionBasisText', () => {
  it('says how the amount was reached; older stored bases read in words', () => {
    expect(portionBasisText('plate reference')).toBe('amount estimated from a size reference');
    expect(portionBasisText('default portion')).toBe('default portion, no size reference used');
    expect(portionBasisText(null)).toBeNull();
    expect(portionBasisText('2 × medium (131 g), counted in the photo')).toBe(
      '2 × medium (131 g), counted in the photo',
    );
  });
});

describe('food names for people', () => {
  it('shows the class as a name and a caption-length food name without “Fast Food”', () => {
    expect(classLabelText('pizza')).toBe('Pizza');
    expect(classLabelText('hot dog')).toBe('Hot dog');
    expect(shortFoodName('Fast Food, Pizza Chain, 14" pizza, cheese topping, regular crust')).toBe('Pizza Chain');
    expect(shortFoodName('Fast foods, hotdog, plain')).toBe('hotdog');
    expect(shortFoodName('Apples, raw, with skin')).toBe('Apples');
  });
});

describe('proposalText and rangeText', () => {
  it('a count of a measure, an amount in grams, or no amount', () => {
    expect(proposalText({ grams: 260, count: 2, measure: { name: 'medium', grams: 131 } })).toBe(
      '2 × medium (131 g) = 260 g',
    );
    expect(proposalText({ grams: 105, count: null, measure: null })).toBe('about 105 g');
    expect(proposalText({ grams: null, count: null, measure: null })).toBe('no amount proposed');
    expect(rangeText({ low: 190, high: 1370 })).toBe('plausible 190–1,370 g');
    expect(rangeText(null)).toBeNull();
  });
});
