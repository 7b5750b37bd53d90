import { z } from 'zod';

/**
 * Shared zod schemas for the contract. Messages here are written for a practitioner: they are the
 * only part of a validation failure that is sent back to the UI (per field), never zod's raw dump.
 */

export const Id = z.string().uuid({ message: 'Not a valid record id.' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 1985-04-23.' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      // Date rolls 2023-02-30 over to March; a real date survives the round trip unchanged.
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'This date does not exist.' },
  );

export const SEXES = ['female', 'male'] as const;
export const Sex = z.enum(SEXES, { message: 'Choose female or male (used for the reference values).' });
export type Sex = (typeof SEXES)[number];

/** Activity levels with IOM physical activity level (PAL) categories (IOM DRI Energy 2005, ch. 5). */
export const ACTIVITY_LEVELS = ['sedentary', 'low-active', 'active', 'very-active'] as const;
export const ActivityLevel = z.enum(ACTIVITY_LEVELS, { message: 'Choose an activity level.' });
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];

export const DIET_PATTERNS = [
  'omnivore',
  'flexitarian',
  'pescatarian',
  'vegetarian',
  'lacto-vegetarian',
  'ovo-vegetarian',
  'vegan',
  'other',
] as const;
export const DietPattern = z.enum(DIET_PATTERNS, { message: 'Choose a diet pattern.' });
export type DietPattern = (typeof DIET_PATTERNS)[number];

export const LIFE_STAGES = ['none', 'pregnant', 'lactating'] as const;
export const LifeStage = z.enum(LIFE_STAGES, { message: 'Choose a life stage.' });
export type LifeStage = (typeof LIFE_STAGES)[number];

/**
 * What the client works towards: it changes the energy target (loss/gain at a weekly rate) and, for
 * sport, protein (g/kg). See core/targets/compute.ts for the references.
 */
export const GOALS = ['maintenance', 'loss', 'gain', 'sport'] as const;
export const Goal = z.enum(GOALS, { message: 'Choose maintenance, weight loss, weight gain or sport.' });
export type Goal = (typeof GOALS)[number];

/**
 * Medical conditions the targets and rules take into account (core/targets/conditions.ts). A label,
 * not a diagnosis made by the app: the practitioner records what the client's doctor diagnosed.
 */
export const CONDITIONS = [
  'hypertension',
  'type-2-diabetes',
  'chronic-kidney-disease',
  'coeliac-disease',
  'iron-deficiency',
  'lactose-intolerance',
] as const;
export const Condition = z.enum(CONDITIONS, { message: `Use one of: ${CONDITIONS.join(', ')}.` });
export type Condition = (typeof CONDITIONS)[number];

/** The major food allergens foods are flagged for (FALCPA/FASTER Act 2021; EU 1169/2011 Annex II). */
export const ALLERGENS = ['milk', 'egg', 'fish', 'shellfish', 'tree-nut', 'peanut', 'gluten', 'soy', 'sesame'] as const;
export const Allergen = z.enum(ALLERGENS, { message: `Use one of: ${ALLERGENS.join(', ')}.` });
export type Allergen = z.infer<typeof Allergen>;

export const ENERGY_EQUATIONS = ['mifflin-st-jeor', 'iom-eer'] as const;
export const EnergyEquation = z.enum(ENERGY_EQUATIONS, { message: 'Choose an energy equation.' });
export type EnergyEquation = (typeof ENERGY_EQUATIONS)[number];

export const Passphrase = z
  .string({ message: 'Enter a passphrase.' })
  .min(10, { message: 'Use at least 10 characters for the passphrase.' })
  .max(1024, { message: 'The passphrase is too long.' });
