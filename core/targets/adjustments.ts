import type { TargetValue } from '../contract/targets.ts';
import {
  driGroup,
  KCAL_PER_G,
  lookupNonRepro,
  PROTEIN_EXTRA_G_PREGNANCY_LACTATION,
  PROTEIN_RDA_G_PER_KG,
} from './dri-tables.ts';
import { adjust, capAtUl, num, pct, target, withNote } from './target-value.ts';
import type { DietPattern, Goal, LifeStage, Sex } from '../contract/common.ts';

/**
 * Adjustments of the DRI-based targets to the person: a weight goal (energy), sport (protein), pregnancy
 * and lactation (protein), a vegetarian diet (iron, zinc). Each says what it did, and why, in the
 * target's source.
 */

// ---------------------------------------------------------------------------------------------------
// Goal: energy.
// ---------------------------------------------------------------------------------------------------

/**
 * About 7,700 kcal per kg of body weight lost or gained: the 3,500 kcal per pound rule of thumb
 * (Wishnofsky M. Caloric equivalents of gained or lost weight. Am J Clin Nutr 1958;6:542–546). It holds
 * for the first weeks only: expenditure falls as weight is lost, so a fixed deficit slows over months
 * (Hall KD. What is the required energy deficit per unit weight loss? Int J Obes 2008;32:573–576).
 * Review the target against the client's weight every few weeks.
 */
export const KCAL_PER_KG_WEIGHT_CHANGE = 7700;

/** kg per week when the profile gives no rate (ClientFields.goalRateKgWeek null). */
export const DEFAULT_GOAL_RATE_KG_WEEK = 0.5;

/** Clients younger than this get no energy deficit or surplus (see GOAL_NOT_APPLIED). */
export const GOAL_MIN_AGE = 18;

/**
 * Why a loss or gain goal leaves energy unchanged for these clients. The EERs already carry the energy
 * of growth, of pregnancy tissue and of milk (IOM 2005, ch. 5), and weight in pregnancy is followed
 * against the gestational weight-gain ranges (IOM 2009, Weight Gain During Pregnancy: Reexamining the
 * Guidelines), not with a deficit or surplus.
 */
const GOAL_NOT_APPLIED = {
  pregnant:
    'not applied in pregnancy: the energy already includes the cost of pregnancy (IOM 2005 ch. 5), and weight in pregnancy is followed against the IOM 2009 gestational weight-gain ranges, not with a deficit or surplus',
  lactating:
    'not applied during lactation: the energy already includes milk production and the weight normally lost after birth (IOM 2005 ch. 5)',
  young:
    'not applied under 18 y: the energy of children and adolescents includes growth (IOM 2005 ch. 5), and a deficit or surplus for a growing client belongs with their paediatric team',
} as const;

export interface GoalEnergy {
  kcal: number;
  /** Lowest acceptable energy (the BMR floor of a loss goal); null when none applies. */
  floorKcal: number | null;
  source: string;
}

/**
 * Energy for a loss or gain goal: maintenance ∓ rate × 7,700 kcal/kg ÷ 7 days (0.5 kg/week = 550 kcal a
 * day). A loss never goes below the client's BMR (Mifflin-St Jeor resting estimate, passed in): eating
 * below resting expenditure is a very-low-energy approach, which the AHA/ACC/TOS 2013 obesity guideline
 * (Jensen MD et al., Circulation 2014;129:S102–S138) keeps for medically supervised programmes. The
 * floor itself is the app's policy, not a number from that guideline.
 */
