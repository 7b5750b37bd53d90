import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Measurement } from '../contract/measures.ts';
import { ReportRequest } from '../contract/reports.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { formatChange, formatNumber, formatReading, renderReportHtml } from './render-html.ts';
import { buildReportModel, formatWeight } from './report-model.ts';

/**
 * The report's measurements section and the summary's weight and BMI, checked against a fresh
 * computation from the readings as the measures service lists them (not from the report's own code).
 */

const NOW = Date.parse('2026-03-15T10:00:00Z');
const FROM = '2026-03-01';
const TO = '2026-03-10';
const DAY = 86_400_000;

async function setup(extra: object = {}) {
  // The client is made on 1 February (80 kg in the profile); "today" is 15 March.
  const clock = fixedClock('2026-02-01T10:00:00Z');
  const core = await unlockedCore({ clock });
  const c = await ok<Client>(core, 'clients.create', {
    name: 'Mae Measured',
    sex: 'female',
    birthDate: '1980-01-01',
    heightCm: 165,
    weightKg: 80,
    ...extra,
  });
  clock.advance(42 * DAY);
  const add = (input: object) => ok<Measurement>(core, 'measures.add', { clientId: c.id, ...input });
  await add({ kind: 'waist', value: 90, date: '2026-02-20' }); // before the period: not in the table
  await add({ kind: 'weight', value: 78.4, date: '2026-03-02' });
  await add({ kind: 'weight', value: 171.96, unit: 'lb', date: '2026-03-08' });
  await add({ kind: 'weight', value: 76.5, date: '2026-03-12' }); // after the period: not used
  await add({ kind: 'ldl-cholesterol', value: 135, unit: 'mg/dL', date: '2026-03-03' });
  await add({ kind: 'ldl-cholesterol', value: 3.1, date: '2026-03-09' });
  await add({ kind: 'blood-pressure', value: 130, value2: 85, date: '2026-03-04' });
  await add({ kind: 'hba1c', value: 6.0, unit: '%', date: '2026-03-05' });
  const services = servicesOf(core, { clock });
  const report = async (variant: 'client' | 'practitioner' = 'client') => {
    const req = ReportRequest.parse({ clientId: c.id, from: FROM, to: TO, variant });
    const model = await buildReportModel(services, req, NOW, '2026-03-15');
    return { model, html: renderReportHtml(model, { pageSize: 'A4' }) };
  };
  return { core, c, report };
}

/** Per kind, the readings dated in the period, oldest first (list gives the newest first). */
async function readingsInPeriod(core: Awaited<ReturnType<typeof setup>>['core'], clientId: string) {
  const all = await ok<Measurement[]>(core, 'measures.list', { clientId });
  const byKind = new Map<string, Measurement[]>();
  for (const m of [...all].reverse()) {
    if (m.date < FROM || m.date > TO) continue;
    byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  }
  return byKind;
}

