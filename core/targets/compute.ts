import { TARGET_KEYS } from '../contract/targets.ts';
import type { TargetKey, TargetValue } from '../contract/targets.ts';
import { dietPatternAdjusted, GOAL_MIN_AGE, goalEnergy, lifeStageNotes, proteinTarget } from './adjustments.ts';
import { applyConditions } from './conditions.ts';
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
  SODIUM,
  VITAMIN_A,
  VITAMIN_B12,
  VITAMIN_C,
  VITAMIN_D,
  WATER_AI_L,
  ZINC,
} from './dri-tables.ts';
import { ALA, CHOLINE, IODINE, VITAMIN_K } from './dri-more.ts';
import { estimateEnergy, mifflinStJeorBmr } from './energy.ts';
import { capAtUl, ENERGY_BAND, fromReference, pct, target } from './target-value.ts';
import type { Client } from '../contract/clients.ts';
import type { EnergyEquation, LifeStage, Sex } from '../contract/common.ts';

export { NUTRIENT_LABELS, NUTRIENT_UNITS } from './nutrient-labels.ts';
export { ENERGY_BAND } from './target-value.ts';
export { applyOverrides } from './overrides.ts';

/**
 * Nutrient targets for one client: energy from an equation and the client's goal, macronutrients from
 * energy and weight, micronutrients from the DRI tables, adjusted to the person (adjustments.ts: goal,
 * sport, pregnancy and lactation, vegetarian diet) and annotated for their conditions (conditions.ts).
 * Values are not rounded (except energy, to whole kcal, since every energy-derived target is computed
 * from it); round for display. No computed value exceeds the UL of the client's life stage.
 */

/** The client fields the targets depend on, as the contract defines them. */
export type TargetProfile = Pick<
  Client,
  | 'sex'
  | 'birthDate'
  | 'heightCm'
  | 'weightKg'
  | 'activityLevel'
  | 'lifeStage'
  | 'lifeStageDetail'
  | 'dietPattern'
  | 'goal'
  | 'goalRateKgWeek'
  | 'conditions'
  | 'ckdStage'
>;

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
  // The BMR floor of a loss goal: Mifflin-St Jeor whichever equation set the energy (energy.ts).
  const bmr = ageYears >= GOAL_MIN_AGE ? mifflinStJeorBmr(sex, weightKg, p.heightCm, ageYears) : null;
  const goal = goalEnergy({
    goal: p.goal,
    rateKgWeek: p.goalRateKgWeek,
    maintenanceKcal: energy.kcal,
    source: energy.source,
    ageYears,
    lifeStage,
    bmrKcal: bmr,
  });
  // Whole kcal: the equations are nowhere near that precise, and every derived target uses this number.
  const kcal = Math.round(goal.kcal);
  const kcalMin =
    goal.floorKcal === null
      ? kcal * (1 - ENERGY_BAND)
      : Math.min(kcal, Math.max(kcal * (1 - ENERGY_BAND), goal.floorKcal));
  const amdr = amdrFor(ageYears);

  const carbRange = amdr.carbohydrate;
  const fatRange = amdr.fat;
  const carbMid = (carbRange[0] + carbRange[1]) / 2;
  const fatMid = (fatRange[0] + fatRange[1]) / 2;
  const satFatG = (kcal * DGA_SAT_FAT_MAX_FRACTION) / KCAL_PER_G.fat;
  const toddler = ageYears < DGA_LIMITS_FROM_AGE;
  const addedSugarG = toddler ? 0 : (kcal * DGA_ADDED_SUGAR_MAX_FRACTION) / KCAL_PER_G.carbohydrate;
  const fibre = (FIBRE_G_PER_1000_KCAL * kcal) / 1000;
  const water = lookup(WATER_AI_L, g);

  const byKey: Record<TargetKey, TargetValue> = {
    energyKcal: target('energyKcal', kcal, kcalMin, kcal * (1 + ENERGY_BAND), 'goal', goal.source),
    proteinG: proteinTarget({
      sex,
      ageYears,
      lifeStage,
      lifeStageDetail: detail,
      weightKg,
      energyKcal: kcal,
      amdrProteinMax: amdr.protein[1],
      goal: p.goal,
    }),
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
    fibreG: target('fibreG', fibre, fibre, null, 'ai', `IOM 2005 AI, 14 g per 1000 kcal of ${kcal} kcal`),
    waterL: target('waterL', water, water, null, 'ai', `IOM 2004 DRI, AI (total water), ${g.label}`),
    sodiumMg: fromReference('sodiumMg', SODIUM, g),
    potassiumMg: fromReference('potassiumMg', POTASSIUM, g),
    calciumMg: fromReference('calciumMg', CALCIUM, g),
    ironMg: dietPatternAdjusted(fromReference('ironMg', IRON, g), p.dietPattern),
    magnesiumMg: fromReference('magnesiumMg', MAGNESIUM, g),
    zincMg: dietPatternAdjusted(fromReference('zincMg', ZINC, g), p.dietPattern),
    vitaminDMcg: fromReference('vitaminDMcg', VITAMIN_D, g),
    vitaminB12Mcg: fromReference('vitaminB12Mcg', VITAMIN_B12, g),
    folateMcg: fromReference('folateMcg', FOLATE, g),
    vitaminCMg: fromReference('vitaminCMg', VITAMIN_C, g),
    vitaminAMcg: fromReference('vitaminAMcg', VITAMIN_A, g),
    vitaminKMcg: fromReference('vitaminKMcg', VITAMIN_K, g),
    iodineMcg: fromReference('iodineMcg', IODINE, g),
    cholineMg: fromReference('cholineMg', CHOLINE, g),
    alaG: lifeStageNotes(fromReference('alaG', ALA, g), lifeStage),
  };

  // A last guard: whatever a table or an adjustment gave, no value passes the UL (each cap is stated).
  const targets = applyConditions(
    TARGET_KEYS.map((k) => capAtUl(byKey[k], 'the computed value')),
    { conditions: p.conditions, ckdStage: p.ckdStage, ageYears, lifeStage, weightKg },
  );
  return { targets, bmrKcal: energy.bmrKcal, pal: energy.pal, ageYears };
}
