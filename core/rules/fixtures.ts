import type { Variables } from './types.ts';
import { FEATURE_NUTRIENTS, VARIABLES } from './variables.ts';

/**
 * Test and dry-run fixtures: a complete Variables object for a plausible, well-nourished adult
 * (woman, 35 y, 65 kg, 165 cm, omnivore) on whom no rule of the default pack fires. Targets are the
 * DRIs for that client (IOM 1997–2011, NASEM 2019); intakes sit near them.
 */

const TARGETS: Record<string, number> = {
  energy_kcal: 2000,
  protein_g: 52,
  carb_g: 275,
  fat_g: 67,
  sat_fat_g: 22,
  added_sugar_g: 50,
  fibre_g: 28,
  water_l: 2.7,
  sodium_mg: 2300,
  potassium_mg: 2600,
  calcium_mg: 1000,
  iron_mg: 18,
  magnesium_mg: 320,
  zinc_mg: 8,
  vitamin_d_mcg: 15,
  vitamin_b12_mcg: 2.4,
  folate_mcg: 400,
  vitamin_c_mg: 75,
  vitamin_a_mcg: 700,
  vitamin_k_mcg: 90,
  iodine_mcg: 150,
  choline_mg: 425,
  ala_g: 1.1,
};

/** Tolerable Upper Intake Levels for that client (women 31–50 y; IOM 1997–2011). */
const LIMITS: Record<string, number | null> = {
  calcium_mg: 2500,
  iron_mg: 45,
  zinc_mg: 40,
  vitamin_d_mcg: 100,
  vitamin_a_mcg: 3000,
  folate_mcg: 1000,
  vitamin_c_mg: 2000,
  iodine_mcg: 1100,
  choline_mg: 3500,
};

const INTAKE: Record<(typeof FEATURE_NUTRIENTS)[number], number> = {
  energy_kcal: 1950,
  protein_g: 72,
  carb_g: 240,
  fat_g: 68,
  sat_fat_g: 19,
  sugar_g: 70,
  added_sugar_g: 30,
  fibre_g: 27,
  sodium_mg: 2100,
  potassium_mg: 2800,
  calcium_mg: 1050,
  iron_mg: 17,
  magnesium_mg: 330,
  zinc_mg: 9,
  vitamin_d_mcg: 9,
  vitamin_b12_mcg: 4,
  folate_mcg: 420,
  vitamin_c_mg: 90,
  water_g: 2600,
  caffeine_mg: 150,
  alcohol_g: 5,
};

/** A fresh, complete Variables object (every declared variable present, none null). */
export function baseVariables(): Variables {
  const features: Variables['features'] = {};
  for (const n of FEATURE_NUTRIENTS) {
    features[`${n}_7d_mean`] = INTAKE[n];
    features[`${n}_30d_mean`] = INTAKE[n] * 1.02;
    const t = TARGETS[n];
    if (t !== undefined) features[`${n}_7d_ratio`] = INTAKE[n] / t;
  }
  Object.assign(features, {
    days_logged_7d: 7,
    days_logged_30d: 27,
    logging_streak_days: 12,
    hours_since_last_log: 5,
    protein_g_per_kg_7d: INTAKE.protein_g / 65,
    energy_from_sat_fat_pct_7d: ((INTAKE.sat_fat_g * 9) / INTAKE.energy_kcal) * 100,
    energy_from_added_sugar_pct_7d: ((INTAKE.added_sugar_g * 4) / INTAKE.energy_kcal) * 100,
    fruit_veg_g_7d_mean: 450,
    sleep_hours_7d_mean: 7.5,
    sleep_quality_7d_mean: 3.8,
    activity_min_7d_total: 180,
    activity_days_7d: 5,
  });
  return {
    features,
    targets: { ...TARGETS },
    limits: { ...LIMITS },
    client: {
      age_years: 35,
      sex: 'female',
      diet_pattern: 'omnivore',
      life_stage: 'none',
      weight_kg: 65,
      height_cm: 165,
      bmi: 65 / 1.65 ** 2,
      allergies: [],
      tags: [],
      ed_sensitive: false,
      conditions: [],
      goal: 'maintenance',
    },
    // A complete, plausible latest day: logged 1,900 kcal against a typical-day estimate of 2,000.
    forecast: {
      energy_kcal: 2000,
      band_low_kcal: 1250,
      band_high_kcal: 2750,
      logged_to_estimate_ratio: 0.95,
      below_goldberg: false,
    },
    // Plausible recent readings in canonical units, weighed a week ago and 1.2 kg down over 30 days.
    measures: {
      weight_kg: 65,
      height_cm: 165,
      waist_cm: 78,
      hip_cm: 98,
      body_fat_pct: 28,
      systolic_mmhg: 118,
      diastolic_mmhg: 76,
      hba1c_mmol_mol: 36,
      fasting_glucose_mmol_l: 5.0,
      total_chol_mmol_l: 4.8,
      ldl_mmol_l: 2.8,
      hdl_mmol_l: 1.5,
      triglycerides_mmol_l: 1.1,
      ferritin_ug_l: 60,
      haemoglobin_g_l: 132,
      vitamin_d_nmol_l: 65,
      b12_pmol_l: 320,
      egfr: 95,
      weight_kg_change_30d: -1.2,
      waist_cm_change_30d: -1,
      weight_kg_days_since: 7,
      height_cm_days_since: 200,
      waist_cm_days_since: 7,
      hip_cm_days_since: 7,
      body_fat_pct_days_since: 30,
      blood_pressure_days_since: 14,
      hba1c_mmol_mol_days_since: 90,
      fasting_glucose_mmol_l_days_since: 90,
      total_chol_mmol_l_days_since: 90,
      ldl_mmol_l_days_since: 90,
      hdl_mmol_l_days_since: 90,
      triglycerides_mmol_l_days_since: 90,
      ferritin_ug_l_days_since: 90,
      haemoglobin_g_l_days_since: 90,
      vitamin_d_nmol_l_days_since: 90,
      b12_pmol_l_days_since: 90,
      egfr_days_since: 90,
    },
  };
}

/** A patch per group, merged field by field over the base (e.g. { features: { fibre_g_7d_ratio: 0.5 } }). */
export type VariablePatch = { [G in keyof Variables]?: Variables[G] };

export function withVariables(base: Variables, patch: VariablePatch): Variables {
  return {
    features: { ...base.features, ...patch.features },
    targets: { ...base.targets, ...patch.targets },
    limits: { ...base.limits, ...patch.limits },
    client: { ...base.client, ...patch.client },
    forecast: { ...base.forecast, ...patch.forecast },
    measures: { ...base.measures, ...patch.measures },
  };
}

/** Names the fixture leaves out (should be none): a guard that the fixture follows variables.ts. */
export function missingFromBase(): string[] {
  const v = baseVariables();
  return VARIABLES.filter((d) => !(d.name in (v[d.group] ?? {}))).map((d) => `${d.group}.${d.name}`);
}
