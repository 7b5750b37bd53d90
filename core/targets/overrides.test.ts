import { describe, expect, it } from 'vitest';
import { applyOverrides, practitionerSource } from './overrides.ts';
import { get, targetsFor } from './test-profiles.ts';

describe('applyOverrides', () => {
  const computed = targetsFor({});

  it('no overrides: unchanged', () => {
    expect(applyOverrides(computed, {})).toEqual(computed);
  });

  it('a micronutrient override moves the RDA floor but not the UL', () => {
    const iron = get(applyOverrides(computed, { ironMg: 25 }), 'ironMg');
    expect(iron).toMatchObject({ value: 25, min: 25, max: 45, ul: 45, computedValue: 18, overridden: true });
  });

  it('overriding a value capped at its UL keeps the UL as the maximum', () => {
    // Pregnant vegetarian: 27 × 1.8 = 48.6 mg, capped at the 45 mg UL, met from 40.5 mg.
    const capped = targetsFor({ lifeStage: 'pregnant', lifeStageDetail: 2, dietPattern: 'vegetarian' });
    expect(get(capped, 'ironMg')).toMatchObject({ value: 45, min: 40.5, max: 45 });
    const iron = get(applyOverrides(capped, { ironMg: 30 }), 'ironMg');
    expect(iron).toMatchObject({ value: 30, min: 30, max: 45, ul: 45 });
    // Confirming the UL itself keeps a range that can be met.
    expect(get(applyOverrides(capped, { ironMg: 45 }), 'ironMg')).toMatchObject({ value: 45, min: 40.5, max: 45 });
  });

  it('a limit override moves the ceiling', () => {
    const na = get(applyOverrides(computed, { sodiumMg: 2000 }), 'sodiumMg');
    expect(na).toMatchObject({ value: 2000, min: null, max: 2000, computedValue: 2300, overridden: true });
  });

  it('energy override 1800 kcal rescales the energy-derived targets', () => {
    const t = applyOverrides(computed, { energyKcal: 1800 });
    const e = get(t, 'energyKcal');
    expect(e).toMatchObject({ value: 1800, computedValue: 2046, overridden: true });
    expect(e.min).toBeCloseTo(1620, 9);
    expect(e.max).toBeCloseTo(1980, 9);
    // Fibre 14 × 1.8 = 25.2 g (computed from 2046 kcal: 28.644 g)
    const f = get(t, 'fibreG');
    expect(f.value).toBeCloseTo(25.2, 9);
    expect(f.min).toBeCloseTo(25.2, 9);
    expect(f.computedValue).toBeCloseTo(28.644, 9);
    expect(f.overridden).toBe(false);
    expect(f.source).toBe('IOM 2005 AI, 14 g per 1000 kcal of 2046 kcal; rescaled to the 1800 kcal energy override');
    // Carbohydrate 1800 × 0.55 / 4 = 247.5 g, range 202.5–292.5 g
    const c = get(t, 'carbG');
    expect(c.value).toBeCloseTo(247.5, 9);
    expect(c.min).toBeCloseTo(202.5, 9);
    expect(c.max).toBeCloseTo(292.5, 9);
    // Fat 1800 × 0.275 / 9 = 55 g, range 40–70 g
    const fat = get(t, 'fatG');
    expect(fat.value).toBeCloseTo(55, 9);
    expect(fat.min).toBeCloseTo(40, 9);
    expect(fat.max).toBeCloseTo(70, 9);
    // Saturated fat 180 / 9 = 20 g; added sugars 180 / 4 = 45 g
    expect(get(t, 'satFatG').value).toBeCloseTo(20, 9);
    expect(get(t, 'satFatG').max).toBeCloseTo(20, 9);
    expect(get(t, 'addedSugarG').value).toBeCloseTo(45, 9);
    // Protein stays weight-based (48 g); only its AMDR ceiling moves: 1800 × 0.35 / 4 = 157.5 g
    const p = get(t, 'proteinG');
    expect(p.value).toBeCloseTo(48, 9);
    expect(p.max).toBeCloseTo(157.5, 9);
    // Non-energy targets are untouched.
    expect(get(t, 'ironMg')).toEqual(get(computed, 'ironMg'));
  });

  it('an explicitly overridden fibre stays when energy is overridden too', () => {
    const t = applyOverrides(computed, { energyKcal: 1800, fibreG: 30 });
    const f = get(t, 'fibreG');
    expect(f.value).toBe(30);
    expect(f.min).toBe(30);
    expect(f.overridden).toBe(true);
    expect(f.computedValue).toBeCloseTo(28.644, 9);
  });

  it('an overridden carbohydrate keeps its value while its AMDR bounds follow the new energy', () => {
    const c = get(applyOverrides(computed, { energyKcal: 1800, carbG: 200 }), 'carbG');
    expect(c.value).toBe(200);
    expect(c.min).toBeCloseTo(202.5, 9);
    expect(c.max).toBeCloseTo(292.5, 9);
  });

  it('refuses targets that were already overridden', () => {
    const once = applyOverrides(computed, { energyKcal: 1800 });
    expect(() => applyOverrides(once, { energyKcal: 1800 })).toThrow('freshly computed');
  });
});

