import { z } from 'zod';
import { MEASURE_KINDS } from '../measures/kinds.ts';
import { Id, IsoDate } from './common.ts';
import { Empty, method } from './rpc.ts';

/**
 * A client's measurements over time: weight, height, waist, hip, body fat %, blood pressure, lab values
 * and the practitioner's own kinds (core/measures/kinds.ts has the units, conversions and reference
 * ranges with their sources). Values travel in the unit they were entered in; the canonical value is
 * given beside it so every screen compares like with like.
 */

export const MeasureKind = z.enum(MEASURE_KINDS, { message: 'Choose a measurement kind.' });
export type MeasureKind = z.infer<typeof MeasureKind>;

/** The most characters of a custom kind's name, a unit, a method and a note. */
export const MEASURE_BOUNDS = { customName: 60, unit: 20, method: 80, note: 2000 } as const;

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${what} is at most ${max} characters.` });

export const MeasurementInput = z
  .object({
    clientId: Id,
    kind: MeasureKind,
    /** A custom kind's name ("Grip strength"); required for 'custom', refused otherwise. */
    customName: text(MEASURE_BOUNDS.customName, 'The name').min(1, { message: 'Name the measurement.' }).optional(),
    value: z.number({ message: 'Enter the value as a number.' }),
    /** Blood pressure's diastolic value; required for blood pressure, refused otherwise. */
    value2: z.number({ message: 'Enter the diastolic value as a number.' }).optional(),
    /** One of the kind's units (the canonical one when omitted); a custom kind's own unit. */
    unit: text(MEASURE_BOUNDS.unit, 'The unit').optional(),
    date: IsoDate,
    method: text(MEASURE_BOUNDS.method, 'The method').optional(),
    note: text(MEASURE_BOUNDS.note, 'The note').optional(),
  })
  .strict();
export type MeasurementInput = z.infer<typeof MeasurementInput>;

export const ReferenceRange = z.object({
  low: z.number().nullable(),
  high: z.number().nullable(),
  sex: z.enum(['female', 'male']).nullable(),
  /** In the canonical unit. */
  text: z.string(),
  /** The same range in each other unit of the kind ("in" → "below 37 in (men, Europid)"). */
  texts: z.record(z.string(), z.string()),
  /** Not shown for a pregnant client. */
  notInPregnancy: z.boolean(),
  source: z.string(),
});
export type ReferenceRange = z.infer<typeof ReferenceRange>;

export const Measurement = z.object({
  id: Id,
  clientId: Id,
  kind: MeasureKind,
  /** The kind's label ("Weight", "HbA1c") or a custom kind's name. */
  label: z.string(),
  customName: z.string().nullable(),
  /** In the kind's canonical unit (kg, cm, mmol/mol, mmol/L …). */
  value: z.number(),
  value2: z.number().nullable(),
  canonicalUnit: z.string(),
  /** As entered: the unit and the value in it. */
  unit: z.string(),
  enteredValue: z.number(),
  enteredValue2: z.number().nullable(),
  date: IsoDate,
  method: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Measurement = z.infer<typeof Measurement>;

export const MeasureKindInfo = z.object({
  kind: MeasureKind,
  label: z.string(),
  unit: z.string(),
  units: z.array(z.object({ unit: z.string(), source: z.string().nullable() })),
  min: z.number().nullable(),
  max: z.number().nullable(),
  pair: z.object({ first: z.string(), second: z.string() }).nullable(),
  method: z.boolean(),
  ranges: z.array(ReferenceRange),
});
export type MeasureKindInfo = z.infer<typeof MeasureKindInfo>;

export const measuresMethods = {
  'measures.kinds': method(Empty, z.array(MeasureKindInfo)),
  'measures.list': method(z.object({ clientId: Id, kind: MeasureKind.optional() }).strict(), z.array(Measurement)),
  'measures.add': method(MeasurementInput, Measurement),
  'measures.update': method(z.object({ id: Id, measurement: MeasurementInput }).strict(), Measurement),
  'measures.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id })),
} as const;
