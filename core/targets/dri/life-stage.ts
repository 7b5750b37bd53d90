import type { LifeStage, Sex } from '../../contract/common.ts';

/**
 * Dietary Reference Intakes (DRIs) of the US/Canadian Food and Nutrition Board (IOM, since 2016 NASEM),
 * transcribed from the published reports' summary tables. Every table cites its report; numbers are per
 * day. Infants (< 1 y) are out of scope, so tables start at 1–3 y.
 *
 * Life-stage groups are those of the reports: children 1–3 and 4–8 y (both sexes), then by sex 9–13,
 * 14–18, 19–30, 31–50, 51–70 and > 70 y, plus pregnancy and lactation at ≤ 18, 19–30 and 31–50 y.
 * Ages are completed years, so 18 is in 14–18, 19 in 19–30, 70 in 51–70 and 71 in > 70.
 */

export type ChildGroup = '1-3' | '4-8';
export type SexGroup = '9-13' | '14-18' | '19-30' | '31-50' | '51-70' | '>70';
export type ReproGroup = '14-18' | '19-30' | '31-50';

export interface LifeStageTable {
  children: Record<ChildGroup, number>;
  male: Record<SexGroup, number>;
  female: Record<SexGroup, number>;
  pregnancy: Record<ReproGroup, number>;
  lactation: Record<ReproGroup, number>;
}

/** A resolved row of a LifeStageTable, with a label for `source` strings. */
export type DriGroup =
  | { table: 'children'; group: ChildGroup; label: string }
  | { table: 'male' | 'female'; group: SexGroup; label: string }
  | { table: 'pregnancy' | 'lactation'; group: ReproGroup; label: string };

export interface UpperLimit {
  values: LifeStageTable;
  /**
   * True where the UL covers total intake (food, water and supplements). Magnesium's UL covers only
   * pharmacological agents and supplements (IOM 1997), so it cannot bound food intake.
   */
  fromFood: boolean;
  /** What the UL covers when that is narrower than the nutrient itself (vitamin A, folate). */
  note: string | null;
}

export interface NutrientReference {
  kind: 'rda' | 'ai' | 'cdrr';
  /** Short citation used in `source`, e.g. 'IOM 2011'. */
  report: string;
  values: LifeStageTable;
  ul: UpperLimit | null;
}

// Positional helpers keep each table on a few readable lines. Order is always that of the report.
export function sexRows(
  g9: number,
  g14: number,
  g19: number,
  g31: number,
  g51: number,
  g71: number,
): Record<SexGroup, number> {
  return { '9-13': g9, '14-18': g14, '19-30': g19, '31-50': g31, '51-70': g51, '>70': g71 };
}
export function reproRows(g14: number, g19: number, g31: number): Record<ReproGroup, number> {
  return { '14-18': g14, '19-30': g19, '31-50': g31 };
}
export function childRows(g1: number, g4: number): Record<ChildGroup, number> {
  return { '1-3': g1, '4-8': g4 };
}

const CHILD_LABEL: Record<ChildGroup, string> = { '1-3': '1–3 y', '4-8': '4–8 y' };
const SEX_LABEL: Record<SexGroup, string> = {
  '9-13': '9–13 y',
  '14-18': '14–18 y',
  '19-30': '19–30 y',
  '31-50': '31–50 y',
  '51-70': '51–70 y',
  '>70': '>70 y',
};
const REPRO_LABEL: Record<ReproGroup, string> = { '14-18': '≤18 y', '19-30': '19–30 y', '31-50': '31–50 y' };

/**
 * The DRI row for a person. `lifeStage` must already be the effective one (only females are pregnant or
 * lactating). The reports give pregnancy and lactation rows for 14–50 y only; outside that range the
 * nearest row is used (≤ 18 for younger, 31–50 for older) and the label says so.
 */
export function driGroup(sex: Sex, ageYears: number, lifeStage: LifeStage): DriGroup {
  if (lifeStage === 'pregnant' || lifeStage === 'lactating') {
    const table = lifeStage === 'pregnant' ? 'pregnancy' : 'lactation';
    const group: ReproGroup = ageYears <= 18 ? '14-18' : ageYears <= 30 ? '19-30' : '31-50';
    const outside = ageYears < 14 || ageYears > 50 ? ' (nearest group)' : '';
    return { table, group, label: `${table} ${REPRO_LABEL[group]}${outside}` };
  }
  if (ageYears < 4) return { table: 'children', group: '1-3', label: `children ${CHILD_LABEL['1-3']}` };
  if (ageYears < 9) return { table: 'children', group: '4-8', label: `children ${CHILD_LABEL['4-8']}` };
  const group: SexGroup =
    ageYears <= 13
      ? '9-13'
      : ageYears <= 18
        ? '14-18'
        : ageYears <= 30
          ? '19-30'
          : ageYears <= 50
            ? '31-50'
            : ageYears <= 70
              ? '51-70'
              : '>70';
  return { table: sex, group, label: `${sex} ${SEX_LABEL[group]}` };
}

export function lookup(table: LifeStageTable, g: DriGroup): number {
  return g.table === 'pregnancy' || g.table === 'lactation' ? table[g.table][g.group] : lookupNonRepro(table, g);
}

/** A table without pregnancy and lactation rows (those life stages add to the row of the same age). */
export type NonReproTable = Omit<LifeStageTable, 'pregnancy' | 'lactation'>;

/** A row of a table without pregnancy and lactation rows; `g` must come from driGroup(sex, age, 'none'). */
export function lookupNonRepro(table: NonReproTable, g: DriGroup): number {
  switch (g.table) {
    case 'children':
      return table.children[g.group];
    case 'male':
    case 'female':
      return table[g.table][g.group];
    default:
      throw new RangeError(`No ${g.table} row in this table: look up the non-pregnant row instead.`);
  }
}