export function goalEnergy(input: {
  goal: Goal;
  rateKgWeek: number | null;
  maintenanceKcal: number;
  source: string;
  ageYears: number;
  lifeStage: LifeStage;
  bmrKcal: number | null;
}): GoalEnergy {
  const { goal, maintenanceKcal, source } = input;
  if (goal !== 'loss' && goal !== 'gain') return { kcal: maintenanceKcal, floorKcal: null, source };
  const word = goal === 'loss' ? 'Weight-loss goal' : 'Weight-gain goal';
  const skip =
    input.lifeStage === 'pregnant'
      ? GOAL_NOT_APPLIED.pregnant
      : input.lifeStage === 'lactating'
        ? GOAL_NOT_APPLIED.lactating
        : input.ageYears < GOAL_MIN_AGE
          ? GOAL_NOT_APPLIED.young
          : null;
  if (skip !== null) return { kcal: maintenanceKcal, floorKcal: null, source: `${source}; ${word} ${skip}` };

  const rate = input.rateKgWeek ?? DEFAULT_GOAL_RATE_KG_WEEK;
  const perDay = (rate * KCAL_PER_KG_WEIGHT_CHANGE) / 7;
  const rule = `${num(rate)} kg/week × 7,700 kcal/kg ÷ 7 (Wishnofsky 1958; an early-weeks estimate that overstates change over months, Hall 2008)`;
  if (goal === 'gain') {
    return {
      kcal: maintenanceKcal + perDay,
      floorKcal: null,
      source: `${source}; ${word}: + ${Math.round(perDay)} kcal/day = ${rule}`,
    };
  }
  const wanted = maintenanceKcal - perDay;
  let text = `${source}; ${word}: − ${Math.round(perDay)} kcal/day = ${rule}`;
  const bmr = input.bmrKcal;
  if (bmr !== null && wanted < bmr) {
    text += `; raised to the BMR of ${Math.round(bmr)} kcal (Mifflin-St Jeor${input.ageYears < 19 ? ', extrapolated to 18 y' : ''}): intake is kept at or above resting expenditure, as eating below it is for medically supervised programmes (AHA/ACC/TOS 2013, Jensen 2014)`;
    return { kcal: bmr, floorKcal: bmr, source: text };
  }
  return { kcal: wanted, floorKcal: bmr, source: text };
}

// ---------------------------------------------------------------------------------------------------
// Protein: RDA by age, + 25 g in pregnancy (2nd–3rd trimester) and lactation, sport range.
// ---------------------------------------------------------------------------------------------------

/**
 * Sport protein, g/kg/day. Both position stands give a range: 1.4–2.0 g/kg (International Society of
 * Sports Nutrition: Jäger R et al., J Int Soc Sports Nutr 2017;14:20) and 1.2–2.0 g/kg (Academy of
 * Nutrition and Dietetics, Dietitians of Canada and American College of Sports Medicine: Thomas DT,
 * Erdman KA, Burke LM, J Acad Nutr Diet 2016;116:501–528). The target is 1.6 g/kg, inside both ranges
 * and the intake above which extra protein no longer added lean mass in a meta-analysis of 49 training
 * trials (Morton RW et al., Br J Sports Med 2018;52:376–384); the acceptable range is 1.2–2.0 g/kg.
 */
export const SPORT_PROTEIN_G_PER_KG = { min: 1.2, value: 1.6, max: 2.0 } as const;

/**
 * The sport range is applied from 18 y: the trials behind both position stands were mostly in adults;
 * younger athletes keep the RDA for their age (which already includes growth).
 */
export const SPORT_MIN_AGE = 18;

const SPORT_RANGE = `${SPORT_PROTEIN_G_PER_KG.min.toFixed(1)}–${SPORT_PROTEIN_G_PER_KG.max.toFixed(1)} g/kg`;

export const SPORT_SOURCE =
  'ISSN 2017 position stand 1.4–2.0 g/kg (Jäger 2017); ACSM/AND/DC 2016 1.2–2.0 g/kg (Thomas 2016); 1.6 g/kg where lean-mass gains level off (Morton 2018)';

