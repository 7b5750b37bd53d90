import { describe, expect, it } from 'vitest';
import type { Visit } from '@contract/visits.ts';
import {
  appendToSection,
  draftOf,
  emptyGoal,
  emptyNote,
  firstLine,
  inputOf,
  isShownField,
  localProblems,
  newVisitDraft,
  sameDraft,
} from './visit-text.ts';

const CLIENT = '0b8f3c1e-2a4d-4c5e-9f60-7a8b9c0d1e2f';

describe('visit-text', () => {
  it('sends empty fields as null, and a goal without a measure without a target', () => {
    const draft = newVisitDraft('soap', '2026-03-02');
    draft.goals = [
      { ...emptyGoal(), text: 'Walk after dinner', targetValue: 5 },
      { ...emptyGoal(), text: 'Waist', measureKind: 'waist', targetValue: 88, unit: 'cm', reviewOn: '2026-04-01' },
    ];
    const input = inputOf(CLIENT, draft);
    expect(input).toMatchObject({ durationMin: null, nextFollowUp: null, note: { format: 'soap' } });
    expect(input.goals?.[0]).toMatchObject({ measureKind: null, targetValue: null, unit: null, reviewOn: null });
    expect(input.goals?.[1]).toMatchObject({ measureKind: 'waist', targetValue: 88, unit: 'cm' });
  });

  it('refuses a duration that is not a number before sending (JSON would carry it as an empty field)', () => {
    const draft = { ...newVisitDraft('adime', '2026-03-02'), durationMin: 'abc' };
    expect(localProblems(inputOf(CLIENT, draft))).toEqual({ durationMin: 'Enter the duration in minutes.' });
    expect(inputOf(CLIENT, { ...draft, durationMin: ' 45 ' }).durationMin).toBe(45);
  });

  it('adds a snapshot after a blank line, and takes the first written line for the list', () => {
    let note = emptyNote('adime');
    note = appendToSection(note, 'assessment', 'Weight 72 kg');
    expect(firstLine(note, false)).toBe('Weight 72 kg');
    note = appendToSection(note, 'assessment', 'Energy 1,840 kcal/day');
    expect(note).toMatchObject({ assessment: 'Weight 72 kg\n\nEnergy 1,840 kcal/day' });
    const energyFirst = appendToSection(emptyNote('soap'), 'objective', 'Energy 1,840 kcal/day, protein 70 g');
    expect(firstLine(energyFirst, false)).toContain('kcal');
    expect(firstLine(energyFirst, true)).not.toMatch(/kcal/);
  });

  it('keeps goal ids and entered targets when a saved visit is edited, and sees no change until one is made', () => {
    const visit: Visit = {
      id: '1b8f3c1e-2a4d-4c5e-9f60-7a8b9c0d1e2f',
      clientId: CLIENT,
      date: '2026-03-02',
      type: 'first',
      durationMin: 60,
      note: { format: 'soap', subjective: 'Tired', objective: '', assessment: '', plan: '' },
      goals: [
        {
          id: '2b8f3c1e-2a4d-4c5e-9f60-7a8b9c0d1e2f',
          visitId: '1b8f3c1e-2a4d-4c5e-9f60-7a8b9c0d1e2f',
          visitDate: '2026-03-02',
          text: 'Weight',
          measureKind: 'weight',
          targetValue: 68.04,
          unit: 'lb',
          enteredTargetValue: 150,
          reviewOn: null,
          status: 'open',
        },
      ],
      nextFollowUp: '2026-04-01',
      acceptedRecommendationIds: [],
      createdAt: 1,
      updatedAt: 1,
    };
    const draft = draftOf(visit);
    expect(sameDraft(draft, draftOf(visit))).toBe(true);
    expect(inputOf(CLIENT, draft).goals?.[0]).toMatchObject({ id: visit.goals[0]?.id, targetValue: 150, unit: 'lb' });
    expect(sameDraft(draft, { ...draft, nextFollowUp: '2026-04-02' })).toBe(false);
  });

  it('shows the core’s messages beside the fields it names', () => {
    expect(['goals.0.text', 'note.assessment', 'nextFollowUp', 'goals'].every(isShownField)).toBe(true);
    expect(isShownField('acceptedRecommendationIds')).toBe(false);
  });
});
