import type { NutrientStatus } from '../contract/log.ts';
import type { TargetValue } from '../contract/targets.ts';

/**
 * How an amount compares with a target: the one judgement the dashboard (logged intake) and meal plans
 * (planned intake) share, so a plan day and a logged day with the same foods read the same.
 */

/** How intake compares with a target of each kind (see TargetValue.kind in core/contract/targets.ts). */
export function statusOf(t: TargetValue, value: number | null): NutrientStatus['status'] {
  if (value === null || !t.tracked) return 'untracked';
  switch (t.kind) {
    case 'info':
      return 'info';
    case 'limit':
    case 'cdrr':
      return value > (t.max ?? t.value) ? 'high' : 'ok';
    case 'goal':
    case 'amdr':
      if (t.min !== null && value < t.min) return 'low';
      if (t.max !== null && value > t.max) return 'high';
      return 'ok';
    default:
      // RDA / AI: below the reference is low; above the UL (when one exists) is high.
      if (value < (t.min ?? t.value)) return 'low';
      if (t.max !== null && value > t.max) return 'high';
      return 'ok';
  }
}

/** A target with the amount against it, as the dashboard and the plans show it. */
export function judge(t: TargetValue, value: number | null): NutrientStatus {
  return {
    key: t.key,
    label: t.label,
    unit: t.unit,
    value,
    target: t.value,
    min: t.min,
    max: t.max,
    kind: t.kind,
    status: statusOf(t, value),
    ratio: value === null || t.value === 0 ? null : value / t.value,
  };
}
