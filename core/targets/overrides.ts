import type { TargetKey, TargetValue } from '../contract/targets.ts';
import { cappedNeedFloor, ENERGY_BAND, num } from './target-value.ts';

/**
 * Which fields of each target are proportional to energy, so scale when energy is overridden. Protein's
 * value comes from body weight and stays; only its AMDR ceiling moves (not the per-kg ceiling of the
 * sport range, kind 'goal').
 */
const ENERGY_DERIVED: Partial<Record<TargetKey, { value: boolean; min: boolean; max: boolean }>> = {
  proteinG: { value: false, min: false, max: true },
  carbG: { value: true, min: true, max: true },
  fatG: { value: true, min: true, max: true },
  satFatG: { value: true, min: false, max: true },
  addedSugarG: { value: true, min: false, max: true },
  fibreG: { value: true, min: true, max: false },
};

/** The client_targets row in force: its note and the day it took effect. */
export interface OverrideRow {
  note: string | null;
  effectiveFrom: string;
}

/**
 * "Your value (set by the practitioner, in force from 2026-03-15). Note: …". The note belongs to the
 * change that set it (one note per client_targets row), so it is quoted as that change's note.
 */
export function practitionerSource(t: TargetValue, value: number, row: OverrideRow | null): string {
  const when = row ? `, in force from ${row.effectiveFrom}` : '';
  const note = row?.note ? ` Note: ${row.note}` : row ? ' No note was given.' : '';
  const aboveUl = t.ul !== null && value > t.ul ? ` Above the UL of ${num(t.ul)} ${t.unit} for this life stage.` : '';
  return `Your value (set by the practitioner${when}).${note}${aboveUl}`;
}

/**
 * Apply a practitioner's overrides to freshly computed targets (the output of `computeTargets`; throws if
 * given targets that already carry overrides, which would otherwise be scaled twice).
 *
 * - An overridden target gets `value` = the override, `overridden: true`, the row's note as
 *   `overrideNote`, and a `source` naming the practitioner's value, its date and note; `computedValue`
 *   and `computedSource` keep describing what was computed. A suggestion the override applied is
 *   dropped (it is now the value in force).
 * - Bounds that were the value itself follow the override: min of an RDA/AI, max of a limit/CDRR; the
 *   energy ±10 % band is recentred on the override. Independent bounds (AMDR, UL) stay.
 * - Overriding energy rescales everything derived from it (carbohydrate, fat, saturated fat, added sugars,
 *   fibre, and protein's AMDR ceiling) by override / computed energy, which equals recomputing them from
 *   the new energy because they are linear in it. A derived target that is itself overridden keeps its
 *   override, but its AMDR bounds still move with energy. Rescaled targets keep `overridden: false` and
 *   their `computedValue` (from the computed energy), so value ≠ computedValue marks them; their
 *   `source` says so.
 */
export function applyOverrides(
  targets: TargetValue[],
  overrides: Partial<Record<TargetKey, number>>,
  row: OverrideRow | null = null,
): TargetValue[] {
  for (const t of targets) {
    if (t.overridden || t.value !== t.computedValue) {
      throw new Error('applyOverrides expects freshly computed targets (from computeTargets).');
    }
  }
  const energy = targets.find((t) => t.key === 'energyKcal');
  const energyOverride = overrides.energyKcal;
  const ratio =
    energyOverride !== undefined && energy !== undefined && energy.computedValue > 0
      ? energyOverride / energy.computedValue
      : null;

  return targets.map((t): TargetValue => {
    const override = overrides[t.key];
    let { value, min, max, source } = t;

    const scaled = ratio !== null ? ENERGY_DERIVED[t.key] : undefined;
    if (scaled !== undefined && ratio !== null) {
      if (scaled.value) value *= ratio;
      if (scaled.min && min !== null) min *= ratio;
      // The sport protein range is per kg of body weight, not a share of energy.
      if (scaled.max && max !== null && !(t.key === 'proteinG' && t.kind === 'goal')) max *= ratio;
      source = `${source}; rescaled to the ${energyOverride} kcal energy override`;
    }

    if (override === undefined) return { ...t, value, min, max, source };

    if (t.key === 'energyKcal') {
      min = override * (1 - ENERGY_BAND);
      max = override * (1 + ENERGY_BAND);
    } else {
      // Only a bound that is the reference itself moves: not a UL that a capped value happens to equal.
      const floor = t.kind === 'rda' || t.kind === 'ai';
      const ceiling = t.kind === 'limit' || t.kind === 'cdrr';
      // A need capped at its UL (value = UL, min under it: see capAtUl) has its floor follow the override
      // too; an override at the UL itself keeps the band under it, for the same reason capAtUl does.
      const capped = t.ul !== null && t.value === t.ul;
      if (floor && t.min !== null && (t.min === t.value || capped)) {
        min = t.ul !== null && override >= t.ul ? Math.min(t.min, cappedNeedFloor(t.ul)) : override;
      }
      if (ceiling && t.max !== null && t.max === t.value) max = override;
    }
    const suggestion = t.suggestion !== null && t.suggestion.value === override ? null : t.suggestion;
    return {
      ...t,
      value: override,
      min,
      max,
      source: practitionerSource(t, override, row),
      overridden: true,
      overrideNote: row?.note ?? null,
      suggestion,
    };
  });
}