export function proteinTarget(input: {
  sex: Sex;
  ageYears: number;
  lifeStage: LifeStage;
  lifeStageDetail: number | null;
  weightKg: number;
  energyKcal: number;
  amdrProteinMax: number;
  goal: Goal;
}): TargetValue {
  const { weightKg: kg, ageYears } = input;
  // Pregnancy and lactation add a fixed amount to the non-pregnant RDA of the same age (dri/macronutrients.ts).
  const g = driGroup(input.sex, ageYears, 'none');
  const gPerKg = lookupNonRepro(PROTEIN_RDA_G_PER_KG, g);
  const secondHalf = input.lifeStage === 'pregnant' && (input.lifeStageDetail ?? 0) >= 2;
  const extra = secondHalf || input.lifeStage === 'lactating' ? PROTEIN_EXTRA_G_PREGNANCY_LACTATION : 0;
  const rda = gPerKg * kg + extra;
  let source = `IOM 2005 RDA ${gPerKg} g/kg × ${num(kg)} kg, ${g.label}`;
  if (extra > 0) {
    source += ` + ${extra} g (${secondHalf ? 'pregnancy, 2nd–3rd trimester' : 'lactation'}, IOM 2005 ch. 10)`;
  } else if (input.lifeStage === 'pregnant') {
    source += '; 1st trimester: no extra protein (IOM 2005 adds 25 g from the 2nd trimester)';
  }
  const amdrMax = (input.energyKcal * input.amdrProteinMax) / KCAL_PER_G.protein;
  const amdrText = `max = AMDR ${pct(input.amdrProteinMax)} of energy`;

  if (input.goal !== 'sport') return target('proteinG', rda, rda, amdrMax, 'rda', `${source}; ${amdrText}`);
  if (ageYears < SPORT_MIN_AGE) {
    return target(
      'proteinG',
      rda,
      rda,
      amdrMax,
      'rda',
      `${source}; ${amdrText}; sport range (${SPORT_RANGE}) not applied under ${SPORT_MIN_AGE} y: the position stands rest mainly on adult trials`,
    );
  }
  const sport = SPORT_PROTEIN_G_PER_KG.value * kg;
  const value = Math.max(sport, rda);
  // Never below the RDA (pregnancy or lactation + 25 g can exceed 1.2 g/kg).
  const min = Math.max(SPORT_PROTEIN_G_PER_KG.min * kg, rda);
  // The range is per kg of body weight, so it does not move with energy (see overrides.ts).
  const max = Math.max(SPORT_PROTEIN_G_PER_KG.max * kg, value);
  const which =
    value === sport
      ? `Sport: ${SPORT_PROTEIN_G_PER_KG.value} g/kg × ${num(kg)} kg, range ${SPORT_RANGE} (${SPORT_SOURCE})`
      : `Sport range ${SPORT_RANGE} (${SPORT_SOURCE}); the RDA below is higher and is kept`;
  return target('proteinG', value, min, max, 'goal', `${which}; RDA for comparison: ${source} = ${num(rda)} g`);
}

// ---------------------------------------------------------------------------------------------------
// Diet pattern: iron and zinc for vegetarians.
// ---------------------------------------------------------------------------------------------------

/**
 * Diets without meat, poultry or fish. Pescatarians eat fish (haem iron, and zinc without the phytate
 * load of a grain-and-legume diet), so they keep the standard RDAs, as do flexitarians.
 */
export const VEGETARIAN_PATTERNS: readonly DietPattern[] = [
  'vegetarian',
  'lacto-vegetarian',
  'ovo-vegetarian',
  'vegan',
];

/**
 * Iron × 1.8 for vegetarians: iron from a vegetarian diet is about 10 % bioavailable against 18 % from
 * a mixed Western diet (IOM 2001, ch. 9, Iron). Zinc × 1.5: the requirement "may be as much as 50 %
 * greater" for vegetarians whose staples are grains and legumes, high in phytate (IOM 2001, ch. 12,
 * Zinc). Either is capped at the UL for the life stage.
 */
export const VEGETARIAN_FACTORS = { ironMg: 1.8, zincMg: 1.5 } as const;

const FACTOR_REASON = {
  ironMg: 'iron from plant foods is less bioavailable (IOM 2001 ch. 9)',
  zincMg: 'phytate in grains and legumes lowers zinc absorption (IOM 2001 ch. 12)',
} as const;

export function dietPatternAdjusted(t: TargetValue, diet: DietPattern): TargetValue {
  if (!VEGETARIAN_PATTERNS.includes(diet) || (t.key !== 'ironMg' && t.key !== 'zincMg')) return t;
  const factor = VEGETARIAN_FACTORS[t.key];
  const raised = t.value * factor;
  const adjusted = adjust(
    t,
    { value: raised, min: raised },
    `× ${factor} for a ${diet} diet: ${FACTOR_REASON[t.key]} = ${num(raised)} ${t.unit}`,
  );
  return capAtUl(adjusted, `${num(raised)} ${t.unit}`);
}

// ---------------------------------------------------------------------------------------------------
// Pregnancy and lactation: DHA (no DRI), as a note on the omega-3 ALA target.
// ---------------------------------------------------------------------------------------------------

export const DHA_NOTE = {
  text: 'DHA: an extra 100–200 mg a day is advised in pregnancy and lactation, on top of the 250 mg EPA + DHA advised for adults. There is no US/Canadian DRI for DHA and the food data has no DHA values, so it is not a target.',
  source: 'EFSA 2010, Scientific Opinion on Dietary Reference Values for fats (EFSA Journal 2010;8(3):1461)',
};

export function lifeStageNotes(t: TargetValue, lifeStage: LifeStage): TargetValue {
  if (t.key === 'alaG' && lifeStage !== 'none') return withNote(t, DHA_NOTE);
  return t;
}
