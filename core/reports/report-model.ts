import type { Client } from '../contract/clients.ts';
import type { Settings } from '../contract/settings.ts';
import type { TargetValue } from '../contract/targets.ts';
import type { ReportRequest, ReportSection, ReportVariant } from '../contract/reports.ts';
import type { IntakeExtraKey, IntakeReference, NutrientStatus, TREND_KEYS } from '../contract/log.ts';
import type { Recommendation } from '../contract/rules.ts';
import { statusOf, type DashboardService } from '../features/dashboard.ts';
import type { LogService } from '../log/log-service.ts';
import { CM_PER_IN, KG_PER_LB, KINDS, rangeApplies, rangeTextIn, type KindDef } from '../measures/kinds.ts';
import type { BuiltInKind, Reading } from '../measures/in-force.ts';
import type { MeasuresService } from '../measures/measures-service.ts';
import type { PhotosService } from '../photos/photos-service.ts';
import type { RecommendationsService } from '../rules/recommendations-service.ts';
import { stripNumbersForEdSensitive } from '../rules/guardrails.ts';
import type { TargetsService } from '../targets/targets-service.ts';

/**
 * The client report's data, gathered from the services for ONE client (every call carries its id).
 * Means are over LOGGED days only: a day without diet entries is missing data, not zero intake
 * (the same rule as the dashboard), and the flags say how many days that is.
 */

type TrendKey = (typeof TREND_KEYS)[number];

/** Only the service methods the report reads, so the model cannot reach anything else. */
export interface ReportServices {
  clients: { get(id: string): Client };
  /** The weight and height in force on the report's end date, and the readings of the period. */
  measures: Pick<MeasuresService, 'profileOn' | 'between'>;
  targets: Pick<TargetsService, 'get'>;
  dashboard: Pick<DashboardService, 'day' | 'trends'>;
  log: Pick<LogService, 'list'>;
  photos: Pick<PhotosService, 'list' | 'image'>;
  recommendations: Pick<RecommendationsService, 'list'>;
  settings: { get(): Settings };
}

export interface IntakeRow {
  key: string;
  label: string;
  unit: string;
  /** Mean daily intake over the logged days with a value; null when none. */
  mean: number | null;
  target: number;
  min: number | null;
  max: number | null;
  kind: string;
  status: NutrientStatus['status'];
}

/**
 * Caffeine or alcohol over the period (no target exists for either): the mean per logged day whose
 * entries carry a value, as the dashboard sums each day, with the reference that applied on each day.
 */
export interface ExtraRow {
  key: IntakeExtraKey;
  label: string;
  unit: string;
  /** Null when no logged day has a value. */
  mean: number | null;
  /** Logged days with a value (the mean's days). */
  daysWithValue: number;
  /** The reference on the last logged day (the profile's life stage then); null when none applies. */
  reference: IntakeReference | null;
  /** Logged days above the reference that applied that day. */
  daysAbove: number;
}

export interface TrendSeries {
  key: TrendKey;
  label: string;
  unit: string;
  values: (number | null)[];
  mean7: (number | null)[];
  target: number | null;
}

export interface ReportPhoto {
  id: string;
  date: string;
  /** JPEG thumbnail as a data: URL (the report must not reference files or the network). */
  thumbnail: string;
  items: string[];
}

export interface ReportRecommendation {
  title: string;
  /** Client variant: the rule's client wording (null when the rule has none); practitioner: the message. */
  message: string | null;
  suggestions: string[];
  /** Practitioner variant only (empty in the client's report). */
  rationale: string;
  severity: string;
  status: string;
  guardrails: string[];
  /** Practitioner variant only: the condition's values ("Why?"). */
  why: string[];
}

/** One measurement kind in the period: its latest reading and the change since the period's first. */
export interface MeasurementRow {
  kind: BuiltInKind;
  label: string;
  /** The unit the values are given in: the practitioner's (kg or lb, cm or in) for body sizes, else the kind's. */
  unit: string;
  latest: number;
  /** Blood pressure's diastolic value; null for every other kind. */
  latest2: number | null;
  latestDate: string;
  /** Latest − the first reading in the period; null with one reading in it. */
  change: number | null;
  change2: number | null;
  firstDate: string | null;
  readings: number;
  /** Published ranges for the client's sex (kinds.ts), in neutral words with their source. */
  ranges: { text: string; source: string }[];
}

