import { createElement as h, type ReactElement, type ReactNode } from 'react';
import type { ReportSection } from '../contract/reports.ts';
import type { ReportModel } from './report-model.ts';
import { printDocument } from './print-document.ts';
import { barChart, lineChart, pieChart, readingsChart } from './svg-charts.ts';

/**
 * The client report as ONE self-contained HTML document (print to PDF, or preview). core/ runs under
 * Node type stripping, which has no JSX, hence createElement. React escapes all text; the chart SVG is
 * built by svg-charts.ts, which escapes its own text. The CSP forbids every fetch but data: images, so
 * even a stray URL in a note could not load anything.
 */

export interface RenderOptions {
  pageSize: 'A4' | 'Letter';
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Thousands separators; one decimal only for small numbers, where it carries information. */
export function formatNumber(v: number | null): string {
  if (v === null) return '—';
  return Math.abs(v) >= 100 ? int.format(v) : one.format(v);
}

const STATUS_WORDS: Record<string, string> = {
  low: 'Below target',
  ok: 'Within target',
  high: 'Above target',
  untracked: 'Not tracked',
  info: 'For information',
};

function svg(markup: string, caption: string): ReactElement {
  return h(
    'figure',
    { className: 'chart' },
    h('div', { dangerouslySetInnerHTML: { __html: markup } }),
    h('figcaption', null, caption),
  );
}

function summary(m: ReportModel): ReactElement {
  const c = m.client;
  const rows: [string, string][] = [
    ['Client', c.name],
    ['Age', c.ageYears === null ? '—' : `${c.ageYears} years`],
    ['Sex', c.sex ?? '—'],
    ['Height', c.height ?? '—'],
    // An eating-disorder-sensitive client's own copy prints no weight and no BMI, not even a dash.
    ...(m.bodyHidden
      ? []
      : ([
          ['Weight', c.weight ?? '—'],
          ['BMI', c.bmi === null ? '—' : `${one.format(c.bmi)} kg/m²`],
        ] as [string, string][])),
    ['Diet pattern', c.dietPattern],
    ['Allergies', c.allergies.length ? c.allergies.join(', ') : 'None recorded'],
    ...(c.lifeStage ? ([['Pregnancy or breastfeeding', c.lifeStage]] as [string, string][]) : []),
    ['Medical conditions', c.conditions.length ? c.conditions.join(', ') : 'None recorded'],
    ['Goal', c.goal],
    ['Period', `${m.period.from} to ${m.period.to}`],
    ['Days logged', `${int.format(m.period.daysLogged)} of ${int.format(m.period.daysInRange)} days`],
  ];
  return h(
    'table',
    { className: 'summary' },
    h('tbody', null, ...rows.map(([k, v]) => h('tr', { key: k }, h('th', { scope: 'row' }, k), h('td', null, v)))),
  );
}

function intake(m: ReportModel): ReactNode {
  if (m.period.daysLogged === 0)
    return h('p', null, 'No meals were logged in this period, so there is no intake to compare.');
  return [h('div', { key: 'targets' }, intakeAgainstTargets(m)), h('div', { key: 'extras' }, extrasTable(m))];
}

/**
 * Caffeine and alcohol: no target exists for either, so the mean is shown beside a published reference
 * where one applies (core/features/intake-references.ts), with the days above it.
 */
function extrasTable(m: ReportModel): ReactNode {
  if (m.extras.length === 0) return null;
  return [
    h('h3', { key: 'h' }, 'Caffeine and alcohol'),
    h(
      'table',
      { key: 't' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Nutrient'),
          h('th', { className: 'num' }, 'Mean per logged day'),
          h('th', null, 'Reference (not a target)'),
          h('th', { className: 'num' }, 'Days above it'),
        ),
      ),
      h(
        'tbody',
        null,
        ...m.extras.map((x) =>
          h(
            'tr',
            { key: x.key },
            h('td', null, x.label),
            h(
              'td',
              { className: 'num' },
              x.mean === null
                ? 'Not in the food data'
                : `${formatNumber(x.mean)} ${x.unit}${x.daysWithValue < m.period.daysLogged ? ` (${x.daysWithValue} of ${m.period.daysLogged} days have a value)` : ''}`,
            ),
            h('td', null, x.reference === null ? 'None given' : `${x.reference.text} (${x.reference.source})`),
            h('td', { className: 'num' }, x.reference === null ? '—' : int.format(x.daysAbove)),
          ),
        ),
      ),
    ),
  ];
}

function intakeAgainstTargets(m: ReportModel): ReactNode {
  if (m.intake === null) return h('p', null, 'Targets are not available for this client, so intake is not compared.');
  return targetsTable(
    'Mean per logged day',
    m.intake.map((r) => ({
      key: r.key,
      label: r.label,
      unit: r.unit,
      value: r.mean,
      target: r.target,
      status: r.status,
    })),
  );
}

