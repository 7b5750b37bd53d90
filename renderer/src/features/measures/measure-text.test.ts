import { describe, expect, it } from 'vitest';
import type { Measurement, MeasureKindInfo, ReferenceRange } from '@contract/measures.ts';
import type { Goal } from '@contract/visits.ts';
import {
  changeSinceFirst,
  changeText,
  chartSummary,
  chartGoal,
  chartPoints,
  convertedText,
  displayText,
  enteredText,
  groupReadings,
  inputOf,
  rangesFor,
  readingName,
} from './measure-text.ts';

let seq = 0;
function reading(over: Partial<Measurement>): Measurement {
  seq += 1;
  return {
    id: `m${seq}`,
    clientId: 'c1',
    kind: 'weight',
    label: 'Weight',
    customName: null,
    value: 70,
    value2: null,
    canonicalUnit: 'kg',
    unit: 'kg',
    enteredValue: 70,
    enteredValue2: null,
    date: '2026-10-01',
    method: null,
    note: null,
    createdAt: seq,
    updatedAt: seq,
    ...over,
  };
}

function range(over: Partial<ReferenceRange> & Pick<ReferenceRange, 'text' | 'source'>): ReferenceRange {
  return { low: null, high: null, sex: null, texts: {}, notInPregnancy: false, ...over };
}

const info = (kind: MeasureKindInfo['kind'], over: Partial<MeasureKindInfo> = {}): MeasureKindInfo => ({
  kind,
  label: kind,
  unit: 'kg',
  units: [{ unit: 'kg', source: null }],
  min: 0,
  max: 500,
  pair: null,
  method: false,
  ranges: [],
  ...over,
});

const goal = (over: Partial<Goal>): Goal => ({
  id: 'g',
  visitId: 'v',
  visitDate: '2026-10-01',
  text: 'Goal',
  measureKind: 'weight',
  targetValue: 68,
  unit: 'kg',
  enteredTargetValue: 68,
  reviewOn: null,
  status: 'open',
  ...over,
});

