import { describe, expect, it } from 'vitest';
import {
  B12_PMOL_L_PER_PG_ML,
  CHOLESTEROL_MG_DL_PER_MMOL_L,
  convert,
  GLUCOSE_MG_DL_PER_MMOL_L,
  hba1cMmolMolToPercent,
  hba1cPercentToMmolMol,
  KINDS,
  TRIGLYCERIDE_MG_DL_PER_MMOL_L,
  VITAMIN_D_NMOL_L_PER_NG_ML,
} from './kinds.ts';

/**
 * Unit conversions of measurements. The factors are checked against the molar masses they follow
 * from (mg/dL per mmol/L = g/mol ÷ 10; nmol/L per ng/mL = 1000 ÷ g/mol), so a typo in a constant fails
 * here rather than in a client's chart.
 */

describe('conversion factors follow from the molar masses', () => {
  it.each([
    ['glucose C6H12O6 180.16 g/mol', GLUCOSE_MG_DL_PER_MMOL_L, 180.16 / 10, 3],
    ['cholesterol C27H46O 386.65 g/mol', CHOLESTEROL_MG_DL_PER_MMOL_L, 386.65 / 10, 2],
    ['triolein C57H104O6 885.4–885.7 g/mol', TRIGLYCERIDE_MG_DL_PER_MMOL_L, 885.7 / 10, 2],
    ['25-hydroxyvitamin D3 400.64 g/mol', VITAMIN_D_NMOL_L_PER_NG_ML, 1000 / 400.64, 3],
    ['cyanocobalamin 1355.37 g/mol', B12_PMOL_L_PER_PG_ML, 1000 / 1355.37, 3],
  ])('%s', (_name, factor, fromMolarMass, digits) => {
    // The published factor is the molar-mass value rounded to its last digit (38.665 → 38.67).
    expect(Math.abs(factor - fromMolarMass)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
  });
});

describe('conversions', () => {
  it('known laboratory equivalents', () => {
    // Glucose 126 mg/dL ≈ 7.0 mmol/L (the ADA fasting threshold quoted in both units).
    expect(convert('fasting-glucose', 126, 'mg/dL', 'mmol/L')).toBeCloseTo(6.99, 2);
    // LDL 100 mg/dL ≈ 2.59 mmol/L; triglycerides 150 mg/dL ≈ 1.69 mmol/L (NCEP ATP III in both units).
    expect(convert('ldl-cholesterol', 100, 'mg/dL', 'mmol/L')).toBeCloseTo(2.586, 3);
    expect(convert('triglycerides', 150, 'mg/dL', 'mmol/L')).toBeCloseTo(1.694, 3);
    // Vitamin D 20 ng/mL = 49.9 nmol/L (IOM 2011's 50 nmol/L).
    expect(convert('vitamin-d', 20, 'ng/mL', 'nmol/L')).toBeCloseTo(49.92, 2);
    // B12 200 pg/mL = 147.6 pmol/L (the BSH 148 pmol/L).
    expect(convert('b12', 200, 'pg/mL', 'pmol/L')).toBeCloseTo(147.6, 1);
    expect(convert('haemoglobin', 13.5, 'g/dL', 'g/L')).toBeCloseTo(135, 10);
    expect(convert('ferritin', 42, 'ng/mL', 'µg/L')).toBe(42);
    expect(convert('weight', 160, 'lb', 'kg')).toBeCloseTo(72.5748, 4);
    expect(convert('waist', 32, 'in', 'cm')).toBeCloseTo(81.28, 10);
  });

  it('HbA1c: the NGSP/IFCC table (6.5 % = 48 mmol/mol, 5.7 % = 39, 7 % = 53)', () => {
    expect(Math.round(hba1cPercentToMmolMol(6.5))).toBe(48);
    expect(Math.round(hba1cPercentToMmolMol(5.7))).toBe(39);
    expect(Math.round(hba1cPercentToMmolMol(7))).toBe(53);
    expect(hba1cMmolMolToPercent(48)).toBeCloseTo(6.54, 2);
    expect(convert('hba1c', 6.5, '%', 'mmol/mol')).toBeCloseTo(hba1cPercentToMmolMol(6.5), 10);
  });

  it('every unit of every kind round-trips through the canonical unit', () => {
    for (const k of KINDS) {
      for (const u of k.units) {
        for (const canonical of [k.min, (k.min + k.max) / 2, k.max]) {
          const entered = u.fromCanonical(canonical);
          expect(u.toCanonical(entered), `${k.kind} ${u.unit}`).toBeCloseTo(canonical, 9);
          expect(convert(k.kind, convert(k.kind, entered, u.unit, k.unit), k.unit, u.unit)).toBeCloseTo(entered, 9);
        }
        // A non-canonical unit is a real conversion with its source named.
        if (u.unit !== k.unit) expect(u.source, `${k.kind} ${u.unit}`).toBeTruthy();
      }
    }
  });

  it('a kind is not converted to a unit it is not measured in', () => {
    expect(() => convert('weight', 70, 'kg', 'mmol/L')).toThrow(/Weight is not measured in mmol\/L/);
  });

  it('every reference range names its source and lies within the kind’s plausible bounds', () => {
    for (const k of KINDS) {
      for (const r of k.ranges) {
        expect(r.source.length).toBeGreaterThan(10);
        for (const end of [r.low, r.high]) if (end !== null) expect(end).toBeGreaterThanOrEqual(k.min);
        for (const end of [r.low, r.high]) if (end !== null) expect(end).toBeLessThanOrEqual(k.max);
        expect(r.text).not.toMatch(/deficien|diagnos|disease|abnormal/i);
      }
    }
  });
});
