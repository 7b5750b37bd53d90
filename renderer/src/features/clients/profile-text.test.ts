import { describe, expect, it } from 'vitest';
import { conditionsText, goalText } from './profile-text.ts';

describe('profile texts', () => {
  it('names the goal with its weekly rate for loss and gain only', () => {
    expect(goalText({ goal: 'loss', goalRateKgWeek: 0.25 })).toBe('Weight loss (0.25 kg a week)');
    expect(goalText({ goal: 'gain', goalRateKgWeek: null })).toBe('Weight gain (0.5 kg a week, the default)');
    expect(goalText({ goal: 'sport', goalRateKgWeek: 0.25 })).toBe('Sport');
    expect(goalText({ goal: 'maintenance', goalRateKgWeek: null })).toBe('Maintenance');
  });

  it('lists the conditions, with the CKD stage', () => {
    expect(conditionsText({ conditions: [], ckdStage: null })).toBe('None recorded');
    expect(conditionsText({ conditions: ['hypertension', 'chronic-kidney-disease'], ckdStage: 3 })).toBe(
      'Hypertension, Chronic kidney disease (stage 3)',
    );
    expect(conditionsText({ conditions: ['chronic-kidney-disease'], ckdStage: null })).toBe(
      'Chronic kidney disease (stage not recorded)',
    );
  });
});
