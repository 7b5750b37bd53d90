import { describe, expect, it } from 'vitest';
import { servicesOf } from '../test-utils/services.ts';
import type { Core } from '../app.ts';
import type { Client } from '../contract/clients.ts';
import { ReportRequest } from '../contract/reports.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { renderReportHtml } from './render-html.ts';
import { buildReportModel } from './report-model.ts';
import { barChart, lineChart, pieChart } from './svg-charts.ts';

const NOW = Date.parse('2026-03-15T10:00:00Z');
const LOGO = 'data:image/png;base64,iVBORw0KGgo=';

async function setup(): Promise<{ core: Core; a: Client; b: Client; empty: Client }> {
  const core = await unlockedCore({ clock: fixedClock() });
  await ok(core, 'settings.update', {
    practitionerName: 'Dr Rhea Dietitian',
    practitionerCredentials: 'RD, MSc',
    practitionerContact: 'Clinic Street 1 — see http://example.com',
    practiceLogo: LOGO,
  });
  const base = { sex: 'female', birthDate: '1980-01-01', heightCm: 170, weightKg: 70, activityLevel: 'active' };
  const a = await ok<Client>(core, 'clients.create', {
    ...base,
    name: 'Ada <b>Report</b>',
    notes: 'Visit https://x.io',
  });
  const b = await ok<Client>(core, 'clients.create', { ...base, name: 'Zed Othername' });
  const empty = await ok<Client>(core, 'clients.create', { name: 'Nil Logged' });
  for (const [c, date, grams] of [
    [a, '2026-03-02', 1200],
    [a, '2026-03-03', 2400],
    [b, '2026-03-02', 300],
  ] as const)
    await ok(core, 'log.add', { kind: 'diet', clientId: c.id, date, foodId: 'usda:09040', grams, confirm: true });
  await ok(core, 'log.add', {
    kind: 'activity',
    clientId: a.id,
    date: '2026-03-02',
    activity: 'walking-brisk',
    minutes: 30,
  });
  return { core, a, b, empty };
}

async function html(core: Core, clientId: string, extra: object = {}): Promise<string> {
  const req = ReportRequest.parse({ clientId, from: '2026-03-01', to: '2026-03-07', ...extra });
  return renderReportHtml(await buildReportModel(servicesOf(core), req, NOW, '2026-03-15'), { pageSize: req.pageSize });
}

describe('renderReportHtml', () => {
  it('is a complete, self-contained document with branding and no network reference', async () => {
    const { core, a } = await setup();
    const doc = await html(core, a.id);
    expect(doc.startsWith('<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>')).toBe(true);
    // React writes ' as &#x27; inside attributes; the browser reads the same policy.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(doc)?.[1]?.replace(/&#x27;/g, "'");
    expect(csp).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(doc).toContain('<meta name="author" content="Dr Rhea Dietitian, RD, MSc"/>');
    expect(doc).toContain('<title>Nutrition report — Ada &lt;b&gt;Report&lt;/b&gt;, 2026-03-01 to 2026-03-07</title>');
    expect(doc).toContain('@page { size: A4;');
    expect(doc).toContain(`src="${LOGO}"`);
    expect(doc).not.toContain('<b>Report</b>'); // the name is text, never markup
    // Text typed by people may mention a web address; it is shown but never fetchable under the CSP.
    const withoutTypedText = doc.replace('http://example.com', '').replace('https://x.io', '');
    expect(withoutTypedText).not.toMatch(/https?:/i);
    expect(doc).not.toMatch(/(src|href)="https?:/i);
    expect(doc).not.toContain('xmlns');
    expect(doc).not.toContain('<script');
  });

  it('shows the intake table with status words and thousands separators', async () => {
    const { core, a } = await setup();
    const doc = await html(core, a.id, { pageSize: 'Letter' });
    expect(doc).toContain('@page { size: Letter;');
    // 1,200 g and 2,400 g of banana (89 kcal/100 g): a mean of 1,602 kcal per logged day.
    expect(doc).toContain('1,602 kcal');
    expect(doc).toMatch(/Below target|Within target|Above target/);
    expect(doc).toContain('<thead>');
    expect(doc).toContain('Meals were logged on 2 of 7 days');
    expect(doc).toContain('viewBox="0 0 680 240"');
    expect(doc).toContain('Total 30 minutes of logged activity');
  });

  it("never shows another client's name or notes", async () => {
    const { core, a, b } = await setup();
    const doc = await html(core, a.id);
    expect(doc).not.toContain('Zed');
    expect(doc).not.toContain('Othername');
    expect(await html(core, b.id)).not.toContain('Ada');
  });

  it('renders only the requested sections, in the requested order', async () => {
    const { core, a } = await setup();
    const doc = await html(core, a.id, { sections: ['disclaimer', 'summary'] });
    expect(doc).toContain('id="section-disclaimer"');
    expect(doc).toContain('id="section-summary"');
    expect(doc.indexOf('section-disclaimer')).toBeLessThan(doc.indexOf('section-summary'));
    for (const s of ['intake', 'trends', 'macros', 'activity-sleep', 'photos', 'recommendations', 'notes'])
      expect(doc).not.toContain(`id="section-${s}"`);
    expect(doc).not.toContain('<svg');
    expect(doc).not.toContain('Visit https');
  });

  it('gives an honest report for a client with nothing logged', async () => {
    const { core, empty } = await setup();
    const doc = await html(core, empty.id);
    expect(doc).toContain('No meals were logged in this period');
    expect(doc).toContain('No sleep was logged in this period.');
    expect(doc).toContain('No meal photos were saved in this period.');
    expect(doc).toContain('not a diagnosis');
    expect(doc).not.toContain('NaN');
    expect(doc).not.toContain('undefined');
  });

  it('hides every kcal figure for an eating-disorder-sensitive client', async () => {
    const { core, a } = await setup();
    await ok(core, 'clients.update', { id: a.id, patch: { edSensitive: true } });
    const doc = await html(core, a.id);
    expect(doc).not.toMatch(/kcal/i);
    expect(doc).toContain('Energy (calorie) figures and the energy chart are left out');
    expect(doc).toContain('Protein (g per day)');
  });

  it('shows US units when chosen', async () => {
    const { core, a } = await setup();
    await ok(core, 'settings.update', { units: 'us' });
    const doc = await html(core, a.id);
    expect(doc).toContain('5 ft 7 in');
    expect(doc).toContain('154 lb');
    expect(doc).not.toContain('170 cm');
  });
});

describe('svg charts', () => {
  const dates = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
  it('breaks the line at unlogged days and draws the target dashed', () => {
    const svg = lineChart([1000, null, 1200, 1300], { dates, yLabel: 'kcal <x>', target: 1500 });
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('Target 1,500');
    expect(svg).toContain('kcal &lt;x&gt;');
    expect(svg).toContain('>03-01<');
    expect(svg).toContain('>03-04<');
    expect(svg).toContain('width="100%"');
  });
  it('labels bars and pie slices as text', () => {
    expect(barChart([0, 30, 45, 0], { dates, yLabel: 'minutes' })).toContain('<rect');
    const pie = pieChart([
      { label: 'Protein', pct: 20 },
      { label: 'Carbohydrate', pct: 50 },
      { label: 'Fat & oils', pct: 30 },
    ]);
    expect(pie).toContain('>Protein: 20%<');
    expect(pie).toContain('Fat &amp; oils: 30%');
  });
});
