import type { CLIENT_SORTS } from '@contract/clients.ts';
import type {
  ActivityLevel,
  Allergen,
  Condition,
  DietPattern,
  EnergyEquation,
  Goal,
  LifeStage,
  Sex,
} from '@contract/common.ts';
import type { THEMES, UNIT_SYSTEMS } from '@contract/settings.ts';
import type { TARGET_KEYS, TARGET_KINDS } from '@contract/targets.ts';
import type { ReportRequest, ReportSection, ReportVariant } from '@contract/reports.ts';
import type { FOOD_SOURCES } from '@contract/foods.ts';
import type { MEALS, STATUSES, TREND_KEYS } from '@contract/log.ts';
import type { RecommendationStatus, RuleOrigin } from './rule-types.ts';

/**
 * Words for the contract's enums. Typed as Records over the contract's own unions (type-only
 * imports), so adding a value in core/contract/ fails the type check here until it has a label.
 */
export type { ActivityLevel, Allergen, Condition, DietPattern, EnergyEquation, Goal, LifeStage, Sex };
export type ClientSort = (typeof CLIENT_SORTS)[number];
export type TargetKind = (typeof TARGET_KINDS)[number];
export type Theme = (typeof THEMES)[number];
export type TargetKey = (typeof TARGET_KEYS)[number];
export type Meal = (typeof MEALS)[number];
export type FoodSource = (typeof FOOD_SOURCES)[number];
export type IntakeStatus = (typeof STATUSES)[number];
export type TrendKey = (typeof TREND_KEYS)[number];
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];
export type PageSize = ReportRequest['pageSize'];
export type { ReportSection, ReportVariant };

export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male' };

export const ACTIVITY_LABELS: Record<ActivityLevel, string> = {
  sedentary: 'Sedentary',
  'low-active': 'Low active',
  active: 'Active',
  'very-active': 'Very active',
};

export const DIET_LABELS: Record<DietPattern, string> = {
  omnivore: 'Omnivore',
  flexitarian: 'Flexitarian',
  pescatarian: 'Pescatarian',
  vegetarian: 'Vegetarian',
  'lacto-vegetarian': 'Lacto-vegetarian',
  'ovo-vegetarian': 'Ovo-vegetarian',
  vegan: 'Vegan',
  other: 'Other',
};

export const LIFE_STAGE_LABELS: Record<LifeStage, string> = {
  none: 'Neither',
  pregnant: 'Pregnant',
  lactating: 'Lactating',
};

export const GOAL_LABELS: Record<Goal, string> = {
  maintenance: 'Maintenance',
  loss: 'Weight loss',
  gain: 'Weight gain',
  sport: 'Sport',
};

export const CONDITION_LABELS: Record<Condition, string> = {
  hypertension: 'Hypertension',
  'type-2-diabetes': 'Type 2 diabetes',
  'chronic-kidney-disease': 'Chronic kidney disease',
  'coeliac-disease': 'Coeliac disease',
  'iron-deficiency': 'Iron deficiency (history)',
  'lactose-intolerance': 'Lactose intolerance',
};

export const EQUATION_LABELS: Record<EnergyEquation, string> = {
  'mifflin-st-jeor': 'Mifflin-St Jeor',
  'iom-eer': 'IOM EER',
};

export const SORT_LABELS: Record<ClientSort, string> = {
  name: 'Name',
  updated: 'Last updated',
  created: 'Newest',
  age: 'Age',
};

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  goal: 'Goal',
  rda: 'RDA',
  ai: 'AI',
  amdr: 'AMDR',
  limit: 'Limit',
  cdrr: 'CDRR',
  info: 'Info',
};

export const TARGET_KIND_DESCRIPTIONS: Record<TargetKind, string> = {
  goal: 'A goal set from the energy equation or by the practitioner',
  rda: 'Recommended Dietary Allowance',
  ai: 'Adequate Intake',
  amdr: 'Acceptable Macronutrient Distribution Range',
  limit: 'Upper limit',
  cdrr: 'Chronic Disease Risk Reduction intake',
  info: 'Shown for information; intake is not judged against it',
};

/** Short names for target keys where the server's own label is not at hand (the audit log). */
export const TARGET_KEY_LABELS: Record<TargetKey, string> = {
  energyKcal: 'energy',
  proteinG: 'protein',
  carbG: 'carbohydrate',
  fatG: 'fat',
  satFatG: 'saturated fat',
  addedSugarG: 'added sugars',
  fibreG: 'fibre',
  waterL: 'water',
  sodiumMg: 'sodium',
  potassiumMg: 'potassium',
  calciumMg: 'calcium',
  ironMg: 'iron',
  magnesiumMg: 'magnesium',
  zincMg: 'zinc',
  vitaminDMcg: 'vitamin D',
  vitaminB12Mcg: 'vitamin B12',
  folateMcg: 'folate',
  vitaminCMg: 'vitamin C',
  vitaminAMcg: 'vitamin A',
  vitaminKMcg: 'vitamin K',
  iodineMcg: 'iodine',
  cholineMg: 'choline',
  alaG: 'omega-3 ALA',
};