export interface ReportMeasurements {
  rows: MeasurementRow[];
  /** Each day of the period with its weight reading (the last of the day) or null; null when not charted. */
  weight: { values: (number | null)[]; unit: string } | null;
}

export interface ReportModel {
  variant: ReportVariant;
  title: string;
  generatedAt: string;
  sections: ReportSection[];
  practitioner: { name: string; credentials: string; contact: string; logo: string | null };
  client: {
    name: string;
    ageYears: number | null;
    sex: string | null;
    height: string | null;
    weight: string | null;
    bmi: number | null;
    dietPattern: string;
    /** As recorded by the practitioner ("none recorded" when empty). */
    allergies: string[];
    /** "Pregnant (trimester 2)", "Breastfeeding (4 months post-partum)" or null. */
    lifeStage: string | null;
    conditions: string[];
    goal: string;
    units: Settings['units'];
  };
  /** The day the recommendations were evaluated (always the current data, which may be after the period). */
  recommendationsAsOf: string;
  period: { from: string; to: string; daysInRange: number; daysLogged: number };
  /** Null when the profile lacks what targets need (see flags). */
  intake: IntakeRow[] | null;
  /** Caffeine and alcohol; empty when no day is logged. */
  extras: ExtraRow[];
  dates: string[];
  series: TrendSeries[];
  macroSplit: { proteinPct: number; carbPct: number; fatPct: number } | null;
  activity: { minutes: number[]; totalMinutes: number; daysActive: number };
  sleep: { hours: (number | null)[]; meanHours: number | null; nightsLogged: number };
  photos: ReportPhoto[];
  recommendations: ReportRecommendation[];
  notes: string | null;
  disclaimer: string;
  flags: string[];
  measurements: ReportMeasurements;
  /** Eating-disorder-sensitive client: energy figures and the energy chart are left out. */
  energyHidden: boolean;
  /**
   * The client's copy for an eating-disorder-sensitive client: no weight, BMI or body measurement and
   * no weight chart (BODY_SIZE_KINDS); blood pressure and lab values stay.
   */
  bodyHidden: boolean;
}

export const DISCLAIMER =
  'This report summarises what was logged in the period shown; unlogged days and unlogged foods are not ' +
  'included, and food composition values are estimates. It supports a conversation with your practitioner ' +
  'and is not a diagnosis or a substitute for individual medical advice.';

const SERIES: { key: TrendKey; label: string; unit: string }[] = [
  { key: 'energyKcal', label: 'Energy', unit: 'kcal' },
  { key: 'proteinG', label: 'Protein', unit: 'g' },
  { key: 'carbG', label: 'Carbohydrate', unit: 'g' },
  { key: 'fatG', label: 'Fat', unit: 'g' },
  { key: 'fibreG', label: 'Fibre', unit: 'g' },
  { key: 'sodiumMg', label: 'Sodium', unit: 'mg' },
];

const ENERGY_KEYS = new Set(['energyKcal']);

/**
 * Body-size measurements, left out of an eating-disorder-sensitive client's own copy for the same reason
 * as energy figures (core/rules/guardrails.ts): number-focused feedback on the body can reinforce the
 * disorder, so the practitioner, not a printout, decides when and how weight is talked about. The case
 * report keeps them.
 */
export const BODY_SIZE_KINDS: ReadonlySet<BuiltInKind> = new Set(['weight', 'waist', 'hip', 'body-fat']);

/** Values of a kind in the unit the report shows them in: body sizes in the practitioner's units. */
function displayUnit(def: KindDef, units: Settings['units']): { unit: string; of: (v: number) => number } {
  if (units === 'us' && def.unit === 'kg') return { unit: 'lb', of: (v) => v / KG_PER_LB };
  if (units === 'us' && def.unit === 'cm') return { unit: 'in', of: (v) => v / CM_PER_IN };
  return { unit: def.unit, of: (v) => v };
}

