import { z } from 'zod';
import { EnergyEquation, Id, IsoDate } from './common.ts';
import { TARGET_KEYS } from '../targets/target-keys.ts';
import { method } from './rpc.ts';
export { TARGET_KEYS };
export const TargetKey = z.enum(TARGET_KEYS);
export type TargetKey = z.infer<typeof TargetKey>;

/**
 * What kind of reference a target is: it decides how intake is judged against it. 'info' is shown for
 * information and never judged low or high (e.g. potassium in chronic kidney disease, where blood tests
 * decide the amount: core/targets/conditions.ts).
 */
export const TARGET_KINDS = ['goal', 'rda', 'ai', 'amdr', 'limit', 'cdrr', 'info'] as const;

/** A remark on a target from the client's conditions or life stage, with the reference it rests on. */
export const TargetNote = z.object({ text: z.string(), source: z.string() });
export type TargetNote = z.infer<typeof TargetNote>;

/** A condition-based change the practitioner may apply (as an override); never applied automatically. */
export const TargetSuggestion = z.object({
  value: z.number(),
  /** Why, in words for the practitioner (e.g. "Hypertension: aim for under 1,500 mg sodium a day"). */
  reason: z.string(),
  /** The reference, e.g. "AHA/ACC 2017 high blood pressure guideline (Whelton 2018), Table 15". */
  source: z.string(),
});
export type TargetSuggestion = z.infer<typeof TargetSuggestion>;

export const TargetValue = z.object({
  key: TargetKey,
  label: z.string(),
  unit: z.string(),
  /** The number intake is compared with. */
  value: z.number(),
  /** Acceptable range where one applies (AMDR, energy ±10 %, RDA/AI floor; max = UL where it bounds food). */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /**
   * The Tolerable Upper Intake Level for the client's life stage, where one bounds intake from food
   * (null where none was set, or where it covers supplements only, as for magnesium).
   */
  ul: z.number().nullable(),
  kind: z.enum(TARGET_KINDS),
  /** Where the value in force came from: the computation's citation, or the practitioner's override. */
  source: z.string(),
  /** What the app computed and why (equation or DRI table, with every adjustment), override or not. */
  computedSource: z.string(),
  computedValue: z.number(),
  overridden: z.boolean(),
  /** The note saved with the override in force (client_targets.note); null when not overridden. */
  overrideNote: z.string().nullable(),
  /** False when the food data has no values for the nutrient, so intake cannot be compared ("Not tracked"). */
  tracked: z.boolean(),
  suggestion: TargetSuggestion.nullable(),
  notes: z.array(TargetNote),
});
export type TargetValue = z.infer<typeof TargetValue>;

export const TargetOverrides = z.partialRecord(
  TargetKey,
  z.number({ message: 'Must be a number.' }).min(0, { message: 'Must not be negative.' }).max(100000, {
    message: 'That value is implausibly large.',
  }),
);
export type TargetOverrides = z.infer<typeof TargetOverrides>;

export const TargetsView = z.object({
  clientId: Id,
  asOf: IsoDate,
  /** Null when the profile lacks what the equations need; `missing` says what. */
  targets: z.array(TargetValue).nullable(),
  missing: z.array(z.string()),
  equation: EnergyEquation,
  bmrKcal: z.number().nullable(),
  pal: z.number().nullable(),
  ageYears: z.number().nullable(),
  overrides: TargetOverrides,
  effectiveFrom: IsoDate.nullable(),
});
export type TargetsView = z.infer<typeof TargetsView>;

export const TargetHistoryEntry = z.object({
  id: Id,
  effectiveFrom: IsoDate,
  overrides: TargetOverrides,
  note: z.string().nullable(),
  createdAt: z.number(),
});
export type TargetHistoryEntry = z.infer<typeof TargetHistoryEntry>;

export const targetsMethods = {
  'targets.get': method(z.object({ clientId: Id, asOf: IsoDate.optional() }).strict(), TargetsView),
  'targets.set': method(
    z
      .object({
        clientId: Id,
        /** Replaces the overrides; an omitted key goes back to the computed value. */
        overrides: TargetOverrides,
        equation: EnergyEquation.optional(),
        effectiveFrom: IsoDate.optional(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    TargetsView,
  ),
  'targets.history': method(z.object({ clientId: Id }).strict(), z.array(TargetHistoryEntry)),
} as const;