/** A row of a nutrient table: the figure, its target and the dashboard's status word. */
export interface TargetRow {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  target: number;
  status: string;
}

/** Nutrients against their targets (the report's intake, the plan handout's average). */
export function targetsTable(valueHeading: string, rows: readonly TargetRow[]): ReactElement {
  return h(
    'table',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, 'Nutrient'),
        h('th', { className: 'num' }, valueHeading),
        h('th', { className: 'num' }, 'Target'),
        h('th', null, 'Status'),
      ),
    ),
    h(
      'tbody',
      null,
      ...rows.map((r) =>
        h(
          'tr',
          { key: r.key },
          h('td', null, r.label),
          h('td', { className: 'num' }, r.value === null ? '—' : `${formatNumber(r.value)} ${r.unit}`),
          h('td', { className: 'num' }, `${formatNumber(r.target)} ${r.unit}`),
          h('td', { className: `status-${r.status}` }, STATUS_WORDS[r.status] ?? r.status),
        ),
      ),
    ),
  );
}

function trends(m: ReportModel): ReactNode {
  if (m.period.daysLogged === 0) return h('p', null, 'No meals were logged in this period, so there are no trends.');
  return m.series.map((s) =>
    h(
      'div',
      { key: s.key, className: 'chart' },
      h('h3', null, `${s.label} (${s.unit} per day)`),
      svg(
        lineChart(s.values, { dates: m.dates, yLabel: s.unit, target: s.target, mean7: s.mean7 }),
        `Daily ${s.label.toLowerCase()} with the 7-day mean over logged days${s.target === null ? '' : ` and the target (${formatNumber(s.target)} ${s.unit})`}. Gaps are days without a log.`,
      ),
    ),
  );
}

function macros(m: ReportModel): ReactNode {
  const s = m.macroSplit;
  if (!s) return h('p', null, 'No protein, carbohydrate or fat was logged in this period.');
  return svg(
    pieChart([
      { label: 'Protein', pct: s.proteinPct },
      { label: 'Carbohydrate', pct: s.carbPct },
      { label: 'Fat', pct: s.fatPct },
    ]),
    'Share of energy from protein, carbohydrate and fat over the logged days.',
  );
}

function activitySleep(m: ReportModel): ReactNode {
  const a = m.activity;
  const sl = m.sleep;
  return [
    h('h3', { key: 'a' }, 'Activity'),
    h(
      'p',
      { key: 'at' },
      `Total ${int.format(a.totalMinutes)} minutes of logged activity on ${int.format(a.daysActive)} of ${int.format(m.period.daysInRange)} days.`,
    ),
    a.totalMinutes > 0
      ? h(
          'div',
          { key: 'ac' },
          svg(barChart(a.minutes, { dates: m.dates, yLabel: 'minutes' }), 'Activity minutes per day.'),
        )
      : null,
    h('h3', { key: 's' }, 'Sleep'),
    h(
      'p',
      { key: 'st' },
      sl.meanHours === null
        ? 'No sleep was logged in this period.'
        : `Mean ${one.format(sl.meanHours)} hours over ${int.format(sl.nightsLogged)} logged nights.`,
    ),
    sl.nightsLogged > 0
      ? h(
          'div',
          { key: 'sc' },
          svg(lineChart(sl.hours, { dates: m.dates, yLabel: 'hours' }), 'Hours of sleep per logged night.'),
        )
      : null,
  ];
}

/** A change with its sign ("+0.4", "−1.2", "0"), as formatNumber rounds it. */
export function formatChange(v: number): string {
  const shown = formatNumber(Math.abs(v));
  if (shown === '0') return '0';
  return `${v < 0 ? '−' : '+'}${shown}`;
}

/** "3.5 mmol/L", "128/82 mmHg". */
export function formatReading(value: number, value2: number | null, unit: string): string {
  return `${formatNumber(value)}${value2 === null ? '' : `/${formatNumber(value2)}`} ${unit}`;
}

/**
 * The latest reading of each kind in the period with its change since the period's first reading and
 * the published reference range beside it, as a range in neutral words (core/measures/kinds.ts), never
 * as a verdict; then the weight over the period.
 */
