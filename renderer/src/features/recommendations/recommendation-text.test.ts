import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../lib/rule-types.ts';
import {
  confidenceText,
  evaluateText,
  isOpen,
  rankText,
  splitRecommendations,
  statusText,
} from './recommendation-text.ts';

const rec = (id: string, status: Recommendation['status'], extra: Partial<Recommendation> = {}): Recommendation => ({
  id,
  clientId: 'c1',
  ruleId: 'low-fibre',
  title: 'Fibre is low',
  message: 'Fibre averaged 12 g a day.',
  rationale: 'Fibre supports gut health.',
  severity: 'medium',
  category: 'micronutrients',
  confidence: 0.7,
  suggestions: [],
  guardrails: [],
  references: [],
  condition: 'features.fibre_7d_mean < targets.fibre * 0.7',
  values: {},
  status,
  dismissReason: null,
  createdAt: 1,
  updatedAt: 1,
  expiresAt: null,
  ...extra,
});

describe('confidenceText', () => {
  it('shows a whole percentage', () => {
    expect(confidenceText(0.7)).toBe('Confidence 70 %');
    expect(confidenceText(5 / 7)).toBe('Confidence 71 %');
    expect(confidenceText(1)).toBe('Confidence 100 %');
  });

  it('clamps values outside 0–1 and non-numbers', () => {
    expect(confidenceText(1.4)).toBe('Confidence 100 %');
    expect(confidenceText(-0.2)).toBe('Confidence 0 %');
    expect(confidenceText(Number.NaN)).toBe('Confidence 0 %');
  });
});

describe('ranking and status', () => {
  it('counts ranks from one', () => {
    expect(rankText(0, 3)).toBe('1 of 3');
  });

  it('keeps the core order for open ones and puts the latest closed first', () => {
    const list = [
      rec('a', 'new'),
      rec('b', 'dismissed', { updatedAt: 5 }),
      rec('c', 'accepted'),
      rec('d', 'expired', { updatedAt: 9 }),
    ];
    const { open, closed } = splitRecommendations(list);
    expect(open.map((r) => r.id)).toEqual(['a', 'c']);
    expect(closed.map((r) => r.id)).toEqual(['d', 'b']);
    expect(isOpen(rec('x', 'accepted'))).toBe(true);
  });

  it('says why a recommendation was dismissed', () => {
    expect(statusText(rec('a', 'dismissed', { dismissReason: 'Discussed last visit' }))).toBe(
      'Dismissed: Discussed last visit',
    );
    expect(statusText(rec('a', 'dismissed'))).toBe('Dismissed');
    expect(statusText(rec('a', 'expired'))).toBe('Expired');
  });
});

describe('evaluateText', () => {
  it('counts new and active recommendations', () => {
    expect(evaluateText({ created: 0, active: 2, errors: [] })).toBe('No new recommendations; 2 active.');
    expect(evaluateText({ created: 1, active: 1, errors: [] })).toBe('1 new recommendation; 1 active.');
    expect(evaluateText({ created: 3, active: 4, errors: [] })).toBe('3 new recommendations; 4 active.');
  });
});
