import type { ActivityLevel, EnergyEquation, LifeStage, Sex } from '../contract/common.ts';

/**
 * Energy need estimates.
 *
 * Two methods, chosen per client:
 * - Mifflin-St Jeor resting energy expenditure (Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA,
 *   Koh YO. A new predictive equation for resting energy expenditure in healthy individuals. Am J Clin
 *   Nutr 1990;51:241–247) multiplied by an activity factor. Developed in adults 19–78 y, so it is only
 *   used from 19 y; younger clients always get the IOM EER.
 * - IOM Estimated Energy Requirement equations (IOM 2005, Dietary Reference Intakes for Energy,
 *   Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids, ch. 5), fitted to
 *   doubly labelled water data; they include growth for children and the extra cost of pregnancy and
 *   lactation.
 */

/**
 * Activity factors applied to the Mifflin-St Jeor estimate: the conventional multipliers 1.2 / 1.375 /
 * 1.55 / 1.725 used in clinical practice with Harris-Benedict and Mifflin-St Jeor (sedentary, lightly,
 * moderately, very active). They come from practice and textbooks, not from one validation study, so
 * treat the result as a starting point to adjust against weight change.
 * They are deliberately not the IOM PAL bands (sedentary 1.0–1.39, low active 1.4–1.59, active 1.6–1.89,
 * very active 1.9–2.5, IOM 2005 ch. 5): PAL is TEE divided by *basal* expenditure measured under stricter
 * conditions, and applying PAL midpoints to a resting estimate overshoots for most clinic clients. Each
 * factor lies within or just below the matching IOM band.
 */
export const MSJ_ACTIVITY_FACTORS: Readonly<Record<ActivityLevel, number>> = {
  sedentary: 1.2,
  'low-active': 1.375,
  active: 1.55,
  'very-active': 1.725,
};

/** Physical activity (PA) coefficients of the IOM EER equations, by equation group (IOM 2005, ch. 5). */
export const EER_PA_COEFFICIENTS: Readonly<Record<'man' | 'woman' | 'boy' | 'girl', Record<ActivityLevel, number>>> = {
  man: { sedentary: 1.0, 'low-active': 1.11, active: 1.25, 'very-active': 1.48 },
  woman: { sedentary: 1.0, 'low-active': 1.12, active: 1.27, 'very-active': 1.45 },
  boy: { sedentary: 1.0, 'low-active': 1.13, active: 1.26, 'very-active': 1.42 },
  girl: { sedentary: 1.0, 'low-active': 1.16, active: 1.31, 'very-active': 1.56 },
};

/** Age (completed years) from which Mifflin-St Jeor is used when chosen. */
export const MSJ_MIN_AGE = 19;

/** Mifflin-St Jeor resting energy expenditure, kcal/day: 10·kg + 6.25·cm − 5·y + 5 (men) or − 161 (women). */
export function mifflinStJeorBmr(sex: Sex, weightKg: number, heightCm: number, ageYears: number): number {
  return 10 * weightKg + 6.25 * heightCm - 5 * ageYears + (sex === 'male' ? 5 : -161);
}

export interface EerResult {
  kcal: number;
  /** The PA coefficient used, or null for 1–2 y where the equation has none. */
  pa: number | null;
  /** e.g. 'IOM 2005 EER, adult female, PA=1.12 (low-active)'. */
  source: string;
}

/**
 * IOM 2005 EER for a non-pregnant, non-lactating person aged 1 y or more (height in metres):
 * - 1–2 y (13–35 months): 89·kg − 100 + 20 (energy deposition); no activity term.
 * - boys 3–8 y: 88.5 − 61.9·y + PA·(26.7·kg + 903·m) + 20; 9–18 y: the same + 25 instead of + 20.
 * - girls 3–8 y: 135.3 − 30.8·y + PA·(10.0·kg + 934·m) + 20; 9–18 y: the same + 25.
 * - men 19+: 662 − 9.53·y + PA·(15.91·kg + 539.6·m).
 * - women 19+: 354 − 6.91·y + PA·(9.36·kg + 726·m).
 */
export function iomEer(
  sex: Sex,
  ageYears: number,
  weightKg: number,
  heightCm: number,
  activity: ActivityLevel,
): EerResult {
  if (ageYears < 1) throw new RangeError('IOM EER here needs an age of at least 1 year.');
  const m = heightCm / 100;
  if (ageYears < 3) {
    return { kcal: 89 * weightKg - 100 + 20, pa: null, source: 'IOM 2005 EER, child 1–2 y (89 × kg − 100 + 20)' };
  }
  if (ageYears < MSJ_MIN_AGE) {
    const deposition = ageYears < 9 ? 20 : 25;
    const band = ageYears < 9 ? '3–8 y' : '9–18 y';
    if (sex === 'male') {
      const pa = EER_PA_COEFFICIENTS.boy[activity];
      const kcal = 88.5 - 61.9 * ageYears + pa * (26.7 * weightKg + 903 * m) + deposition;
      return { kcal, pa, source: `IOM 2005 EER, boy ${band}, PA=${pa} (${activity})` };
    }
    const pa = EER_PA_COEFFICIENTS.girl[activity];
    const kcal = 135.3 - 30.8 * ageYears + pa * (10.0 * weightKg + 934 * m) + deposition;
    return { kcal, pa, source: `IOM 2005 EER, girl ${band}, PA=${pa} (${activity})` };
  }
  if (sex === 'male') {
    const pa = EER_PA_COEFFICIENTS.man[activity];
    const kcal = 662 - 9.53 * ageYears + pa * (15.91 * weightKg + 539.6 * m);
    return { kcal, pa, source: `IOM 2005 EER, adult male, PA=${pa} (${activity})` };
  }
  const pa = EER_PA_COEFFICIENTS.woman[activity];
  const kcal = 354 - 6.91 * ageYears + pa * (9.36 * weightKg + 726 * m);
  return { kcal, pa, source: `IOM 2005 EER, adult female, PA=${pa} (${activity})` };
}

