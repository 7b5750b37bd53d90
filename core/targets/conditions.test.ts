import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../contract/common.ts';
import { TARGET_KEYS } from '../contract/targets.ts';
import { CONDITION_REFERENCES } from './conditions.ts';
import { bornYearsAgo, get, targetsFor } from './test-profiles.ts';

const sources = (notes: { source: string }[]): string => notes.map((n) => n.source).join(' | ');

describe('conditions: hypertension', () => {
  it('suggests 1,500 mg sodium for an adult, citing AHA/ACC 2017, without changing the target', () => {
    const na = get(targetsFor({ conditions: ['hypertension'] }), 'sodiumMg');
    expect(na.value).toBe(get(targetsFor({}), 'sodiumMg').value);
    expect(na.overridden).toBe(false);
    expect(na.suggestion?.value).toBe(1500);
    expect(na.suggestion?.source).toContain('AHA/ACC 2017');
    expect(na.suggestion?.source).toContain('Whelton');
  });

  it('makes no suggestion under 18 y or in pregnancy, and notes why', () => {
    const teen = get(targetsFor({ conditions: ['hypertension'], birthDate: bornYearsAgo(16) }), 'sodiumMg');
    expect(teen.suggestion).toBeNull();
    expect(teen.notes[0]?.text).toContain('for adults');
    const pregnant = get(
      targetsFor({ conditions: ['hypertension'], lifeStage: 'pregnant', lifeStageDetail: 2 }),
      'sodiumMg',
    );
    expect(pregnant.suggestion).toBeNull();
    expect(pregnant.notes[0]?.text).toContain('obstetric team');
  });

  it('no other condition leaves a suggestion on sodium', () => {
    expect(get(targetsFor({}), 'sodiumMg').suggestion).toBeNull();
  });
});

describe('conditions: type 2 diabetes', () => {
  it('adds ADA notes (carbohydrate individualised, fibre, saturated fat, sodium) and no numbers', () => {
    const t = targetsFor({ conditions: ['type-2-diabetes'] });
    for (const key of ['carbG', 'fibreG', 'satFatG', 'sodiumMg'] as const) {
      expect(sources(get(t, key).notes)).toContain('ADA Standards of Care');
    }
    expect(get(t, 'carbG').notes[0]?.text).toContain('individualised');
    expect(t.every((x) => x.suggestion === null)).toBe(true);
    expect(t.map((x) => x.value)).toEqual(targetsFor({}).map((x) => x.value));
  });
});

describe('conditions: chronic kidney disease (KDOQI 2020)', () => {
  it('stage 3: protein suggestion 0.55–0.6 g/kg (0.6 × 60 = 36 g), sodium < 2,300, potassium informational', () => {
    const t = targetsFor({ conditions: ['chronic-kidney-disease'], ckdStage: 3 });
    const p = get(t, 'proteinG');
    expect(p.value).toBeCloseTo(0.8 * 60, 9);
    expect(p.suggestion?.value).toBeCloseTo(0.6 * 60, 9);
    expect(p.suggestion?.reason).toContain('0.55–0.6 g/kg');
    expect(p.suggestion?.reason).toContain('dialysis');
    expect(p.suggestion?.source).toContain('KDOQI');
    const na = get(t, 'sodiumMg');
    expect(na.suggestion).toBeNull(); // the adult target is already 2,300 mg
    expect(sources(na.notes)).toContain('KDOQI');
    const k = get(t, 'potassiumMg');
    expect(k).toMatchObject({ kind: 'info', min: null, value: get(targetsFor({}), 'potassiumMg').value });
    expect(k.source).toContain('not as a minimum');
  });

  it('with diabetes the range is 0.6–0.8 g/kg, whose upper end is the RDA itself: a note, no suggestion', () => {
    const p = get(targetsFor({ conditions: ['chronic-kidney-disease', 'type-2-diabetes'], ckdStage: 4 }), 'proteinG');
    expect(p.suggestion).toBeNull();
    expect(p.notes.map((n) => n.text).join()).toContain('0.6–0.8 g/kg');
  });

  it('stages 1–2, a missing stage, under 18 y and pregnancy: notes only, potassium stays an AI', () => {
    const cases = [
      { ckdStage: 2 },
      { ckdStage: null },
      { ckdStage: 4, birthDate: bornYearsAgo(15), heightCm: 160, weightKg: 50 },
      { ckdStage: 4, lifeStage: 'pregnant' as const, lifeStageDetail: 2 },
    ];
    for (const c of cases) {
      const t = targetsFor({ conditions: ['chronic-kidney-disease'], ...c });
      expect(get(t, 'proteinG').suggestion).toBeNull();
      expect(sources(get(t, 'proteinG').notes)).toContain('KDOQI');
      expect(get(t, 'potassiumMg').kind).toBe('ai');
    }
  });

  it('with hypertension the lower sodium suggestion (1,500 mg) is kept and KDOQI is noted', () => {
    const na = get(targetsFor({ conditions: ['hypertension', 'chronic-kidney-disease'], ckdStage: 3 }), 'sodiumMg');
    expect(na.suggestion?.value).toBe(1500);
    expect(sources(na.notes)).toContain('KDOQI');
  });
});

describe('conditions: notes with their references', () => {
  it('coeliac disease: fibre, iron and folate from gluten-free grains (Thompson 2000)', () => {
    const t = targetsFor({ conditions: ['coeliac-disease'] });
    for (const key of ['fibreG', 'ironMg', 'folateMcg'] as const)
      expect(sources(get(t, key).notes)).toBe(CONDITION_REFERENCES.coeliac);
  });

  it('iron-deficiency history: intake alone does not treat it; blood tests assess iron status (WHO 2020)', () => {
    const iron = get(targetsFor({ conditions: ['iron-deficiency'] }), 'ironMg');
    expect(iron.value).toBe(18);
    expect(iron.notes[0]?.text).toContain('does not treat iron deficiency');
    expect(iron.notes[0]?.source).toContain('WHO 2020');
  });

  it('lactose intolerance: a calcium note (NIH 2010)', () => {
    const ca = get(targetsFor({ conditions: ['lactose-intolerance'] }), 'calciumMg');
    expect(ca.notes[0]?.text).toContain('lactose-free');
    expect(ca.notes[0]?.source).toContain('NIH');
  });

  it('every note and suggestion names a reference, and a client without conditions has none', () => {
    const all = targetsFor({ conditions: [...CONDITIONS], ckdStage: 5 });
    expect(all).toHaveLength(TARGET_KEYS.length);
    for (const t of all) {
      for (const n of t.notes) expect(n.source.length).toBeGreaterThan(20);
      if (t.suggestion) expect(t.suggestion.source.length).toBeGreaterThan(20);
    }
    expect(targetsFor({}).every((t) => t.notes.length === 0 && t.suggestion === null)).toBe(true);
  });
});
