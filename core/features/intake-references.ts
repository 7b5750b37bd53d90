import type { Client } from '../contract/clients.ts';
import type { IntakeExtraKey, IntakeReference } from '../contract/log.ts';
import { ageInYears } from '../targets/compute.ts';

/**
 * Caffeine and alcohol have no Dietary Reference Intake, so the app sets no target for them. What it
 * shows beside a day's intake is a published reference amount that is not to be exceeded, where one
 * applies to the client, with its source; none where no source gives one (then only the intake shows).
 * Pregnancy and breastfeeding come before age: both carry their own, lower references.
 *
 * Sources:
 * - EFSA NDA Panel (2015). Scientific Opinion on the safety of caffeine. EFSA Journal 13(5):4102: habitual
 *   intakes up to 400 mg a day raise no safety concerns for non-pregnant adults; up to 200 mg a day for
 *   pregnant women (for the fetus) and for breastfeeding women (for the infant); 3 mg per kg body weight
 *   a day for children and adolescents.
 * - ACOG Committee Opinion No. 462 (2010, reaffirmed), Moderate caffeine consumption during pregnancy:
 *   under 200 mg a day does not appear to be a major contributing factor in miscarriage or preterm birth.
 * - Dietary Guidelines for Americans 2020–2025 (USDA and HHS), "Alcoholic beverages": adults of legal
 *   drinking age who choose to drink, up to 2 drinks a day for men and 1 for women; women who are
 *   pregnant or might be should not drink; for breastfeeding women not drinking is the safest option,
 *   and up to 1 drink a day is not known to harm the infant, especially 2 hours or more before nursing.
 *   A US standard drink holds 14 g of pure alcohol (0.6 fl oz).
 */

export const EFSA_CAFFEINE =
  'EFSA NDA Panel 2015, Scientific Opinion on the safety of caffeine (EFSA Journal 13(5):4102)';
const ACOG_CAFFEINE = 'ACOG Committee Opinion No. 462 (2010)';
export const DGA_ALCOHOL = 'Dietary Guidelines for Americans 2020–2025, alcoholic beverages';
/** Grams of pure alcohol in one US standard drink (Dietary Guidelines for Americans 2020–2025). */
export const GRAMS_PER_STANDARD_DRINK = 14;

/** The reference for caffeine (mg a day) or alcohol (g a day) that applies to the client on `date`; null when none does. */
export function intakeReference(key: IntakeExtraKey, client: Client, date: string): IntakeReference | null {
  const age = client.birthDate ? ageInYears(client.birthDate, date) : null;
  if (key === 'caffeineMg') {
    if (client.lifeStage === 'pregnant')
      return {
        max: 200,
        text: 'In pregnancy, up to 200 mg a day',
        source: `${EFSA_CAFFEINE}; ${ACOG_CAFFEINE}`,
      };
    if (client.lifeStage === 'lactating')
      return { max: 200, text: 'While breastfeeding, up to 200 mg a day', source: EFSA_CAFFEINE };
    if (age === null) return null;
    if (age >= 18) return { max: 400, text: 'Adults, up to 400 mg a day', source: EFSA_CAFFEINE };
    if (client.weightKg === null) return null;
    return {
      max: 3 * client.weightKg,
      text: 'Under 18, up to 3 mg per kg body weight a day',
      source: EFSA_CAFFEINE,
    };
  }
  if (client.lifeStage === 'pregnant')
    return { max: 0, text: 'In pregnancy, no alcohol (no amount is known to be safe)', source: DGA_ALCOHOL };
  if (client.lifeStage === 'lactating')
    return {
      max: GRAMS_PER_STANDARD_DRINK,
      text: 'While breastfeeding, none is safest; up to 1 drink (14 g) a day, 2 hours or more before nursing',
      source: DGA_ALCOHOL,
    };
  // Legal drinking ages differ between countries, and the guidelines speak to adults who choose to drink.
  if (age === null || age < 18 || client.sex === null) return null;
  return client.sex === 'male'
    ? { max: 2 * GRAMS_PER_STANDARD_DRINK, text: 'Men, up to 2 drinks (28 g) a day', source: DGA_ALCOHOL }
    : { max: GRAMS_PER_STANDARD_DRINK, text: 'Women, up to 1 drink (14 g) a day', source: DGA_ALCOHOL };
}

/** Whether an intake is above its reference (any alcohol at all, where the reference is none). */
export function aboveReference(value: number | null, reference: IntakeReference | null): boolean {
  return value !== null && reference !== null && value > reference.max;
}
