import { TARGET_KEYS } from '../api/schemas.ts';
import type { TargetKey, TargetValue } from '../api/schemas.ts';
import {
  amdrFor,
  CALCIUM,
  DGA_ADDED_SUGAR_MAX_FRACTION,
  DGA_LIMITS_FROM_AGE,
  DGA_SAT_FAT_MAX_FRACTION,
  driGroup,
  FIBRE_G_PER_1000_KCAL,
  FOLATE,
  IRON,
  KCAL_PER_G,
  lookup,
  MAGNESIUM,
  POTASSIUM,
  PROTEIN_RDA_G_PER_KG,
  SODIUM,
  VITAMIN_A,
  VITAMIN_B12,
  VITAMIN_C,
  VITAMIN_D,
  WATER_AI_L,
  ZINC,
} from './dri-tables.ts';
import type { DriGroup, NutrientReference } from './dri-tables.ts';
import { estimateEnergy } from './energy.ts';
import type { ActivityLevel, EnergyEquation, LifeStage, Sex } from './types.ts';

/**
 * Nutrient targets for one client: energy from an equation, macronutrients from energy and weight,
 * micronutrients from the DRI tables. Values are not rounded (except energy, to whole kcal, since every
 * energy-derived target is computed from it); round for display.
 */

export const NUTRIENT_LABELS: Readonly<Record<TargetKey, string>> = {
  energyKcal: 'Energy',
  proteinG: 'Protein',
  carbG: 'Carbohydrate',
  fatG: 'Fat',
  satFatG: 'Saturated fat',
  addedSugarG: 'Added sugars',
  fibreG: 'Fibre',
  waterL: 'Water',
  sodiumMg: 'Sodium',
  potassiumMg: 'Potassium',
  calciumMg: 'Calcium',
  ironMg: 'Iron',
  magnesiumMg: 'Magnesium',
  zincMg: 'Zinc',
  vitaminDMcg: 'Vitamin D',
  vitaminB12Mcg: 'Vitamin B12',
  folateMcg: 'Folate (DFE)',
  vitaminCMg: 'Vitamin C',
  vitaminAMcg: 'Vitamin A (RAE)',
};

export const NUTRIENT_UNITS: Readonly<Record<TargetKey, string>> = {
  energyKcal: 'kcal',
  proteinG: 'g',
  carbG: 'g',
  fatG: 'g',
  satFatG: 'g',
  addedSugarG: 'g',
  fibreG: 'g',
  waterL: 'L',
  sodiumMg: 'mg',
  potassiumMg: 'mg',
  calciumMg: 'mg',
  ironMg: 'mg',
  magnesiumMg: 'mg',
  zincMg: 'mg',
  vitaminDMcg: 'µg',
  vitaminB12Mcg: 'µg',
  folateMcg: 'µg',
  vitaminCMg: 'mg',
  vitaminAMcg: 'µg',
};

/** Energy target band: ±10 % of the estimate, roughly the error of a predictive equation for one person. */
export const ENERGY_BAND = 0.1;

export interface TargetProfile {
  sex: Sex | null;
  birthDate: string | null;
  heightCm: number | null;
  weightKg: number | null;
  activityLevel: ActivityLevel;
  lifeStage: LifeStage;
  /** Pregnancy trimester (1–3) or months post-partum while lactating (1–24). */
  lifeStageDetail: number | null;
}