describe('measure text', () => {
  it('shows a reading as typed and, when typed in another unit, in the unit of the Settings system', () => {
    // 160 lb × 0.45359237 = 72.5748 kg.
    const lb = reading({ value: 72.5747792, unit: 'lb', enteredValue: 160 });
    expect(enteredText(lb)).toBe('160 lb');
    expect(convertedText(lb, 'metric')).toBe('72.6 kg');
    expect(convertedText(lb, 'us')).toBeNull();
    const kg = reading({ value: 72.4, enteredValue: 72.4 });
    expect(convertedText(kg, 'us')).toBe('159.6 lb');
    // Lab values: beside mg/dL, the canonical mmol/L whatever the system (100 ÷ 38.67 = 2.586).
    const ldl = reading({
      kind: 'ldl-cholesterol',
      label: 'LDL cholesterol',
      value: 100 / 38.67,
      canonicalUnit: 'mmol/L',
      unit: 'mg/dL',
      enteredValue: 100,
    });
    expect(convertedText(ldl, 'us')).toBe('2.59 mmol/L');
    const bp = reading({ kind: 'blood-pressure', value: 128, value2: 82, canonicalUnit: 'mmHg', unit: 'mmHg' });
    expect(enteredText({ ...bp, enteredValue: 128, enteredValue2: 82 })).toBe('128/82 mmHg');
    expect(displayText(bp, 'us')).toBe('128/82 mmHg');
    const custom = reading({ kind: 'custom', label: 'Grip', customName: 'Grip', unit: 'kgf', canonicalUnit: 'kgf' });
    expect(convertedText(custom, 'us')).toBeNull();
  });

  it('groups by kind in the core’s order, custom kinds after by name, latest first within a group', () => {
    const kinds = [info('weight'), info('waist'), info('ferritin')];
    const list = [
      reading({ kind: 'ferritin', label: 'Ferritin', date: '2026-11-01' }),
      reading({ date: '2026-09-01' }),
      reading({ kind: 'custom', label: 'Zinc taste', customName: 'Zinc taste', unit: 'score' }),
      reading({ date: '2026-11-01' }),
      reading({ kind: 'custom', label: 'Grip', customName: 'Grip', unit: 'kgf' }),
      reading({ kind: 'custom', label: 'grip ', customName: 'grip ', unit: 'kgf' }),
      reading({ date: '2026-11-01', enteredValue: 69 }),
    ];
    const groups = groupReadings(list, kinds, 'metric');
    expect(groups.map((g) => g.key)).toEqual(['weight', 'ferritin', 'custom:grip|kgf', 'custom:zinc taste|score']);
    // Same day: the later recorded first.
    expect(groups[0]!.readings.map((m) => [m.date, m.enteredValue])).toEqual([
      ['2026-11-01', 69],
      ['2026-11-01', 70],
      ['2026-09-01', 70],
    ]);
    expect(groups[2]!.readings).toHaveLength(2);
    expect(chartPoints(groups[0]!, 'metric').map((p) => p.date)).toEqual(['2026-09-01', '2026-11-01', '2026-11-01']);
  });

  it('gives the reference ranges that apply to the client’s sex, with their source, and all when unknown', () => {
    const hdl = info('hdl-cholesterol', {
      ranges: [
        range({ low: 1.03, sex: 'male', text: '40 mg/dL (1.0 mmol/L) or more', source: 'ATP III' }),
        range({ low: 1.29, sex: 'female', text: '50 mg/dL (1.3 mmol/L) or more', source: 'ATP III' }),
      ],
    });
    const none = { lifeStage: 'none' } as const;
    expect(rangesFor(hdl, { sex: 'female', ...none }, 'metric')).toEqual(['50 mg/dL (1.3 mmol/L) or more — ATP III']);
    expect(rangesFor(hdl, { sex: null, ...none }, 'metric')).toHaveLength(2);
    expect(rangesFor(undefined, { sex: 'male', ...none }, 'metric')).toEqual([]);
  });

  it('writes a waist range in the unit the waist is shown in, and leaves it out in pregnancy', () => {
    const waist = info('waist', {
      unit: 'cm',
      ranges: [
        range({
          high: 80,
          sex: 'female',
          text: 'below 80 cm (women, Europid)',
          texts: { cm: 'below 80 cm (women, Europid)', in: 'below 31.5 in (women, Europid)' },
          notInPregnancy: true,
          source: 'WHO 2008',
        }),
      ],
    });
    expect(rangesFor(waist, { sex: 'female', lifeStage: 'none' }, 'us')).toEqual([
      'below 31.5 in (women, Europid) — WHO 2008',
    ]);
    expect(rangesFor(waist, { sex: 'female', lifeStage: 'none' }, 'metric')).toEqual([
      'below 80 cm (women, Europid) — WHO 2008',
    ]);
    expect(rangesFor(waist, { sex: 'female', lifeStage: 'pregnant' }, 'metric')).toEqual([]);
    expect(rangesFor(waist, { sex: 'female', lifeStage: 'lactating' }, 'metric')).toHaveLength(1);
  });

  it('says the change since the first reading with a true minus sign, both values for blood pressure', () => {
    const kinds = [info('weight'), info('blood-pressure')];
    const [weight] = groupReadings(
      [reading({ value: 75.6, date: '2026-10-12' }), reading({ value: 72.4, date: '2026-11-20' })],
      kinds,
      'metric',
    );
    expect(changeSinceFirst(weight!, 'metric')).toEqual({ text: '−3.2 kg', since: '2026-10-12', firstVisit: null });
    expect(changeSinceFirst(weight!, 'us')).toEqual({ text: '−7.1 lb', since: '2026-10-12', firstVisit: null });
    const [same] = groupReadings(
      [reading({ value: 70, date: '2026-10-12' }), reading({ value: 70.01, date: '2026-11-20' })],
      kinds,
      'metric',
    );
    expect(changeSinceFirst(same!, 'metric')?.text).toBe('0 kg');
    const bp = { kind: 'blood-pressure' as const, label: 'Blood pressure', canonicalUnit: 'mmHg', unit: 'mmHg' };
    const [pressure] = groupReadings(
      [
        reading({ ...bp, value: 134, value2: 84, date: '2026-10-12' }),
        reading({ ...bp, value: 128, value2: 86, date: '2026-11-20' }),
      ],
      kinds,
      'metric',
    );
    expect(changeSinceFirst(pressure!, 'metric')?.text).toBe('−6/+2 mmHg');
    const [one] = groupReadings([reading({})], kinds, 'metric');
    expect(changeSinceFirst(one!, 'metric')).toBeNull();
  });

  it('counts the change from the reading in force on the day of the first visit, when there is one', () => {
    const [weight] = groupReadings(
      [
        reading({ value: 80, date: '2026-09-01' }),
        reading({ value: 78.5, date: '2026-10-12' }),
        reading({ value: 76, date: '2026-11-20' }),
      ],
      [info('weight')],
      'metric',
    );
    // The first visit on 15 Oct: the reading in force that day is the one of 12 Oct, not the first.
    const change = changeSinceFirst(weight!, 'metric', '2026-10-15');
    expect(change).toEqual({ text: '−2.5 kg', since: '2026-10-12', firstVisit: '2026-10-15' });
    expect(changeText(change!)).toBe('Change since the first visit (Oct 15, 2026): −2.5 kg');
    expect(chartSummary(weight!, 'metric', null, '2026-10-15')).toContain(
      'change since the first visit (Oct 15, 2026) −2.5 kg',
    );
    // Nothing measured by the first visit: counted from the first reading, and said so.
    const early = changeSinceFirst(weight!, 'metric', '2026-08-01');
    expect(early).toEqual({ text: '−4 kg', since: '2026-09-01', firstVisit: null });
    expect(changeText(early!)).toBe('Change since first reading: −4 kg (since Sep 1, 2026)');
    // The latest reading is the one in force at the first visit: no change to tell.
    expect(changeSinceFirst(weight!, 'metric', '2026-12-01')).toBeNull();
  });

  it('draws the open goal of the latest visit for the charted kind, converted to the chart’s unit', () => {
    const [weight] = groupReadings([reading({})], [info('weight')], 'us');
    const goals = [
      goal({ id: 'new', visitDate: '2026-10-01', targetValue: 68, reviewOn: '2027-03-01' }),
      // Listed after it: a visit of the same day recorded earlier, and an older visit.
      goal({ id: 'same-day-earlier', visitDate: '2026-10-01', targetValue: 69 }),
      goal({ id: 'old', visitDate: '2026-09-01', targetValue: 70 }),
      goal({ id: 'met', visitDate: '2026-11-01', targetValue: 60, status: 'met' }),
      goal({ id: 'waist', visitDate: '2026-11-01', measureKind: 'waist', targetValue: 80 }),
      goal({ id: 'none', visitDate: '2026-11-01', targetValue: null }),
    ];
    // 68 kg ÷ 0.45359237 = 149.91 lb.
    expect(chartGoal(goals, weight!, 'us')).toMatchObject({ text: '149.9 lb', reviewOn: '2027-03-01' });
    expect(chartGoal([], weight!, 'us')).toBeNull();
    const [custom] = groupReadings(
      [reading({ kind: 'custom', label: 'Grip', unit: 'kgf', canonicalUnit: 'kgf' })],
      [],
      'metric',
    );
    expect(chartGoal([goal({ measureKind: 'custom', targetValue: 30 })], custom!, 'metric')).toBeNull();
  });

  it('names a reading and re-adds it as it was entered', () => {
    const m = reading({
      kind: 'body-fat',
      label: 'Body fat',
      value: 24.5,
      unit: '%',
      enteredValue: 24.5,
      date: '2026-10-12',
      method: 'BIA',
    });
    expect(readingName(m, true)).toBe('Body fat, 24.5 % on Oct 12, 2026');
    expect(readingName(m, false)).toBe('Body fat, Oct 12, 2026');
    expect(inputOf(m)).toEqual({
      clientId: 'c1',
      kind: 'body-fat',
      value: 24.5,
      unit: '%',
      date: '2026-10-12',
      method: 'BIA',
    });
    const custom = reading({ kind: 'custom', label: 'Grip', customName: 'Grip', unit: 'kgf', enteredValue: 34 });
    expect(inputOf(custom)).toMatchObject({ kind: 'custom', customName: 'Grip', value: 34, unit: 'kgf' });
  });
});