export function isTargetKey(key: string): key is TargetKey {
  return Object.hasOwn(TARGET_KEY_LABELS, key);
}

export const THEME_LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', auto: 'Follow the system' };

/** Select/SegmentedControl data from a label map, in the map's order. */
export function optionsFrom<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** "Pregnant (trimester 2)", "Lactating (4 months post-partum)". */
export function lifeStageText(stage: LifeStage, detail: number | null): string {
  if (stage === 'pregnant' && detail !== null) return `Pregnant (trimester ${detail})`;
  if (stage === 'lactating' && detail !== null)
    return `Lactating (${detail} ${detail === 1 ? 'month' : 'months'} post-partum)`;
  return LIFE_STAGE_LABELS[stage];
}

export const MEAL_LABELS: Record<Meal, string> = {
  breakfast: 'Breakfast',
  lunch: 'Lunch',
  dinner: 'Dinner',
  snack: 'Snack',
};

/** The badge on a food: where its values come from. */
export const FOOD_SOURCE_LABELS: Record<FoodSource, string> = {
  'usda-sr28': 'USDA',
  fdc: 'imported',
  csv: 'imported',
  custom: 'custom',
  recipe: 'recipe',
};

/** The major allergens as badges and sentences name them, in ALLERGENS order (shared with the core). */
export { ALLERGEN_LABELS } from '@contract/labels.ts';

export const FOOD_SOURCE_COLORS: Record<FoodSource, string> = {
  'usda-sr28': 'gray',
  fdc: 'grape',
  csv: 'grape',
  custom: 'blue',
  recipe: 'orange',
};

export const STATUS_LABELS: Record<IntakeStatus, string> = {
  low: 'Low',
  ok: 'On target',
  high: 'High',
  untracked: 'Not tracked',
  info: 'For information',
};

export const STATUS_COLORS: Record<IntakeStatus, string> = {
  low: 'yellow',
  ok: 'teal',
  high: 'red',
  untracked: 'gray',
  info: 'blue',
};

export const TREND_LABELS: Record<TrendKey, { label: string; unit: string }> = {
  energyKcal: { label: 'Energy', unit: 'kcal' },
  proteinG: { label: 'Protein', unit: 'g' },
  carbG: { label: 'Carbohydrate', unit: 'g' },
  fatG: { label: 'Fat', unit: 'g' },
  fibreG: { label: 'Fibre', unit: 'g' },
  sodiumMg: { label: 'Sodium', unit: 'mg' },
  caffeineMg: { label: 'Caffeine', unit: 'mg' },
  alcoholG: { label: 'Alcohol', unit: 'g' },
};

export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  new: 'New',
  accepted: 'Accepted',
  dismissed: 'Dismissed',
  expired: 'Expired',
  resolved: 'Resolved by new data',
};

export const RECOMMENDATION_STATUS_COLORS: Record<RecommendationStatus, string> = {
  new: 'blue',
  accepted: 'teal',
  dismissed: 'gray',
  expired: 'gray',
  resolved: 'green',
};

export const RULE_ORIGIN_LABELS: Record<RuleOrigin, string> = { builtin: 'built-in', user: 'user' };
export const RULE_ORIGIN_COLORS: Record<RuleOrigin, string> = { builtin: 'gray', user: 'grape' };

/** Severities the rule engine uses; the contract carries them as text, so unknown ones fall back. */
const SEVERITY_LABELS: Record<string, { label: string; color: string }> = {
  info: { label: 'Info', color: 'blue' },
  low: { label: 'Low', color: 'teal' },
  medium: { label: 'Medium', color: 'yellow' },
  high: { label: 'High', color: 'red' },
};

export function severityLabel(severity: string): string {
  return Object.hasOwn(SEVERITY_LABELS, severity)
    ? (SEVERITY_LABELS[severity]?.label ?? severity)
    : severity.charAt(0).toUpperCase() + severity.slice(1);
}

export function severityColor(severity: string): string {
  return Object.hasOwn(SEVERITY_LABELS, severity) ? (SEVERITY_LABELS[severity]?.color ?? 'gray') : 'gray';
}

export const UNIT_LABELS: Record<UnitSystem, string> = { metric: 'Metric (kg, cm)', us: 'US (lb, ft/in)' };

export const PAGE_SIZE_LABELS: Record<PageSize, string> = { A4: 'A4', Letter: 'Letter' };

/** Report sections in the order the report prints them. */
export const REPORT_SECTION_LABELS: Record<ReportSection, string> = {
  summary: 'Summary',
  measurements: 'Measurements',
  intake: 'Intake against targets',
  trends: 'Trends',
  macros: 'Macronutrients',
  'activity-sleep': 'Activity and sleep',
  photos: 'Meal photos',
  recommendations: 'Recommendations',
  notes: 'Practitioner notes',
  disclaimer: 'Disclaimer',
};

export const REPORT_VARIANT_LABELS: Record<ReportVariant, string> = {
  client: 'For the client',
  practitioner: 'Case report (yours)',
};
