/**
 * The measurement kinds a practitioner records for a client over time, each with the unit it is stored
 * in (canonical), the units it may be entered in and how to convert, plausible bounds (a typo guard,
 * not a clinical judgement) and, where a published one exists, a reference range with its source.
 *
 * Reference ranges are shown as ranges beside a value, never turned into a diagnosis or a label: the
 * laboratory's own range and the practitioner's judgement decide. Every conversion factor below was
 * checked against the molar mass it follows from (mg/dL = mmol/L × molar mass [g/mol] ÷ 10).
 */

/** The built-in kinds; 'custom' is any other, named by the practitioner with a unit of their own. */
export const MEASURE_KINDS = [
  'weight',
  'height',
  'waist',
  'hip',
  'body-fat',
  'blood-pressure',
  'hba1c',
  'fasting-glucose',
  'total-cholesterol',
  'ldl-cholesterol',
  'hdl-cholesterol',
  'triglycerides',
  'ferritin',
  'haemoglobin',
  'vitamin-d',
  'b12',
  'egfr',
  'custom',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** A unit a kind may be entered in: canonical value = toCanonical(entered); entered = fromCanonical(canonical). */
export interface UnitDef {
  unit: string;
  toCanonical: (v: number) => number;
  fromCanonical: (v: number) => number;
  /** Where the factor comes from (absent for the canonical unit itself). */
  source?: string;
}

/** A published reference range in the canonical unit (either end may be open), with its source. */
export interface ReferenceRange {
  low: number | null;
  high: number | null;
  /** Who it applies to, when it depends on sex (absent: everyone). */
  sex?: 'female' | 'male';
  /** The range in words, neutral (no "deficient", no "high risk"), in the canonical unit. */
  text: string;
  source: string;
  /** Who the range is for, without the numbers ("men, Europid"): lets the text be written in another unit. */
  qualifier?: string;
  /** The range does not apply in pregnancy (a waist cut-off measures a body that is growing a baby). */
  notInPregnancy?: boolean;
}

/**
 * The range in words in one of the kind's units: "below 37 in (men, Europid)" for a waist range shown in
 * inches, so a printed page never puts centimetres beside inches. The canonical text in its own unit.
 */
export function rangeTextIn(range: ReferenceRange, def: Pick<KindDef, 'unit' | 'units'>, unit: string): string {
  const u = def.units.find((x) => x.unit === unit);
  if (!u || unit === def.unit || range.qualifier === undefined) return range.text;
  const n = (v: number): string => String(Math.round(u.fromCanonical(v) * 10) / 10);
  const ends =
    range.low !== null && range.high !== null
      ? `${n(range.low)}–${n(range.high)} ${unit}`
      : range.high !== null
        ? `below ${n(range.high)} ${unit}`
        : `${n(range.low ?? 0)} ${unit} or more`;
  return `${ends} (${range.qualifier})`;
}

/** Whether a range applies to the client: a sex-specific one only for that sex (all when unknown), and
 * one that does not hold in pregnancy not for a pregnant client. */
export function rangeApplies(
  range: ReferenceRange,
  client: { sex: 'female' | 'male' | null; lifeStage: 'none' | 'pregnant' | 'lactating' },
): boolean {
  if (range.sex && client.sex && range.sex !== client.sex) return false;
  return !(range.notInPregnancy && client.lifeStage === 'pregnant');
}

export interface KindDef {
  kind: Exclude<MeasureKind, 'custom'>;
  label: string;
  /** The unit values are stored and compared in. */
  unit: string;
  units: readonly UnitDef[];
  /** Plausible bounds in the canonical unit (inclusive): outside them the value is refused as a typo. */
  min: number;
  max: number;
  /** Blood pressure holds two values: systolic (value) and diastolic (second value). */
  pair?: { first: string; second: string };
  /** Whether a method may be recorded (body fat %: BIA, DXA, skinfolds …). */
  method?: boolean;
  ranges: readonly ReferenceRange[];
}

const same = (unit: string): UnitDef => ({ unit, toCanonical: (v) => v, fromCanonical: (v) => v });
const times = (unit: string, factor: number, source: string): UnitDef => ({
  unit,
  toCanonical: (v) => v * factor,
  fromCanonical: (v) => v / factor,
  source,
});
const per = (unit: string, factor: number, source: string): UnitDef => ({
  unit,
  toCanonical: (v) => v / factor,
  fromCanonical: (v) => v * factor,
  source,
});

/** 1 lb = 0.45359237 kg exactly (international yard and pound agreement, 1959). */
export const KG_PER_LB = 0.45359237;
/** 1 in = 2.54 cm exactly (international yard and pound agreement, 1959). */
export const CM_PER_IN = 2.54;
/** Glucose C6H12O6, 180.16 g/mol: 1 mmol/L = 18.016 mg/dL. */
export const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
/** Cholesterol C27H46O, 386.65 g/mol: 1 mmol/L = 38.67 mg/dL (the factor laboratories use for total, LDL and HDL). */
export const CHOLESTEROL_MG_DL_PER_MMOL_L = 38.67;
/** Triglycerides as triolein, 885.7 g/mol: 1 mmol/L = 88.57 mg/dL. */
export const TRIGLYCERIDE_MG_DL_PER_MMOL_L = 88.57;
/** 25-hydroxyvitamin D3, 400.64 g/mol: 1 ng/mL = 2.496 nmol/L. */
export const VITAMIN_D_NMOL_L_PER_NG_ML = 2.496;
/** Cyanocobalamin, 1355.4 g/mol: 1 pg/mL = 0.738 pmol/L. */
export const B12_PMOL_L_PER_PG_ML = 0.738;

const MOLAR = 'molar mass conversion: mg/dL = mmol/L × g/mol ÷ 10 (SI unit conversion, AMA Manual of Style, 11th ed.)';

/**
 * HbA1c: IFCC (mmol/mol) = 10.929 × (NGSP % − 2.15), the inverse of the IFCC–NGSP master equation
 * NGSP = 0.0915 × IFCC + 2.15 (Hoelzel W et al., Clin Chem 2004;50:166–174; NGSP "IFCC standardization"
 * conversion, ngsp.org). Stored in mmol/mol (the SI unit).
 */
export const HBA1C_SLOPE = 10.929;
export const HBA1C_OFFSET = 2.15;
export const hba1cPercentToMmolMol = (percent: number): number => HBA1C_SLOPE * (percent - HBA1C_OFFSET);
export const hba1cMmolMolToPercent = (mmolMol: number): number => mmolMol / HBA1C_SLOPE + HBA1C_OFFSET;

const CHOL_UNITS = [
  same('mmol/L'),
  per('mg/dL', CHOLESTEROL_MG_DL_PER_MMOL_L, `cholesterol 386.65 g/mol; ${MOLAR}`),
] as const;

/** NCEP ATP III (Third Report of the National Cholesterol Education Program, Circulation 2002;106:3143), Table II.2-2. */
const ATP3 = 'NCEP ATP III, Circulation 2002;106:3143';

export const KINDS: readonly KindDef[] = [
  {
    kind: 'weight',
    label: 'Weight',
    unit: 'kg',
    units: [same('kg'), times('lb', KG_PER_LB, '1 lb = 0.45359237 kg exactly (1959 international pound)')],
    min: 1,
    max: 500,
    ranges: [],
  },
  {
    kind: 'height',
    label: 'Height',
    unit: 'cm',
    units: [same('cm'), times('in', CM_PER_IN, '1 in = 2.54 cm exactly (1959 international inch)')],
    min: 30,
    max: 260,
    ranges: [],
  },
  {
    kind: 'waist',
    label: 'Waist circumference',
    unit: 'cm',
    units: [same('cm'), times('in', CM_PER_IN, '1 in = 2.54 cm exactly (1959 international inch)')],
    min: 20,
    max: 300,
    ranges: [
      {
        low: null,
        high: 94,
        sex: 'male',
        text: 'below 94 cm (men, Europid)',
        qualifier: 'men, Europid',
        notInPregnancy: true,
        source: 'WHO, Waist circumference and waist–hip ratio, expert consultation report 2008, Table 2',
      },
      {
        low: null,
        high: 80,
        sex: 'female',
        text: 'below 80 cm (women, Europid)',
        qualifier: 'women, Europid',
        notInPregnancy: true,
        source: 'WHO, Waist circumference and waist–hip ratio, expert consultation report 2008, Table 2',
      },
    ],
  },
  {
    kind: 'hip',
    label: 'Hip circumference',
    unit: 'cm',
    units: [same('cm'), times('in', CM_PER_IN, '1 in = 2.54 cm exactly (1959 international inch)')],
    min: 20,
    max: 300,
    ranges: [],
  },
  { kind: 'body-fat', label: 'Body fat', unit: '%', units: [same('%')], min: 1, max: 75, method: true, ranges: [] },
  {
    kind: 'blood-pressure',
    label: 'Blood pressure',
    unit: 'mmHg',
    units: [same('mmHg')],
    min: 40,
    max: 300,
    pair: { first: 'systolic', second: 'diastolic' },
    ranges: [
      {
        low: null,
        high: 120,
        text: 'systolic below 120 and diastolic below 80 mmHg ("normal" category)',
        source: '2017 ACC/AHA high blood pressure guideline (Whelton PK et al., Hypertension 2018;71:e13), Table 6',
      },
    ],
  },
  {
    kind: 'hba1c',
    label: 'HbA1c',
    unit: 'mmol/mol',
    units: [
      same('mmol/mol'),
      {
        unit: '%',
        toCanonical: hba1cPercentToMmolMol,
        fromCanonical: hba1cMmolMolToPercent,
        source: 'IFCC = 10.929 × (NGSP − 2.15): Hoelzel et al., Clin Chem 2004;50:166; ngsp.org',
      },
    ],
    min: 10,
    max: 200,
    ranges: [
      {
        low: null,
        high: hba1cPercentToMmolMol(5.7),
        text: 'below 5.7 % (39 mmol/mol)',
        source: 'ADA Standards of Care in Diabetes 2024, Table 2.1 (Diabetes Care 2024;47:S20)',
      },
    ],
  },
  {
    kind: 'fasting-glucose',
    label: 'Fasting glucose',
    unit: 'mmol/L',
    units: [same('mmol/L'), per('mg/dL', GLUCOSE_MG_DL_PER_MMOL_L, `glucose 180.16 g/mol; ${MOLAR}`)],
    min: 1,
    max: 40,
    ranges: [
      {
        low: 70 / GLUCOSE_MG_DL_PER_MMOL_L,
        high: 100 / GLUCOSE_MG_DL_PER_MMOL_L,
        text: '70–99 mg/dL (3.9–5.5 mmol/L)',
        source: 'ADA Standards of Care in Diabetes 2024, Table 2.1 (Diabetes Care 2024;47:S20)',
      },
    ],
  },
  {
    kind: 'total-cholesterol',
    label: 'Total cholesterol',
    unit: 'mmol/L',
    units: CHOL_UNITS,
    min: 0.5,
    max: 30,
    ranges: [
      { low: null, high: 200 / CHOLESTEROL_MG_DL_PER_MMOL_L, text: 'below 200 mg/dL (5.2 mmol/L)', source: ATP3 },
    ],
  },
  {
    kind: 'ldl-cholesterol',
    label: 'LDL cholesterol',
    unit: 'mmol/L',
    units: CHOL_UNITS,
    min: 0.1,
    max: 25,
    ranges: [
      { low: null, high: 100 / CHOLESTEROL_MG_DL_PER_MMOL_L, text: 'below 100 mg/dL (2.6 mmol/L)', source: ATP3 },
    ],
  },
  {
    kind: 'hdl-cholesterol',
    label: 'HDL cholesterol',
    unit: 'mmol/L',
    units: CHOL_UNITS,
    min: 0.1,
    max: 10,
    ranges: [
      {
        low: 40 / CHOLESTEROL_MG_DL_PER_MMOL_L,
        high: null,
        sex: 'male',
        text: '40 mg/dL (1.0 mmol/L) or more',
        source: ATP3,
      },
      {
        low: 50 / CHOLESTEROL_MG_DL_PER_MMOL_L,
        high: null,
        sex: 'female',
        text: '50 mg/dL (1.3 mmol/L) or more',
        source: ATP3,
      },
    ],
  },
  {
    kind: 'triglycerides',
    label: 'Triglycerides',
    unit: 'mmol/L',
    units: [same('mmol/L'), per('mg/dL', TRIGLYCERIDE_MG_DL_PER_MMOL_L, `triolein 885.7 g/mol; ${MOLAR}`)],
    min: 0.1,
    max: 100,
    ranges: [
      { low: null, high: 150 / TRIGLYCERIDE_MG_DL_PER_MMOL_L, text: 'below 150 mg/dL (1.7 mmol/L)', source: ATP3 },
    ],
  },
  {
    kind: 'ferritin',
    label: 'Ferritin',
    unit: 'µg/L',
    // 1 µg/L = 1 µg per 1000 mL = 1 ng/mL: the same number.
    units: [same('µg/L'), { ...same('ng/mL'), source: '1 µg/L = 1 ng/mL (same quantity)' }],
    min: 0.5,
    max: 10000,
    ranges: [
      {
        low: 15,
        high: null,
        text: '15 µg/L or more (adults; lower values are consistent with low iron stores)',
        source: 'WHO guideline on use of ferritin concentrations to assess iron status, 2020',
      },
    ],
  },
  {
    kind: 'haemoglobin',
    label: 'Haemoglobin',
    unit: 'g/L',
    units: [same('g/L'), times('g/dL', 10, '1 g/dL = 10 g/L (1 dL = 0.1 L)')],
    min: 30,
    max: 250,
    ranges: [
      {
        low: 130,
        high: null,
        sex: 'male',
        text: '130 g/L or more (men)',
        source: 'WHO, Haemoglobin concentrations for the diagnosis of anaemia, VMNIS 2011, Table 1',
      },
      {
        low: 120,
        high: null,
        sex: 'female',
        text: '120 g/L or more (non-pregnant women; 110 g/L in pregnancy)',
        source: 'WHO, Haemoglobin concentrations for the diagnosis of anaemia, VMNIS 2011, Table 1',
      },
    ],
  },
  {
    kind: 'vitamin-d',
    label: 'Vitamin D (25-OH)',
    unit: 'nmol/L',
    units: [
      same('nmol/L'),
      times('ng/mL', VITAMIN_D_NMOL_L_PER_NG_ML, '25(OH)D3 400.64 g/mol: 1 ng/mL = 2.496 nmol/L'),
    ],
    min: 1,
    max: 750,
    ranges: [
      {
        low: 50,
        high: 125,
        text: '50–125 nmol/L (20–50 ng/mL)',
        source: 'IOM, Dietary Reference Intakes for Calcium and Vitamin D, 2011, ch. 8',
      },
    ],
  },
  {
    kind: 'b12',
    label: 'Vitamin B12',
    unit: 'pmol/L',
    units: [same('pmol/L'), times('pg/mL', B12_PMOL_L_PER_PG_ML, 'cobalamin 1355.4 g/mol: 1 pg/mL = 0.738 pmol/L')],
    min: 10,
    max: 10000,
    ranges: [
      {
        low: 148,
        high: null,
        text: '148 pmol/L (200 pg/mL) or more',
        source: 'BSH guideline on cobalamin and folate disorders (Devalia V et al., Br J Haematol 2014;166:496)',
      },
    ],
  },
  {
    kind: 'egfr',
    label: 'eGFR',
    unit: 'mL/min/1.73m²',
    units: [same('mL/min/1.73m²')],
    min: 1,
    max: 200,
    ranges: [
      {
        low: 90,
        high: null,
        text: '90 or more (category G1)',
        source: 'KDIGO 2012 Clinical Practice Guideline for CKD, Kidney Int Suppl 2013;3:1, Table 5',
      },
    ],
  },
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

export function kindDef(kind: Exclude<MeasureKind, 'custom'>): KindDef {
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`unknown measurement kind ${kind}`);
  return def;
}

/** The unit definition of `unit` for a kind, or undefined when the kind is not measured in it. */
export function unitDef(def: KindDef, unit: string): UnitDef | undefined {
  return def.units.find((u) => u.unit === unit);
}

/** Converts a value of a built-in kind between two of its units. */
export function convert(kind: Exclude<MeasureKind, 'custom'>, value: number, from: string, to: string): number {
  const def = kindDef(kind);
  const a = unitDef(def, from);
  const b = unitDef(def, to);
  if (!a || !b) throw new Error(`${def.label} is not measured in ${!a ? from : to}`);
  return b.fromCanonical(a.toCanonical(value));
}