export interface ComputedTargets {
  targets: TargetValue[];
  bmrKcal: number | null;
  pal: number | null;
  ageYears: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): [number, number, number] {
  const m = DATE_RE.exec(s);
  if (m === null) throw new RangeError(`Not a date like 1985-04-23: ${s}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`This date does not exist: ${s}`);
  }
  return [y, mo, d];
}

/**
 * Age in completed years on `asOf` (both YYYY-MM-DD), by comparing calendar fields, so no time zone or
 * day-length arithmetic is involved. Someone born on 29 February turns a year older on 1 March in common
 * years (28 February is still before the birthday), the rule used e.g. in UK and New Zealand law.
 * Negative when asOf precedes the birth date.
 */
export function ageInYears(birthDate: string, asOf: string): number {
  const [by, bm, bd] = parseDate(birthDate);
  const [ay, am, ad] = parseDate(asOf);
  const hadBirthday = am > bm || (am === bm && ad >= bd);
  return ay - by - (hadBirthday ? 0 : 1);
}

/** Only females can be pregnant or lactating here; a stray life stage on a male profile is ignored. */
function effectiveLifeStage(sex: Sex, lifeStage: LifeStage): LifeStage {
  return sex === 'female' ? lifeStage : 'none';
}

/**
 * What the profile lacks for targets, in words for the practitioner. Besides sex, birth date, height and
 * weight, a pregnant or lactating (female or not-yet-known sex) client needs the trimester or months
 * post-partum, because the energy and protein additions depend on them.
 */
export function missingForTargets(p: TargetProfile, asOf: string): string[] {
  const missing: string[] = [];
  // A malformed birth date counts as missing rather than throwing: this function only reports.
  let age: number | null = null;
  if (p.birthDate !== null) {
    try {
      age = ageInYears(p.birthDate, asOf);
    } catch {
      age = null;
    }
  }
  if (p.sex === null) missing.push('sex');
  if (age === null) missing.push('birth date');
  if (p.heightCm === null || !(p.heightCm > 0)) missing.push('height');
  if (p.weightKg === null || !(p.weightKg > 0)) missing.push('weight');
  if (age !== null && age < 1) missing.push('age of at least 1 year');
  if (p.sex !== 'male') {
    const d = p.lifeStageDetail;
    if (p.lifeStage === 'pregnant' && (d === null || !Number.isInteger(d) || d < 1 || d > 3)) {
      missing.push('pregnancy trimester');
    }
    if (p.lifeStage === 'lactating' && (d === null || !Number.isInteger(d) || d < 1 || d > 24)) {
      missing.push('months post-partum');
    }
  }
  return missing;
}

function target(
  key: TargetKey,
  value: number,
  min: number | null,
  max: number | null,
  kind: TargetValue['kind'],
  source: string,
): TargetValue {
  return {
    key,
    label: NUTRIENT_LABELS[key],
    unit: NUTRIENT_UNITS[key],
    value,
    min,
    max,
    kind,
    source,
    computedValue: value,
    overridden: false,
  };
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}

/** A micronutrient target from a DRI table: min = the RDA/AI, max = the UL where it bounds food intake. */
function fromReference(key: TargetKey, ref: NutrientReference, g: DriGroup): TargetValue {
  const value = lookup(ref.values, g);
  const kindWord = ref.kind === 'rda' ? 'RDA' : ref.kind === 'ai' ? 'AI' : 'CDRR';
  let source = `${ref.report} DRI, ${kindWord}, ${g.label}`;
  if (ref.kind === 'cdrr') return target(key, value, null, value, 'cdrr', source);
  let max: number | null = null;
  if (ref.ul !== null) {
    const ul = lookup(ref.ul.values, g);
    if (ref.ul.fromFood) max = ul;
    if (ref.ul.note !== null) source += `; ${ref.ul.note}${ref.ul.fromFood ? '' : ` (${ul} ${NUTRIENT_UNITS[key]})`}`;
  }
  return target(key, value, value, max, ref.kind, source);
}

/**
 * All targets for a complete profile (check `missingForTargets` first; this throws otherwise), one per
 * TARGET_KEYS entry in that order, none overridden.
 */
export function computeTargets(p: TargetProfile, equation: EnergyEquation, asOf: string): ComputedTargets {
  const missing = missingForTargets(p, asOf);
  if (missing.length > 0 || p.sex === null || p.birthDate === null || p.heightCm === null || p.weightKg === null) {
    throw new RangeError(`Targets need: ${missing.join(', ')}.`);
  }
  const sex = p.sex;
  const weightKg = p.weightKg;
  const ageYears = ageInYears(p.birthDate, asOf);
  const lifeStage = effectiveLifeStage(sex, p.lifeStage);
  const detail = lifeStage === 'none' ? null : p.lifeStageDetail;
  const g = driGroup(sex, ageYears, lifeStage);

  const energy = estimateEnergy(
    {
      sex,
      ageYears,
      weightKg,
      heightCm: p.heightCm,
      activityLevel: p.activityLevel,
      lifeStage,
      lifeStageDetail: detail,
    },
    equation,
  );
  // Whole kcal: the equations are nowhere near that precise, and every derived target uses this number.
  const kcal = Math.round(energy.kcal);
  const amdr = amdrFor(ageYears);

  // Protein: the pregnancy RDA covers the second half of pregnancy only (IOM 2005, ch. 10), so the
  // 1st trimester uses the non-pregnant row of the same age.
  const proteinGroup = lifeStage === 'pregnant' && detail === 1 ? driGroup(sex, ageYears, 'none') : g;
  const gPerKg = lookup(PROTEIN_RDA_G_PER_KG, proteinGroup);
  const proteinG = gPerKg * weightKg;
  const proteinMax = (kcal * amdr.protein[1]) / KCAL_PER_G.protein;

  const carbRange = amdr.carbohydrate;
  const fatRange = amdr.fat;
  const carbMid = (carbRange[0] + carbRange[1]) / 2;
  const fatMid = (fatRange[0] + fatRange[1]) / 2;
  const satFatG = (kcal * DGA_SAT_FAT_MAX_FRACTION) / KCAL_PER_G.fat;
  const toddler = ageYears < DGA_LIMITS_FROM_AGE;
  const addedSugarG = toddler ? 0 : (kcal * DGA_ADDED_SUGAR_MAX_FRACTION) / KCAL_PER_G.carbohydrate;

  const byKey: Record<TargetKey, TargetValue> = {
    energyKcal: target('energyKcal', kcal, kcal * (1 - ENERGY_BAND), kcal * (1 + ENERGY_BAND), 'goal', energy.source),
    proteinG: target(
      'proteinG',
      proteinG,
      proteinG,
      proteinMax,
      'rda',
      `IOM 2005 RDA ${gPerKg} g/kg × ${weightKg} kg, ${proteinGroup.label}; max = AMDR ${pct(amdr.protein[1])} of energy`,
    ),
    carbG: target(
      'carbG',
      (kcal * carbMid) / KCAL_PER_G.carbohydrate,
      (kcal * carbRange[0]) / KCAL_PER_G.carbohydrate,
      (kcal * carbRange[1]) / KCAL_PER_G.carbohydrate,
      'amdr',
      `IOM 2005 AMDR ${pct(carbRange[0])}–${pct(carbRange[1])} of energy (midpoint)`,
    ),
    fatG: target(
      'fatG',
      (kcal * fatMid) / KCAL_PER_G.fat,
      (kcal * fatRange[0]) / KCAL_PER_G.fat,
      (kcal * fatRange[1]) / KCAL_PER_G.fat,
      'amdr',
      `IOM 2005 AMDR ${pct(fatRange[0])}–${pct(fatRange[1])} of energy (midpoint)`,
    ),
    satFatG: target(
      'satFatG',
      satFatG,
      null,
      satFatG,
      'limit',
      toddler
        ? 'DGA 2020–2025, < 10 % of energy (set from age 2; shown for reference)'
        : 'DGA 2020–2025, < 10 % of energy',
    ),
    addedSugarG: target(
      'addedSugarG',
      addedSugarG,
      null,
      addedSugarG,
      'limit',
      toddler ? 'DGA 2020–2025, no added sugars under 2 y' : 'DGA 2020–2025, < 10 % of energy',
    ),
    fibreG: (() => {
      const fibre = (FIBRE_G_PER_1000_KCAL * kcal) / 1000;
      return target('fibreG', fibre, fibre, null, 'ai', `IOM 2005 AI, 14 g per 1000 kcal of ${kcal} kcal`);
    })(),
    waterL: (() => {
      const water = lookup(WATER_AI_L, g);
      return target('waterL', water, water, null, 'ai', `IOM 2004 DRI, AI (total water), ${g.label}`);
    })(),
    sodiumMg: fromReference('sodiumMg', SODIUM, g),
    potassiumMg: fromReference('potassiumMg', POTASSIUM, g),
    calciumMg: fromReference('calciumMg', CALCIUM, g),
    ironMg: fromReference('ironMg', IRON, g),
    magnesiumMg: fromReference('magnesiumMg', MAGNESIUM, g),
    zincMg: fromReference('zincMg', ZINC, g),
    vitaminDMcg: fromReference('vitaminDMcg', VITAMIN_D, g),
    vitaminB12Mcg: fromReference('vitaminB12Mcg', VITAMIN_B12, g),
    folateMcg: fromReference('folateMcg', FOLATE, g),
    vitaminCMg: fromReference('vitaminCMg', VITAMIN_C, g),
    vitaminAMcg: fromReference('vitaminAMcg', VITAMIN_A, g),
  };

  return {
    targets: TARGET_KEYS.map((k) => byKey[k]),
    bmrKcal: energy.bmrKcal,
    pal: energy.pal,
    ageYears,
  };
}

/**
 * Which fields of each target are proportional to energy, so scale when energy is overridden. Protein's
 * value comes from body weight and stays; only its AMDR ceiling moves.
 */
const ENERGY_DERIVED: Partial<Record<TargetKey, { value: boolean; min: boolean; max: boolean }>> = {
  proteinG: { value: false, min: false, max: true },
  carbG: { value: true, min: true, max: true },
  fatG: { value: true, min: true, max: true },
  satFatG: { value: true, min: false, max: true },
  addedSugarG: { value: true, min: false, max: true },
  fibreG: { value: true, min: true, max: false },
};

/**
 * Apply a practitioner's overrides to freshly computed targets (the output of `computeTargets`; throws if
 * given targets that already carry overrides, which would otherwise be scaled twice).
 *
 * - An overridden target gets `value` = the override and `overridden: true`; `computedValue` and
 *   `source` keep describing what was computed.
 * - Bounds that were the value itself follow the override: min of an RDA/AI, max of a limit/CDRR; the
 *   energy ±10 % band is recentred on the override. Independent bounds (AMDR, UL) stay.
 * - Overriding energy rescales everything derived from it (carbohydrate, fat, saturated fat, added sugars,
 *   fibre, and protein's AMDR ceiling) by override / computed energy, which equals recomputing them from
 *   the new energy because they are linear in it. A derived target that is itself overridden keeps its
 *   override, but its AMDR bounds still move with energy. Rescaled targets keep `overridden: false` and
 *   their `computedValue` (from the computed energy), so value ≠ computedValue marks them; their
 *   `source` says so.
 */
export function applyOverrides(targets: TargetValue[], overrides: Partial<Record<TargetKey, number>>): TargetValue[] {
  for (const t of targets) {
    if (t.overridden || t.value !== t.computedValue) {
      throw new Error('applyOverrides expects freshly computed targets (from computeTargets).');
    }
  }
  const energy = targets.find((t) => t.key === 'energyKcal');
  const energyOverride = overrides.energyKcal;
  const ratio =
    energyOverride !== undefined && energy !== undefined && energy.computedValue > 0
      ? energyOverride / energy.computedValue
      : null;

  return targets.map((t): TargetValue => {
    const override = overrides[t.key];
    let { value, min, max, source } = t;

    const scaled = ratio !== null ? ENERGY_DERIVED[t.key] : undefined;
    if (scaled !== undefined && ratio !== null) {
      if (scaled.value) value *= ratio;
      if (scaled.min && min !== null) min *= ratio;
      if (scaled.max && max !== null) max *= ratio;
      source = `${source}; rescaled to the ${energyOverride} kcal energy override`;
    }

    if (override === undefined) return { ...t, value, min, max, source };

    if (t.key === 'energyKcal') {
      min = override * (1 - ENERGY_BAND);
      max = override * (1 + ENERGY_BAND);
    } else {
      if (t.min !== null && t.min === t.value) min = override;
      if (t.max !== null && t.max === t.value) max = override;
    }
    return { ...t, value: override, min, max, source, overridden: true };
  });
}