function measurements(m: ReportModel): ReactNode {
  const { rows, weight } = m.measurements;
  if (rows.length === 0) return h('p', null, 'No measurements were recorded in this period.');
  const table = h(
    'table',
    { key: 't' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, 'Measurement'),
        h('th', { className: 'num' }, 'Latest'),
        h('th', null, 'Date'),
        h('th', { className: 'num' }, 'Change in the period'),
        h('th', null, 'Reference range'),
      ),
    ),
    h(
      'tbody',
      null,
      ...rows.map((r) =>
        h(
          'tr',
          { key: r.kind, 'data-kind': r.kind },
          h('td', null, r.label),
          h('td', { className: 'num' }, formatReading(r.latest, r.latest2, r.unit)),
          h('td', null, r.latestDate),
          h(
            'td',
            { className: 'num' },
            r.change === null
              ? 'One reading'
              : `${formatChange(r.change)}${r.change2 === null ? '' : `/${formatChange(r.change2)}`} ${r.unit} since ${r.firstDate}`,
          ),
          h(
            'td',
            null,
            r.ranges.length === 0
              ? '—'
              : r.ranges.map((x, i) =>
                  h('div', { key: i }, x.text, ' ', h('span', { className: 'muted' }, `(${x.source})`)),
                ),
          ),
        ),
      ),
    ),
  );
  const note = h(
    'p',
    { key: 'n', className: 'muted' },
    'Reference ranges are published ranges for adults, shown for orientation; the laboratory’s own range and your practitioner’s judgement apply.',
  );
  const chart =
    weight && weight.values.some((v) => v !== null)
      ? h(
          'div',
          { key: 'w', className: 'chart' },
          h('h3', null, `Weight (${weight.unit})`),
          svg(
            readingsChart(weight.values, { dates: m.dates, yLabel: weight.unit }),
            `Weight readings in the period (${weight.unit}), joined between the days they were taken.`,
          ),
        )
      : null;
  return [table, note, chart];
}

function photos(m: ReportModel): ReactNode {
  if (m.photos.length === 0) return h('p', null, 'No meal photos were saved in this period.');
  return h(
    'div',
    { className: 'photos' },
    ...m.photos.map((p) =>
      h(
        'div',
        { key: p.id, className: 'photo' },
        h('img', { src: p.thumbnail, alt: `Meal photo, ${p.date}` }),
        h('div', null, h('strong', null, p.date), p.items.length ? `: ${p.items.join(', ')}` : ''),
      ),
    ),
  );
}

function recommendations(m: ReportModel): ReactNode {
  const asOf = h(
    'p',
    { key: 'asof', className: 'muted' },
    `From the logs up to ${m.recommendationsAsOf} (the most recent 7 or 30 days, which may reach past the period above).`,
  );
  if (m.recommendations.length === 0)
    return h(
      'p',
      null,
      m.variant === 'client' ? 'No recommendations have been agreed yet.' : 'There are no open recommendations.',
    );
  return [
    asOf,
    ...m.recommendations.map((r, i) =>
      h(
        'div',
        { key: i, className: 'rec' },
        h('h3', null, r.title),
        r.message ? h('p', null, r.message) : null,
        r.suggestions.length ? h('ul', null, ...r.suggestions.map((x, j) => h('li', { key: j }, x))) : null,
        r.rationale ? h('p', { className: 'muted' }, h('em', null, 'Why: '), r.rationale) : null,
        r.why.length ? h('p', { className: 'muted' }, h('em', null, 'Values: '), r.why.join('; ')) : null,
        r.guardrails.length
          ? h('ul', { className: 'muted' }, ...r.guardrails.map((g, j) => h('li', { key: j }, g)))
          : null,
      ),
    ),
  ];
}

const SECTIONS: Record<ReportSection, { title: string; body: (m: ReportModel) => ReactNode }> = {
  summary: { title: 'Client summary', body: summary },
  measurements: { title: 'Measurements', body: measurements },
  intake: { title: 'Intake compared with targets', body: intake },
  trends: { title: 'Daily trends', body: trends },
  macros: { title: 'Macronutrient split', body: macros },
  'activity-sleep': { title: 'Activity and sleep', body: activitySleep },
  photos: { title: 'Meal photos', body: photos },
  recommendations: { title: 'Recommendations', body: recommendations },
  notes: { title: 'Practitioner notes', body: (m) => h('p', { className: 'notes' }, m.notes ?? 'No notes.') },
  disclaimer: { title: 'About this report', body: (m) => h('p', null, m.disclaimer) },
};

export function renderReportHtml(model: ReportModel, opts: RenderOptions): string {
  return printDocument({
    title: model.title,
    practitioner: model.practitioner,
    pageSize: opts.pageSize,
    body: [
      h('h1', { key: 'title' }, model.title),
      h('p', { key: 'prepared', className: 'muted' }, `Prepared ${model.generatedAt.slice(0, 10)}.`),
      model.flags.length
        ? h('div', { key: 'flags', className: 'flags' }, ...model.flags.map((f, i) => h('p', { key: i }, f)))
        : null,
      ...model.sections.map((s) =>
        h('section', { key: s, id: `section-${s}` }, h('h2', null, SECTIONS[s].title), SECTIONS[s].body(model)),
      ),
    ],
  });
}
