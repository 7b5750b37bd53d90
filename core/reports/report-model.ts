import type { Client } from '../contract/clients.ts';
import type { Settings } from '../contract/settings.ts';
import type { TargetValue } from '../contract/targets.ts';
import type { ReportRequest, ReportSection, ReportVariant } from '../contract/reports.ts';
import type { IntakeExtraKey, IntakeReference, NutrientStatus, TREND_KEYS } from '../contract/log.ts';
import type { Recommendation } from '../contract/rules.ts';
import { statusOf, type DashboardService } from '../features/dashboard.ts';
import type { LogService } from '../log/log-service.ts';
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
  /** Eating-disorder-sensitive client: energy figures and the energy chart are left out. */
  energyHidden: boolean;
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
const KG_PER_LB = 0.45359237;
const CM_PER_IN = 2.54;

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

  const m = client.heightCm !== null ? client.heightCm / 100 : null;
  const bmi = m !== null && client.weightKg !== null ? Math.round((client.weightKg / (m * m)) * 10) / 10 : null;

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
      height: formatHeight(client.heightCm, settings.units),
      weight: formatWeight(client.weightKg, settings.units),
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
    energyHidden,
  };
}