/**
 * The measurements section: per built-in kind with a reading in the period (kinds.ts order), the latest
 * reading and its change since the first in the period, and the weight per day for the chart.
 */
export function measurementsOf(
  readings: readonly Reading[],
  opts: {
    dates: readonly string[];
    units: Settings['units'];
    sex: Client['sex'];
    lifeStage: Client['lifeStage'];
    bodyHidden: boolean;
  },
): ReportMeasurements {
  const rows: MeasurementRow[] = [];
  let weight: ReportMeasurements['weight'] = null;
  for (const def of KINDS) {
    if (opts.bodyHidden && BODY_SIZE_KINDS.has(def.kind)) continue;
    // Oldest first (readingsBetween's order); a later-recorded reading the same day comes after.
    const own = readings.filter((r) => r.kind === def.kind);
    const first = own[0];
    const last = own[own.length - 1];
    if (!first || !last) continue;
    const { unit, of } = displayUnit(def, opts.units);
    const two = own.length > 1;
    rows.push({
      kind: def.kind,
      label: def.label,
      unit,
      latest: of(last.value),
      latest2: last.value2 === null ? null : of(last.value2),
      latestDate: last.date,
      change: two ? of(last.value) - of(first.value) : null,
      change2: two && last.value2 !== null && first.value2 !== null ? of(last.value2) - of(first.value2) : null,
      firstDate: two ? first.date : null,
      readings: own.length,
      ranges: def.ranges
        .filter((r) => rangeApplies(r, { sex: opts.sex, lifeStage: opts.lifeStage }))
        .map((r) => ({ text: rangeTextIn(r, def, unit), source: r.source })),
    });
    if (def.kind === 'weight') {
      const byDay = new Map(own.map((r) => [r.date, of(r.value)]));
      weight = { values: opts.dates.map((d) => byDay.get(d) ?? null), unit };
    }
  }
  return { rows, weight };
}

function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

/** Height and weight in the practitioner's units (energy is always kcal). */
export function formatHeight(cm: number | null, units: Settings['units']): string | null {
  if (cm === null) return null;
  if (units === 'metric') return `${Math.round(cm)} cm`;
  let inches = Math.round(cm / CM_PER_IN);
  const ft = Math.floor(inches / 12);
  inches -= ft * 12;
  return `${ft} ft ${inches} in`;
}

export function formatWeight(kg: number | null, units: Settings['units']): string | null {
  if (kg === null) return null;
  return units === 'metric' ? `${(Math.round(kg * 10) / 10).toFixed(1)} kg` : `${Math.round(kg / KG_PER_LB)} lb`;
}

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

const CONDITION_WORDS: Record<string, string> = {
  hypertension: 'High blood pressure',
  'type-2-diabetes': 'Type 2 diabetes',
  'chronic-kidney-disease': 'Chronic kidney disease',
  'coeliac-disease': 'Coeliac disease',
  'iron-deficiency': 'History of iron deficiency',
  'lactose-intolerance': 'Lactose intolerance',
};
const GOAL_WORDS: Record<string, string> = {
  maintenance: 'Maintain weight',
  loss: 'Weight loss',
  gain: 'Weight gain',
  sport: 'Sport performance',
};

function lifeStageText(c: Client): string | null {
  if (c.lifeStage === 'pregnant')
    return c.lifeStageDetail === null ? 'Pregnant' : `Pregnant (trimester ${c.lifeStageDetail})`;
  if (c.lifeStage === 'lactating')
    return c.lifeStageDetail === null
      ? 'Breastfeeding'
      : `Breastfeeding (${c.lifeStageDetail} ${c.lifeStageDetail === 1 ? 'month' : 'months'} post-partum)`;
  return null;
}

/** "features.iron_mg_7d_mean = 9.4" lines for the case report (energy values are already hidden upstream). */
function whyLines(values: Recommendation['values']): string[] {
  return Object.entries(values).map(([k, v]) => {
    const shown =
      typeof v === 'number' ? String(Math.round(v * 100) / 100) : Array.isArray(v) ? v.join(', ') : String(v);
    return `${k} = ${shown}`;
  });
}

