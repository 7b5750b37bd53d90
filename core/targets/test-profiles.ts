import type { TargetKey, TargetValue } from '../contract/targets.ts';
import { computeTargets, type TargetProfile } from './compute.ts';

/** Shared profiles and helpers of the targets tests (not used by the app). */

export const AS_OF = '2025-06-15';

/** A birth date that makes the client exactly `years` old on AS_OF (birthday today). */
export function bornYearsAgo(years: number): string {
  return `${2025 - years}-06-15`;
}

/** Woman, 30 y, 165 cm, 60 kg, active, omnivore, maintenance, no conditions. */
export const woman30: TargetProfile = {
  sex: 'female',
  birthDate: bornYearsAgo(30),
  heightCm: 165,
  weightKg: 60,
  activityLevel: 'active',
  lifeStage: 'none',
  lifeStageDetail: null,
  dietPattern: 'omnivore',
  goal: 'maintenance',
  goalRateKgWeek: null,
  conditions: [],
  ckdStage: null,
};

export function get(targets: TargetValue[], key: TargetKey): TargetValue {
  const t = targets.find((x) => x.key === key);
  if (t === undefined) throw new Error(`no ${key}`);
  return t;
}

export function targetsFor(
  p: Partial<TargetProfile>,
  equation: 'mifflin-st-jeor' | 'iom-eer' = 'mifflin-st-jeor',
): TargetValue[] {
  return computeTargets({ ...woman30, ...p }, equation, AS_OF).targets;
}

/** The value of one target for woman30 with `p` changed. */
export function targetValue(p: Partial<TargetProfile>, key: TargetKey): number {
  return get(targetsFor(p), key).value;
}