describe('override labelling', () => {
  const computed = targetsFor({});
  const row = { note: 'Hypertension: AHA/ACC 2017 sodium goal, agreed with Dr Sousa', effectiveFrom: '2025-06-01' };

  it("sodium overridden to 1,500 mg is the practitioner's value with the note; the computed citation stays", () => {
    const na = get(applyOverrides(computed, { sodiumMg: 1500 }, row), 'sodiumMg');
    expect(na).toMatchObject({ value: 1500, max: 1500, overridden: true, computedValue: 2300, overrideNote: row.note });
    expect(na.source).toContain('set by the practitioner');
    expect(na.source).toContain('in force from 2025-06-01');
    expect(na.source).toContain(row.note);
    expect(na.source).not.toContain('NASEM');
    expect(na.computedSource).toContain('NASEM 2019');
  });

  it('an override without a note says so; targets not overridden keep their citation and no note', () => {
    const t = applyOverrides(computed, { sodiumMg: 1500 }, { note: null, effectiveFrom: '2025-06-01' });
    expect(get(t, 'sodiumMg').source).toContain('No note was given.');
    expect(get(t, 'sodiumMg').overrideNote).toBeNull();
    const iron = get(t, 'ironMg');
    expect(iron).toMatchObject({ overridden: false, overrideNote: null });
    expect(iron.source).toBe(iron.computedSource);
  });

  it('an override above the UL is labelled as such', () => {
    const iron = get(targetsFor({}), 'ironMg');
    expect(practitionerSource(iron, 60, row)).toContain('Above the UL of 45 mg');
    expect(practitionerSource(iron, 30, row)).not.toContain('UL');
  });

  it('a suggestion the override applied is dropped; another override keeps it', () => {
    const hypertensive = targetsFor({ conditions: ['hypertension'] });
    expect(get(hypertensive, 'sodiumMg').suggestion?.value).toBe(1500);
    expect(get(applyOverrides(hypertensive, { sodiumMg: 1500 }, row), 'sodiumMg').suggestion).toBeNull();
    expect(get(applyOverrides(hypertensive, { sodiumMg: 2000 }, row), 'sodiumMg').suggestion?.value).toBe(1500);
  });

  it('an energy override leaves the per-kg sport protein range alone but moves the AMDR ceiling otherwise', () => {
    const sport = targetsFor({ goal: 'sport' });
    const p = get(applyOverrides(sport, { energyKcal: 1800 }), 'proteinG');
    expect(p.max).toBeCloseTo(2.0 * 60, 9);
    const plain = get(applyOverrides(computed, { energyKcal: 1800 }), 'proteinG');
    expect(plain.max).toBeCloseTo((1800 * 0.35) / 4, 9);
  });
});
