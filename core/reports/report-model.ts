import type { Client, Settings, TargetValue } from '../api/schemas.ts';
import type { ReportRequest, ReportSection } from '../api/schemas-reports.ts';
import type { NutrientStatus, TREND_KEYS } from '../api/schemas-log.ts';
import type { Recommendation } from '../api/schemas-rules.ts';
import { statusOf, type DashboardService } from '../features/dashboard.ts';
import type { LogService } from '../log/log-service.ts';
import type { PhotosService } from '../photos/photos-service.ts';
import type { RecommendationsService } from '../rules/recommendations-service.ts';
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
  message: string;
  rationale: string;
  severity: string;
  status: string;
  guardrails: string[];
}

export interface ReportModel {
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
    units: Settings['units'];
  };
  period: { from: string; to: string; daysInRange: number; daysLogged: number };
  /** Null when the profile lacks what targets need (see flags). */
  intake: IntakeRow[] | null;
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

export function buildReportModel(s: ReportServices, req: ReportRequest, now: number): ReportModel {
  const { clientId, from, to } = req;
  const client = s.clients.get(clientId);
  const settings = s.settings.get();
  const energyHidden = client.edSensitive;
  const flags: string[] = [];

  const targetsView = s.targets.get(clientId, to);
  const trends = s.dashboard.trends(clientId, from, to);
  const dates = trends.days.map((d) => d.date);
  const loggedDates = trends.days.filter((d) => d.logged).map((d) => d.date);

  // Per-target means need every tracked nutrient, not only the six trend keys: read each logged day.
  const perKey = new Map<string, number[]>();
  for (const date of loggedDates) {
    for (const st of s.dashboard.day(clientId, date).statuses ?? []) {
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

  const recommendations = s.recommendations
    .list(clientId, false)
    .filter((r: Recommendation) => r.status === 'new' || r.status === 'accepted')
    .map((r) => ({
      title: r.title,
      message: r.message,
      rationale: r.rationale,
      severity: r.severity,
      status: r.status,
      guardrails: r.guardrails,
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

  return {
    title: `Nutrition report — ${client.name}, ${from} to ${to}`,
    generatedAt: new Date(now).toISOString(),
    sections: [...req.sections],
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
      units: settings.units,
    },
    period: { from, to, daysInRange, daysLogged: loggedDates.length },
    intake,
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
    notes: client.notes && client.notes.trim() ? client.notes : null,
    disclaimer: DISCLAIMER,
    flags,
    energyHidden,
  };
}