describe('report measurements', () => {
  it('prints the latest reading of each kind in the period, its change, the ranges and the weight chart', async () => {
    const { core, c, report } = await setup();
    const { model, html } = await report();
    const fresh = await readingsInPeriod(core, c.id);
    expect([...fresh.keys()].sort()).toEqual(['blood-pressure', 'hba1c', 'ldl-cholesterol', 'weight']);

    // The summary: the weight in force on the last day of the period (8 March), not today's profile weight.
    const weights = fresh.get('weight') ?? [];
    const onLastDay = weights[weights.length - 1]?.value ?? Number.NaN;
    expect(onLastDay).toBeCloseTo(171.96 * 0.45359237, 9);
    expect((await ok<Client>(core, 'clients.get', { id: c.id })).weightKg).toBe(76.5);
    expect(model.client.weight).toBe(formatWeight(onLastDay, 'metric'));
    expect(model.client.bmi).toBe(Math.round((onLastDay / 1.65 ** 2) * 10) / 10);
    expect(html).toContain(`<td>${formatWeight(onLastDay, 'metric')}</td>`);

    expect(model.measurements.rows.map((r) => r.kind)).toEqual([
      'weight',
      'blood-pressure',
      'hba1c',
      'ldl-cholesterol',
    ]);
    for (const row of model.measurements.rows) {
      const own = fresh.get(row.kind) ?? [];
      const first = own[0];
      const last = own[own.length - 1];
      if (!first || !last) throw new Error(`no readings of ${row.kind}`);
      expect(row.latest).toBeCloseTo(last.value, 9);
      expect(row.latestDate).toBe(last.date);
      expect(row.readings).toBe(own.length);
      const printed = formatReading(last.value, last.value2, last.canonicalUnit);
      expect(html).toContain(`<td class="num">${printed}</td>`);
      if (own.length === 1) {
        expect(row.change).toBeNull();
      } else {
        expect(row.change).toBeCloseTo(last.value - first.value, 9);
        expect(html).toContain(`${formatChange(last.value - first.value)} ${last.canonicalUnit} since ${first.date}`);
      }
    }
    // LDL typed as 135 mg/dL then 3.1 mmol/L: compared in mmol/L (135 ÷ 38.67 = 3.49).
    expect(html).toContain(`−${formatNumber(135 / 38.67 - 3.1)} mmol/L since 2026-03-03`);
    expect(html).toContain('<td class="num">130/85 mmHg</td>');
    // Reference ranges as ranges, neutral words, with their source; the women's waist range is not
    // printed because no waist reading falls in the period.
    expect(html).toContain('below 100 mg/dL (2.6 mmol/L)');
    expect(html).toContain('below 5.7 % (39 mmol/mol)');
    expect(html).not.toMatch(/abnormal|deficien|diagnos(is|ed) of/i);
    expect(html).not.toContain('Waist circumference');
    // The weight chart: one point per reading in the period, the first and last labelled.
    expect(model.measurements.weight?.values.filter((v) => v !== null)).toEqual(weights.map((w) => w.value));
    expect(html).toContain('<h3>Weight (kg)</h3>');
    expect(html).toContain(`>${formatNumber(78.4)}</text>`);
    expect(html).toContain(`2026-03-08: ${formatNumber(onLastDay)}`);
  });

  it("an eating-disorder-sensitive client's copy has no weight, BMI, body measurement or weight chart", async () => {
    const { report } = await setup({ edSensitive: true });
    const { model, html } = await report('client');
    expect(model.client.weight).toBeNull();
    expect(model.client.bmi).toBeNull();
    expect(model.measurements.weight).toBeNull();
    expect(model.measurements.rows.map((r) => r.kind)).toEqual(['blood-pressure', 'hba1c', 'ldl-cholesterol']);
    expect(html).not.toContain('>Weight<');
    expect(html).not.toContain('>BMI<');
    expect(html).not.toContain('kg/m²');
    expect(html).not.toContain('Weight (kg)');
    expect(html).not.toMatch(/\b78(\.\d)?\b|\b76\.5\b|\b80(\.0)? kg/);
    expect(html).not.toContain(' kg');
    // Blood pressure and lab values stay.
    expect(html).toContain('<td class="num">130/85 mmHg</td>');
    expect(html).toContain('Weight and body measurements are left out');
    // The practitioner's case report keeps them.
    const caseReport = await report('practitioner');
    expect(caseReport.model.client.weight).toBe('78.0 kg');
    expect(caseReport.html).toContain('Weight (kg)');
  });

  it('says so when no measurement was recorded in the period', async () => {
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const core = await unlockedCore({ clock });
    const c = await ok<Client>(core, 'clients.create', { name: 'No Readings', sex: 'male', birthDate: '1970-01-01' });
    const req = ReportRequest.parse({ clientId: c.id, from: FROM, to: TO });
    const model = await buildReportModel(servicesOf(core, { clock }), req, NOW, '2026-03-15');
    expect(model.measurements).toEqual({ rows: [], weight: null });
    expect(renderReportHtml(model, { pageSize: 'A4' })).toContain('No measurements were recorded in this period.');
  });

  it('prints a waist range in inches beside a waist in inches, and none for a pregnant client', async () => {
    const waistIn = async (lifeStage: 'none' | 'pregnant', units: 'us' | 'metric') => {
      const clock = fixedClock('2026-03-15T10:00:00Z');
      const core = await unlockedCore({ clock });
      await ok(core, 'settings.update', { units });
      const c = await ok<Client>(core, 'clients.create', {
        name: 'Wren Waist',
        sex: 'female',
        birthDate: '1990-01-01',
        lifeStage,
      });
      await ok(core, 'measures.add', { clientId: c.id, kind: 'waist', value: 33, unit: 'in', date: '2026-03-05' });
      const req = ReportRequest.parse({ clientId: c.id, from: FROM, to: TO, variant: 'practitioner' });
      const model = await buildReportModel(servicesOf(core, { clock }), req, NOW, '2026-03-15');
      const row = model.measurements.rows.find((r) => r.kind === 'waist');
      return { row, html: renderReportHtml(model, { pageSize: 'A4' }) };
    };
    const us = await waistIn('none', 'us');
    expect(us.row?.unit).toBe('in');
    // WHO's 80 cm ÷ 2.54 = 31.50 in.
    expect(us.row?.ranges.map((r) => r.text)).toEqual(['below 31.5 in (women, Europid)']);
    expect(us.html).toContain('below 31.5 in (women, Europid)');
    expect(us.html).not.toContain('80 cm');
    const metric = await waistIn('none', 'metric');
    expect(metric.row?.ranges.map((r) => r.text)).toEqual(['below 80 cm (women, Europid)']);
    const pregnant = await waistIn('pregnant', 'us');
    expect(pregnant.row?.latest).toBeCloseTo(33, 9);
    expect(pregnant.row?.ranges).toEqual([]);
    expect(pregnant.html).not.toContain('Europid');
  });
});
