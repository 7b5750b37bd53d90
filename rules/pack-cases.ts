import type { VariablePatch } from '../core/rules/fixtures.ts';

/**
 * For every rule of the default pack: values (over baseVariables(), a well-nourished 35-year-old
 * woman) on which it fires, and values on which it does not. `doesNot` sits just on the other side
 * of the threshold where there is one, so a wrong comparison or threshold fails the test.
 * Client fields (diet_pattern, age_years, life_stage) also drive applies_to.
 */
export interface PackCase {
  fires: VariablePatch;
  doesNot: VariablePatch;
}

export const PACK_CASES: Record<string, PackCase> = {
  'energy-above-target': {
    fires: { features: { energy_kcal_7d_ratio: 1.2, energy_kcal_7d_mean: 2400, days_logged_7d: 5 } },
    doesNot: { features: { energy_kcal_7d_ratio: 1.2, days_logged_7d: 3 } },
  },
  'energy-below-target': {
    fires: { features: { energy_kcal_7d_ratio: 0.8, energy_kcal_7d_mean: 1600, days_logged_7d: 6 } },
    doesNot: { features: { energy_kcal_7d_ratio: 0.86 } },
  },
  'protein-below-rda': {
    fires: { features: { protein_g_7d_ratio: 0.8, protein_g_per_kg_7d: 0.65 } },
    doesNot: { features: { protein_g_7d_ratio: 1.0 } },
  },
  'protein-older-adults': {
    fires: { features: { protein_g_per_kg_7d: 0.9 }, client: { age_years: 72 } },
    doesNot: { features: { protein_g_per_kg_7d: 1.05 }, client: { age_years: 72 } },
  },
  'fibre-low': {
    fires: { features: { fibre_g_7d_ratio: 0.5, fibre_g_7d_mean: 14 } },
    doesNot: { features: { fibre_g_7d_ratio: 0.7 } },
  },
  'sodium-high': {
    fires: { features: { sodium_mg_7d_mean: 3400, sodium_mg_7d_ratio: 3400 / 2300 } },
    doesNot: { features: { sodium_mg_7d_mean: 2300, sodium_mg_7d_ratio: 1 } },
  },
  'sodium-hypertension': {
    fires: {
      features: { sodium_mg_7d_mean: 2100, sodium_mg_7d_ratio: 2100 / 2300 },
      client: { conditions: ['hypertension'] },
    },
    doesNot: {
      features: { sodium_mg_7d_mean: 1450, sodium_mg_7d_ratio: 1450 / 2300 },
      client: { conditions: ['hypertension'] },
    },
  },
  'potassium-low': {
    fires: { features: { potassium_mg_7d_ratio: 0.6 } },
    doesNot: { features: { potassium_mg_7d_ratio: 0.75 } },
  },
  'saturated-fat-high': {
    fires: { features: { energy_from_sat_fat_pct_7d: 13.5 } },
    doesNot: { features: { energy_from_sat_fat_pct_7d: 9.9 } },
  },
  'added-sugar-high': {
    fires: { features: { energy_from_added_sugar_pct_7d: 14 } },
    doesNot: { features: { energy_from_added_sugar_pct_7d: 10 } },
  },
  'fat-above-amdr': {
    // 90 g × 9 = 810 kcal of 2,000 = 40.5 %; 75 g = 33.8 %.
    fires: { features: { fat_g_7d_mean: 90, energy_kcal_7d_mean: 2000 } },
    doesNot: { features: { fat_g_7d_mean: 75, energy_kcal_7d_mean: 2000 } },
  },
  'calcium-low': {
    fires: { features: { calcium_mg_7d_ratio: 0.55 } },
    doesNot: { features: { calcium_mg_7d_ratio: 0.55 }, client: { diet_pattern: 'vegan' } },
  },
  'calcium-vegan': {
    fires: { features: { calcium_mg_7d_ratio: 0.8 }, client: { diet_pattern: 'vegan' } },
    doesNot: { features: { calcium_mg_7d_ratio: 0.8 }, client: { diet_pattern: 'omnivore' } },
  },
  'vitamin-d-low': {
    fires: { features: { vitamin_d_mcg_7d_ratio: 0.3, vitamin_d_mcg_7d_mean: 4.5 } },
    doesNot: { features: { vitamin_d_mcg_7d_ratio: 0.5 } },
  },
  'b12-vegan': {
    fires: { features: { vitamin_b12_mcg_7d_mean: 0.8 }, client: { diet_pattern: 'vegan' } },
    doesNot: { features: { vitamin_b12_mcg_7d_mean: 3 }, client: { diet_pattern: 'vegan' } },
  },
  'b12-over-50': {
    fires: { features: { vitamin_b12_mcg_7d_ratio: 0.7 }, client: { age_years: 60 } },
    doesNot: { features: { vitamin_b12_mcg_7d_ratio: 0.7 }, client: { age_years: 50 } },
  },
  'iron-menstruating-age': {
    fires: { features: { iron_mg_7d_ratio: 0.6 } },
    doesNot: { features: { iron_mg_7d_ratio: 0.6 }, client: { sex: 'male' } },
  },
  'iron-vegetarian': {
    // Against the vegetarian target (1.8 × 18 mg = 32.4 mg, set by core/targets).
    fires: { features: { iron_mg_7d_mean: 20, iron_mg_7d_ratio: 20 / 32.4 }, client: { diet_pattern: 'vegetarian' } },
    doesNot: { features: { iron_mg_7d_mean: 33, iron_mg_7d_ratio: 33 / 32.4 }, client: { diet_pattern: 'vegetarian' } },
  },
  'iron-deficiency-history': {
    fires: { features: { iron_mg_7d_ratio: 0.9 }, client: { conditions: ['iron-deficiency'] } },
    doesNot: { features: { iron_mg_7d_ratio: 1.0 }, client: { conditions: ['iron-deficiency'] } },
  },
  'folate-pregnancy': {
    fires: { features: { folate_mcg_7d_ratio: 0.7 }, targets: { folate_mcg: 600 }, client: { life_stage: 'pregnant' } },
    doesNot: { features: { folate_mcg_7d_ratio: 0.7 }, client: { life_stage: 'none' } },
  },
  'magnesium-low': {
    fires: { features: { magnesium_mg_7d_ratio: 0.5 } },
    doesNot: { features: { magnesium_mg_7d_ratio: 0.72 } },
  },
  'zinc-plant-based': {
    fires: { features: { zinc_mg_7d_ratio: 0.8 }, client: { diet_pattern: 'vegan' } },
    doesNot: { features: { zinc_mg_7d_ratio: 1.1 }, client: { diet_pattern: 'vegan' } },
  },
  'vitamin-c-low': {
    fires: { features: { vitamin_c_mg_7d_ratio: 0.4 } },
    doesNot: { features: { vitamin_c_mg_7d_ratio: 0.6 } },
  },
  'fruit-veg-low': {
    fires: { features: { fruit_veg_g_7d_mean: 210 } },
    doesNot: { features: { fruit_veg_g_7d_mean: 400 } },
  },
  'activity-low': {
    fires: { features: { activity_min_7d_total: 60, activity_days_7d: 2 } },
    doesNot: { features: { activity_min_7d_total: 150 } },
  },
  'caffeine-pregnancy': {
    fires: { features: { caffeine_mg_7d_mean: 260 }, client: { life_stage: 'pregnant' } },
    doesNot: { features: { caffeine_mg_7d_mean: 200 }, client: { life_stage: 'lactating' } },
  },
  'alcohol-pregnancy': {
    fires: { features: { alcohol_g_7d_mean: 2 }, client: { life_stage: 'pregnant' } },
    doesNot: { features: { alcohol_g_7d_mean: 1 }, client: { life_stage: 'pregnant' } },
  },
  'sleep-short': {
    fires: { features: { sleep_hours_7d_mean: 6.2 } },
    doesNot: { features: { sleep_hours_7d_mean: 7 } },
  },
  'logging-inconsistent': {
    fires: { features: { days_logged_7d: 2, days_logged_30d: 9 } },
    doesNot: { features: { days_logged_7d: 4 } },
  },
  'under-reporting-possible': {
    fires: { forecast: { below_goldberg: true, logged_to_estimate_ratio: 0.4 } },
    doesNot: { forecast: { below_goldberg: false, logged_to_estimate_ratio: 0.7 } },
  },
  'logging-gap': {
    fires: { features: { hours_since_last_log: 96 } },
    doesNot: { features: { hours_since_last_log: 72 } },
  },
};
