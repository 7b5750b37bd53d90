import type { Client, ClientFieldsInput } from '@contract/clients.ts';
import type { ActivityLevel, Condition, DietPattern, EnergyEquation, Goal, LifeStage, Sex } from '../../lib/labels.ts';

/** The client form's state: text inputs hold strings, NumberInputs hold number | ''. */
export interface ClientFormValues {
  name: string;
  birthDate: string;
  sex: Sex | 'unspecified';
  heightCm: number | string;
  weightKg: number | string;
  activityLevel: ActivityLevel;
  dietPattern: DietPattern;
  allergies: string[];
  lifeStage: LifeStage;
  lifeStageDetail: number | string;
  tags: string[];
  email: string;
  phone: string;
  notes: string;
  energyEquation: EnergyEquation;
  edSensitive: boolean;
  goal: Goal;
  /** kg per week for a loss or gain goal; '' = the default (0.5). */
  goalRateKgWeek: number | string;
  conditions: Condition[];
  /** '' until chosen; only kept with chronic kidney disease. */
  ckdStage: number | string;
}

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  name: '',
  birthDate: '',
  sex: 'unspecified',
  heightCm: '',
  weightKg: '',
  activityLevel: 'low-active',
  dietPattern: 'omnivore',
  allergies: [],
  lifeStage: 'none',
  lifeStageDetail: '',
  tags: [],
  email: '',
  phone: '',
  notes: '',
  energyEquation: 'mifflin-st-jeor',
  edSensitive: false,
  goal: 'maintenance',
  goalRateKgWeek: '',
  conditions: [],
  ckdStage: '',
};

export function valuesFromClient(client: Client): ClientFormValues {
  return {
    name: client.name,
    birthDate: client.birthDate ?? '',
    sex: client.sex ?? 'unspecified',
    heightCm: client.heightCm ?? '',
    weightKg: client.weightKg ?? '',
    activityLevel: client.activityLevel,
    dietPattern: client.dietPattern,
    allergies: client.allergies,
    lifeStage: client.lifeStage,
    lifeStageDetail: client.lifeStageDetail ?? '',
    tags: client.tags,
    email: client.email ?? '',
    phone: client.phone ?? '',
    notes: client.notes ?? '',
    energyEquation: client.energyEquation,
    edSensitive: client.edSensitive,
    goal: client.goal,
    goalRateKgWeek: client.goalRateKgWeek ?? '',
    conditions: client.conditions,
    ckdStage: client.ckdStage ?? '',
  };
}

/** '' → null; a number or numeric text → number; anything else NaN (the server names the field). */
function numberOrNull(value: number | string): number | null {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : Number(trimmed);
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The form as the contract's client fields. A life stage only applies to a female client, and its
 * detail only to pregnancy or lactation; a weekly rate only to a loss or gain goal; a CKD stage only
 * with chronic kidney disease. Otherwise they are reset so stale values are not kept.
 */
export function clientInputFromValues(values: ClientFormValues): ClientFieldsInput {
  const sex = values.sex === 'unspecified' ? null : values.sex;
  const lifeStage = sex === 'female' ? values.lifeStage : 'none';
  return {
    name: values.name.trim(),
    birthDate: textOrNull(values.birthDate),
    sex,
    heightCm: numberOrNull(values.heightCm),
    weightKg: numberOrNull(values.weightKg),
    activityLevel: values.activityLevel,
    dietPattern: values.dietPattern,
    allergies: values.allergies.map((a) => a.trim()).filter((a) => a !== ''),
    lifeStage,
    lifeStageDetail: lifeStage === 'none' ? null : numberOrNull(values.lifeStageDetail),
    tags: values.tags.map((t) => t.trim()).filter((t) => t !== ''),
    email: textOrNull(values.email),
    phone: textOrNull(values.phone),
    notes: textOrNull(values.notes),
    energyEquation: values.energyEquation,
    edSensitive: values.edSensitive,
    goal: values.goal,
    goalRateKgWeek: values.goal === 'loss' || values.goal === 'gain' ? numberOrNull(values.goalRateKgWeek) : null,
    conditions: values.conditions,
    ckdStage: values.conditions.includes('chronic-kidney-disease') ? numberOrNull(values.ckdStage) : null,
  };
}

/** Checks that need no server: the server repeats them and adds its own (ranges, e-mail). */
export function validateClientValues(values: ClientFormValues): Partial<Record<keyof ClientFormValues, string>> {
  const errors: Partial<Record<keyof ClientFormValues, string>> = {};
  if (values.name.trim() === '') errors.name = 'Name is required.';
  if (values.sex === 'female' && values.lifeStage !== 'none' && numberOrNull(values.lifeStageDetail) === null) {
    errors.lifeStageDetail =
      values.lifeStage === 'pregnant' ? 'Choose the trimester.' : 'Enter the months post-partum.';
  }
  return errors;
}