export async function buildReportModel(
  s: ReportServices,
  req: ReportRequest,
  now: number,
  today: string,
): Promise<ReportModel> {
  const { clientId, from, to, variant } = req;
  const includeNotes = req.includeNotes ?? variant === 'practitioner';
  const client = s.clients.get(clientId);
  const settings = s.settings.get();
  const energyHidden = client.edSensitive;
  const flags: string[] = [];
  // Listing evaluates the rules first (in the rule worker where there is one): started before the
  // reads below so the evaluation runs while they do; awaited where the recommendations are used.
  const listed = s.recommendations.list(clientId, false);
  // A failure of the reads below leaves this promise unawaited: its own failure is then not reported twice.
  listed.catch(() => undefined);

  const targetsView = s.targets.get(clientId, to);
  const trends = s.dashboard.trends(clientId, from, to);
  const dates = trends.days.map((d) => d.date);
  const loggedDates = trends.days.filter((d) => d.logged).map((d) => d.date);

  // Per-target means need every tracked nutrient, not only the six trend keys: read each logged day.
  const perKey = new Map<string, number[]>();
  const extraRows = new Map<IntakeExtraKey, ExtraRow & { values: number[] }>();
  for (const date of loggedDates) {
    const day = s.dashboard.day(clientId, date, { forecast: false });
    for (const x of day.extras) {
      let row = extraRows.get(x.key);
      if (!row) {
        row = {
          key: x.key,
          label: x.label,
          unit: x.unit,
          mean: null,
          daysWithValue: 0,
          reference: null,
          daysAbove: 0,
          values: [],
        };
        extraRows.set(x.key, row);
      }
      if (x.value !== null) row.values.push(x.value);
      if (x.aboveReference) row.daysAbove++;
      row.reference = x.reference;
    }
    for (const st of day.statuses ?? []) {
      if (st.value === null) continue;
      const xs = perKey.get(st.key) ?? [];
      xs.push(st.value);
      perKey.set(st.key, xs);
    }
  }
  const visible = (t: TargetValue): boolean => !(energyHidden && ENERGY_KEYS.has(t.key));
  const intake: IntakeRow[] | null =
    targetsView.targets?.filter(visible).map((t) => {
      const m = mean(perKey.get(t.key) ?? []);
      return {
        key: t.key,
        label: t.label,
        unit: t.unit,
        mean: m,
        target: t.value,
        min: t.min,
        max: t.max,
        kind: t.kind,
        status: statusOf(t, m),
      };
    }) ?? null;
  const extras: ExtraRow[] = [...extraRows.values()].map(({ values, ...row }) => ({
    ...row,
    mean: mean(values),
    daysWithValue: values.length,
  }));
  if (!targetsView.targets)
    flags.push(`Targets could not be set: the profile lacks ${targetsView.missing.join(', ')}.`);

  const series: TrendSeries[] = SERIES.filter((x) => !(energyHidden && ENERGY_KEYS.has(x.key))).map((x) => ({
    ...x,
    values: trends.days.map((d) => d.values[x.key] ?? null),
    mean7: trends.days.map((d) => d.mean7[x.key] ?? null),
    target: trends.targets[x.key] ?? null,
  }));

  const minutes = trends.days.map((d) => d.activityMin);
  const hours = trends.days.map((d) => d.sleepHours);
  const sleptHours = hours.filter((v): v is number => v !== null);

  // Photos of this client only, saved as meals, dated inside the period. Their items are what the
  // practitioner saved (the log entries made from the photo), not the detector's first proposals.
  const savedFrom = new Map<string, string[]>();
  for (const e of s.log.list(clientId, from, to)) {
    if (e.photoId && e.food)
      savedFrom.set(e.photoId, [...(savedFrom.get(e.photoId) ?? []), `${e.food.name} (${e.food.amountLabel})`]);
  }
  const photos: ReportPhoto[] = s.photos
    .list(clientId, 'saved')
    .filter((p) => p.localDate !== null && p.localDate >= from && p.localDate <= to)
    .sort((a, b) => (a.localDate ?? '').localeCompare(b.localDate ?? ''))
    .map((p) => {
      const img = s.photos.image(p.id, 'thumb');
      const items = savedFrom.get(p.id) ?? [];
      return { id: p.id, date: p.localDate ?? '', thumbnail: `data:${img.mime};base64,${img.dataBase64}`, items };
    });

  // Evaluated now (listing evaluates first) and shown as the current data says, guardrails applied.
  // The client takes home what the practitioner accepted; the case report shows every open one.
  const recommendations: ReportRecommendation[] = (await listed)
    .filter((r: Recommendation) => (variant === 'client' ? r.status === 'accepted' : true))
    .map((r) => ({
      title: r.title,
      message: variant === 'client' ? r.clientMessage : r.message,
      suggestions: r.suggestions.map((x) => x.text),
      rationale: variant === 'client' ? '' : r.rationale,
      severity: r.severity,
      status: r.status,
      guardrails: variant === 'client' ? [] : r.guardrails,
      why: variant === 'client' ? [] : whyLines(r.values),
    }));

  const daysInRange = daysInclusive(from, to);
  if (loggedDates.length === 0) flags.push('No meals were logged in this period, so no intake figures are shown.');
  else if (loggedDates.length < daysInRange)
    flags.push(
      `Meals were logged on ${loggedDates.length} of ${daysInRange} days; means are over the logged days only and may not reflect usual intake.`,
    );
  if (energyHidden)
    flags.push(
      'Energy (calorie) figures and the energy chart are left out of this report by the practitioner’s choice.',
    );

  // The weight and height in force on the report's last day (core/measures/in-force.ts), as that day's
  // targets use them, not the profile's latest.
  const body = s.measures.profileOn(client, to);
  const bodyHidden = energyHidden && variant === 'client';
  const m = body.heightCm !== null ? body.heightCm / 100 : null;
  const bmi =
    bodyHidden || m === null || body.weightKg === null ? null : Math.round((body.weightKg / (m * m)) * 10) / 10;
  if (bodyHidden) flags.push('Weight and body measurements are left out of this report by the practitioner’s choice.');
  const measurements = measurementsOf(s.measures.between(clientId, from, to), {
    dates,
    units: settings.units,
    sex: client.sex,
    lifeStage: client.lifeStage,
    bodyHidden,
  });

  const notes = includeNotes && client.notes && client.notes.trim() ? client.notes : null;
  return {
    variant,
    title: `${variant === 'client' ? 'Nutrition report' : 'Case report'} — ${client.name}, ${from} to ${to}`,
    generatedAt: new Date(now).toISOString(),
    // The notes section is printed only when notes were asked for (never by default in the client's copy).
    sections: req.sections.filter((x) => x !== 'notes' || includeNotes),
    practitioner: {
      name: settings.practitionerName,
      credentials: settings.practitionerCredentials,
      contact: settings.practitionerContact,
      logo: settings.practiceLogo || null,
    },
    client: {
      name: client.name,
      ageYears: ageOn(client.birthDate, to),
      sex: client.sex,
      height: formatHeight(body.heightCm, settings.units),
      weight: bodyHidden ? null : formatWeight(body.weightKg, settings.units),
      bmi,
      dietPattern: client.dietPattern,
      allergies: client.allergies,
      lifeStage: lifeStageText(client),
      conditions: client.conditions.map((c) => CONDITION_WORDS[c] ?? c),
      goal: GOAL_WORDS[client.goal] ?? client.goal,
      units: settings.units,
    },
    recommendationsAsOf: today,
    period: { from, to, daysInRange, daysLogged: loggedDates.length },
    intake,
    extras,
    dates,
    series,
    // Percentages of energy are kept for ED-sensitive clients: they carry no calorie figure.
    macroSplit: trends.macroSplit,
    activity: {
      minutes,
      totalMinutes: minutes.reduce((a, b) => a + b, 0),
      daysActive: minutes.filter((x) => x > 0).length,
    },
    sleep: { hours, meanHours: mean(sleptHours), nightsLogged: sleptHours.length },
    photos,
    recommendations,
    // Practitioner notes are typed freely: an energy figure in them is removed for ED-sensitive care too.
    notes: notes !== null && energyHidden ? stripNumbersForEdSensitive(notes) : notes,
    disclaimer: DISCLAIMER,
    flags,
    measurements,
    energyHidden,
    bodyHidden,
  };
}
