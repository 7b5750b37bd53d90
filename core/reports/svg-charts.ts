/**
 * Print charts as SVG strings. The viewBox is 680 × 240 (170 mm × 60 mm at 4 units per mm) and the
 * element is width:100%, so a chart fills the A4 or Letter text column. Every label is an SVG <text>
 * so pdftotext can read the numbers. No xmlns: the SVG is inlined in HTML, where it is not needed,
 * and the report must not contain any URL.
 */

const W = 680;
const H = 240;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const FONT = 'font-family="system-ui, sans-serif" font-size="11"';

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

function open(label: string): string {
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" style="width:100%;height:auto" role="img" aria-label="${escapeXml(label)}" ${FONT}>`;
}

/** A round upper bound and tick step for a 0-based axis (1, 2 or 5 × 10^n). */
function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

function yAxis(top: number, step: number, yLabel: string): string {
  const parts: string[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    const y = PAD.top + PLOT_H - (v / top) * PLOT_H;
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y)}" y2="${r1(y)}" stroke="#ddd" stroke-width="0.5"/>`,
      `<text x="${PAD.left - 4}" y="${r1(y + 4)}" text-anchor="end">${escapeXml(fmt.format(v))}</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${PAD.top + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + PLOT_H / 2})">${escapeXml(yLabel)}</text>`,
  );
  return parts.join('');
}

/** Up to about seven date labels, always including the first and last day. */
function xAxis(dates: readonly string[], xOf: (i: number) => number): string {
  const n = dates.length;
  if (n === 0) return '';
  const every = Math.max(1, Math.ceil(n / 7));
  const idx = new Set<number>();
  for (let i = 0; i < n; i += every) idx.add(i);
  // Drop the last regular tick when it would overlap the final day's label.
  const lastRegular = Math.floor((n - 1) / every) * every;
  if (lastRegular > 0 && lastRegular !== n - 1 && n - 1 - lastRegular < every / 2) idx.delete(lastRegular);
  idx.add(n - 1);
  const base = PAD.top + PLOT_H;
  return [...idx]
    .sort((a, b) => a - b)
    .map((i) => {
      const x = r1(xOf(i));
      const label = escapeXml((dates[i] ?? '').slice(5));
      return `<line x1="${x}" x2="${x}" y1="${base}" y2="${base + 4}" stroke="#555"/><text x="${x}" y="${base + 16}" text-anchor="middle">${label}</text>`;
    })
    .join('');
}

const frame = `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + PLOT_H}" y2="${PAD.top + PLOT_H}" stroke="#555"/><line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + PLOT_H}" stroke="#555"/>`;

export interface LineChartOptions {
  dates: readonly string[];
  yLabel: string;
  target?: number | null;
  /** Rolling 7-day mean per day (null where no day in the window was logged). */
  mean7?: readonly (number | null)[];
}

/** Paths through consecutive non-null points: an unlogged day is a gap, never a zero. */
function segments(
  values: readonly (number | null)[],
  xOf: (i: number) => number,
  yOf: (v: number) => number,
): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (cur.length) out.push(cur.join(' '));
      cur = [];
    } else cur.push(`${cur.length ? 'L' : 'M'}${r1(xOf(i))},${r1(yOf(v))}`);
  });
  if (cur.length) out.push(cur.join(' '));
  return out;
}

export function lineChart(series: readonly (number | null)[], opts: LineChartOptions): string {
  const mean7 = opts.mean7 ?? [];
  const target = opts.target ?? null;
  const all = [...series, ...mean7, target].filter((v): v is number => v !== null);
  const { top, step } = niceScale(Math.max(0, ...all) * 1.05);
  const n = Math.max(series.length, 1);
  const xOf = (i: number): number => PAD.left + (n === 1 ? PLOT_W / 2 : (i / (n - 1)) * PLOT_W);
  const yOf = (v: number): number => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const parts = [open(opts.yLabel), yAxis(top, step, opts.yLabel), frame, xAxis(opts.dates, xOf)];
  if (target !== null) {
    const y = r1(yOf(target));
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#b45309" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      `<text x="${W - PAD.right}" y="${r1(yOf(target) - 4)}" text-anchor="end" fill="#b45309">Target ${escapeXml(fmt.format(target))}</text>`,
    );
  }
  for (const d of segments(series, xOf, yOf))
    parts.push(`<path d="${d}" fill="none" stroke="#1d4ed8" stroke-width="1.5"/>`);
  series.forEach((v, i) => {
    if (v !== null) parts.push(`<circle cx="${r1(xOf(i))}" cy="${r1(yOf(v))}" r="2.5" fill="#1d4ed8"/>`);
  });
  for (const d of segments(mean7, xOf, yOf))
    parts.push(`<path d="${d}" fill="none" stroke="#059669" stroke-width="2"/>`);
  parts.push(
    `<text x="${PAD.left + 4}" y="${H - 4}" fill="#1d4ed8">● Daily</text>`,
    `<text x="${PAD.left + 70}" y="${H - 4}" fill="#059669">— 7-day mean</text>`,
  );
  if (target !== null) parts.push(`<text x="${PAD.left + 170}" y="${H - 4}" fill="#b45309">- - Target</text>`);
  parts.push('</svg>');
  return parts.join('');
}