/**
 * Extra energy for pregnancy and lactation, added to the non-pregnant estimate (IOM 2005, ch. 5):
 * - pregnancy: +0 kcal in the 1st trimester, +340 in the 2nd (160 kcal tissue deposition + 180 for the
 *   rise in TEE), +452 in the 3rd (160 + 272);
 * - lactation: EER + milk energy − energy mobilised from weight loss = +500 − 170 = +330 kcal for
 *   0–6 months post-partum and +400 − 0 = +400 kcal for 7–12 months.
 * `detail` is the trimester (1–3) or the months since birth (1–24, so 1–6 is the first half-year). The
 * report stops at 12 months; for 13–24 months (the contract allows it) the 7–12 month figure is carried
 * forward, which is an assumption: milk volume usually falls as other foods are added.
 */
export function lifeStageEnergy(lifeStage: LifeStage, detail: number | null): { kcal: number; source: string } | null {
  if (lifeStage === 'none') return null;
  if (detail === null || !Number.isInteger(detail)) {
    throw new RangeError(`A ${lifeStage === 'pregnant' ? 'trimester' : 'number of months post-partum'} is needed.`);
  }
  if (lifeStage === 'pregnant') {
    if (detail < 1 || detail > 3) throw new RangeError('The trimester must be 1, 2 or 3.');
    const kcal = detail === 1 ? 0 : detail === 2 ? 340 : 452;
    const ordinal = detail === 1 ? '1st' : detail === 2 ? '2nd' : '3rd';
    return { kcal, source: `+${kcal} kcal pregnancy, ${ordinal} trimester (IOM 2005)` };
  }
  if (detail < 1 || detail > 24) throw new RangeError('Months post-partum must be 1–24.');
  if (detail <= 6) return { kcal: 330, source: '+330 kcal lactation, 0–6 months (IOM 2005)' };
  if (detail <= 12) return { kcal: 400, source: '+400 kcal lactation, 7–12 months (IOM 2005)' };
  return { kcal: 400, source: '+400 kcal lactation (IOM 2005 7–12 month value carried forward)' };
}

export interface EnergyInput {
  sex: Sex;
  ageYears: number;
  weightKg: number;
  heightCm: number;
  activityLevel: ActivityLevel;
  /** The effective life stage: callers pass 'none' for males. */
  lifeStage: LifeStage;
  lifeStageDetail: number | null;
}

export interface EnergyEstimate {
  /** Estimated need, kcal/day, unrounded. */
  kcal: number;
  /** Mifflin-St Jeor resting estimate; null when the IOM EER was used. */
  bmrKcal: number | null;
  /**
   * The activity factor multiplied with bmrKcal; null with the IOM EER, whose PA coefficient is not a
   * PAL (it multiplies only the weight and height terms) and is named in `source` instead.
   */
  pal: number | null;
  source: string;
}

export function estimateEnergy(input: EnergyInput, equation: EnergyEquation): EnergyEstimate {
  const { sex, ageYears, weightKg, heightCm, activityLevel } = input;
  const extra = lifeStageEnergy(input.lifeStage, input.lifeStageDetail);
  const withExtra = (kcal: number, source: string): { kcal: number; source: string } =>
    extra === null ? { kcal, source } : { kcal: kcal + extra.kcal, source: `${source} ${extra.source}` };

  if (equation === 'mifflin-st-jeor' && ageYears >= MSJ_MIN_AGE) {
    const bmrKcal = mifflinStJeorBmr(sex, weightKg, heightCm, ageYears);
    const pal = MSJ_ACTIVITY_FACTORS[activityLevel];
    const r = withExtra(bmrKcal * pal, `Mifflin-St Jeor × ${pal} (${activityLevel})`);
    return { kcal: r.kcal, bmrKcal, pal, source: r.source };
  }
  const eer = iomEer(sex, ageYears, weightKg, heightCm, activityLevel);
  const note = equation === 'mifflin-st-jeor' ? '; Mifflin-St Jeor is not validated under 19 y' : '';
  const r = withExtra(eer.kcal, eer.source);
  return { kcal: r.kcal, bmrKcal: null, pal: null, source: `${r.source}${note}` };
}
