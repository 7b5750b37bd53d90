import { DEFAULT_PLAN_SLOTS } from '../../contract/plans.ts';
import { computeTargets, type TargetProfile } from '../../targets/compute.ts';
import type { GenerateInput } from '../generator-api.ts';

/**
 * Three client archetypes the generator is measured and tested on (the benchmark and the tests), with
 * targets from the app's own target computation.
 */

const AS_OF = '2026-06-15';

interface Archetype {
  name: string;
  profile: TargetProfile;
  client: GenerateInput['client'];
}

export const ARCHETYPES: Archetype[] = [
  {
    name: 'pregnant vegetarian, peanut allergy',
    profile: {
      sex: 'female',
      birthDate: '1994-03-10',
      heightCm: 165,
      weightKg: 64,
      activityLevel: 'low-active',
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
      dietPattern: 'vegetarian',
      goal: 'maintenance',
      goalRateKgWeek: null,
      conditions: [],
      ckdStage: null,
    },
    client: { dietPattern: 'vegetarian', allergies: ['Peanut'], edSensitive: false, lifeStage: 'pregnant' },
  },
  {
    name: 'hypertensive omnivore man',
    profile: {
      sex: 'male',
      birthDate: '1968-09-02',
      heightCm: 178,
      weightKg: 88,
      activityLevel: 'low-active',
      lifeStage: 'none',
      lifeStageDetail: null,
      dietPattern: 'omnivore',
      goal: 'maintenance',
      goalRateKgWeek: null,
      conditions: ['hypertension'],
      ckdStage: null,
    },
    client: { dietPattern: 'omnivore', allergies: [], edSensitive: false, lifeStage: 'none' },
  },
  {
    name: 'vegan endurance athlete',
    profile: {
      sex: 'male',
      birthDate: '1997-01-20',
      heightCm: 180,
      weightKg: 70,
      activityLevel: 'very-active',
      lifeStage: 'none',
      lifeStageDetail: null,
      dietPattern: 'vegan',
      goal: 'sport',
      goalRateKgWeek: null,
      conditions: [],
      ckdStage: null,
    },
    client: { dietPattern: 'vegan', allergies: [], edSensitive: false, lifeStage: 'none' },
  },
];

/** A plan request for an archetype: `days` days, all filled, the default four slots. */
export function archetypeInput(a: Archetype, days: number, seed = 1, timeLimitPerDay?: number): GenerateInput {
  const fill = Array.from({ length: days }, (_, i) => i + 1);
  return {
    client: a.client,
    targets: computeTargets(a.profile, 'mifflin-st-jeor', AS_OF).targets,
    slots: DEFAULT_PLAN_SLOTS,
    totalDays: days,
    fillDays: fill,
    keepSlots: [],
    fixed: [],
    extraFoods: [],
    excludedFoodIds: [],
    seed,
    ...(timeLimitPerDay === undefined ? {} : { timeLimitPerDay }),
  };
}