export interface BarChartOptions {
  dates: readonly string[];
  yLabel: string;
}

export function barChart(values: readonly number[], opts: BarChartOptions): string {
  const { top, step } = niceScale(Math.max(0, ...values) * 1.05);
  const n = Math.max(values.length, 1);
  const slot = PLOT_W / n;
  const xOf = (i: number): number => PAD.left + slot * (i + 0.5);
  const parts = [open(opts.yLabel), yAxis(top, step, opts.yLabel), frame, xAxis(opts.dates, xOf)];
  values.forEach((v, i) => {
    if (v <= 0) return;
    const h = (v / top) * PLOT_H;
    const w = Math.max(1, slot * 0.7);
    parts.push(
      `<rect x="${r1(xOf(i) - w / 2)}" y="${r1(PAD.top + PLOT_H - h)}" width="${r1(w)}" height="${r1(h)}" fill="#0f766e"><title>${escapeXml(`${opts.dates[i] ?? ''}: ${fmt.format(v)}`)}</title></rect>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface PieSlice {
  label: string;
  pct: number;
}

const PIE_COLOURS = ['#1d4ed8', '#b45309', '#059669', '#7c3aed'];

/** Pie with a legend carrying each label and its percentage (readable without colour). */
export function pieChart(slices: readonly PieSlice[]): string {
  const cx = 130;
  const cy = H / 2;
  const r = 95;
  const total = slices.reduce((s, x) => s + Math.max(0, x.pct), 0) || 1;
  const parts = [open(`Pie chart: ${slices.map((s) => `${s.label} ${Math.round(s.pct)}%`).join(', ')}`)];
  let a0 = -Math.PI / 2;
  slices.forEach((s, i) => {
    const frac = Math.max(0, s.pct) / total;
    const colour = PIE_COLOURS[i % PIE_COLOURS.length] ?? '#555';
    if (frac >= 0.9999) parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/>`);
    else if (frac > 0) {
      const a1 = a0 + frac * 2 * Math.PI;
      const p = (a: number): string => `${r1(cx + r * Math.cos(a))},${r1(cy + r * Math.sin(a))}`;
      parts.push(
        `<path d="M${cx},${cy} L${p(a0)} A${r},${r} 0 ${frac > 0.5 ? 1 : 0} 1 ${p(a1)} Z" fill="${colour}" stroke="#fff"/>`,
      );
      a0 = a1;
    }
    const ly = 70 + i * 34;
    parts.push(
      `<rect x="280" y="${ly - 12}" width="16" height="16" fill="${colour}"/>`,
      `<text x="304" y="${ly + 1}" font-size="14">${escapeXml(s.label)}: ${Math.round(s.pct)}%</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface ReadingsChartOptions {
  dates: readonly string[];
  yLabel: string;
}

/**
 * Readings taken now and then (weight): a point on each day with one, joined across the days between
 * (a body measure goes on between readings, unlike an unlogged day's intake). The axis spans the
 * readings with a margin rather than starting at 0, so a change of a kilogram or two can be seen; the
 * first and last readings are labelled with their value.
 */
export function readingsChart(values: readonly (number | null)[], opts: ReadingsChartOptions): string {
  const present = values.filter((v): v is number => v !== null);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const margin = Math.max(1, (hi - lo) * 0.15);
  const raw = (hi - lo + 2 * margin) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const bottom = Math.floor((lo - margin) / step) * step;
  const top = Math.ceil((hi + margin) / step) * step;
  const n = Math.max(values.length, 1);
  const xOf = (i: number): number => PAD.left + (n === 1 ? PLOT_W / 2 : (i / (n - 1)) * PLOT_W);
  const yOf = (v: number): number => PAD.top + PLOT_H - ((v - bottom) / (top - bottom)) * PLOT_H;
  const parts = [open(opts.yLabel)];
  for (let v = bottom; v <= top + step / 2; v += step) {
    const y = r1(yOf(v));
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd" stroke-width="0.5"/>`,
      `<text x="${PAD.left - 4}" y="${r1(yOf(v) + 4)}" text-anchor="end">${escapeXml(fmt.format(v))}</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${PAD.top + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + PLOT_H / 2})">${escapeXml(opts.yLabel)}</text>`,
    frame,
    xAxis(opts.dates, xOf),
  );
  const points = values.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
  if (points.length > 1)
    parts.push(
      `<path d="${points.map((p, k) => `${k ? 'L' : 'M'}${r1(xOf(p.i))},${r1(yOf(p.v))}`).join(' ')}" fill="none" stroke="#1d4ed8" stroke-width="1.5"/>`,
    );
  points.forEach((p, k) => {
    const label = `${opts.dates[p.i] ?? ''}: ${fmt.format(p.v)}`;
    parts.push(
      `<circle cx="${r1(xOf(p.i))}" cy="${r1(yOf(p.v))}" r="3" fill="#1d4ed8"><title>${escapeXml(label)}</title></circle>`,
    );
    if (k === 0 || k === points.length - 1)
      parts.push(
        `<text x="${r1(xOf(p.i))}" y="${r1(yOf(p.v) - 8)}" text-anchor="middle" fill="#1d4ed8">${escapeXml(fmt.format(p.v))}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('');
}
