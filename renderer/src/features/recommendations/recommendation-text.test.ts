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
  clientMessage: null,
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
    expect(statusText(rec('a', 'resolved'))).toBe('Resolved by new data');
  });
});

describe('evaluateText', () => {
  const result = (changes: { kind: 'new' | 'updated' | 'resolved'; title: string }[], active: number) => ({
    created: changes.filter((c) => c.kind === 'new').length,
    updated: changes.filter((c) => c.kind === 'updated').length,
    resolved: changes.filter((c) => c.kind === 'resolved').length,
    active,
    changes: changes.map((c) => ({ ...c, ruleId: 'r' })),
    errors: [],
  });

  it('says nothing changed when the cards already match the data', () => {
    expect(evaluateText(result([], 2))).toBe(
      'Nothing changed: the recommendations shown already match the current data. 2 active.',
    );
  });

  it('names what is new and what was resolved, and counts the updated ones', () => {
    expect(
      evaluateText(
        result(
          [
            { kind: 'new', title: 'Sodium above your target' },
            { kind: 'resolved', title: 'Fewer than 4 days logged this week' },
            { kind: 'updated', title: 'Fibre intake low' },
          ],
          2,
        ),
      ),
    ).toBe(
      '1 new: Sodium above your target. 1 resolved by new data: Fewer than 4 days logged this week. ' +
        '1 recommendation updated with the current numbers. 2 active.',
    );
  });
});
