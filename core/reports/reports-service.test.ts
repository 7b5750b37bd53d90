import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import { ReportRequest } from '../contract/reports.ts';
import { addClient } from '../test-utils/clients.ts';
import { fixedClock, ok, tempDir, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';
import { createChromiumPdfRenderer } from './pdf-chromium.ts';
import { createReportsService } from './reports-service.ts';

const BANANA = 'usda:09040';
const OATS = 'usda:08120';
/** Text and document information as poppler reads them (an independent reader, not pdf-lib). */
function pdfText(bytes: Uint8Array): string {
  const file = path.join(tempDir(), 'r.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const file = path.join(tempDir(), 'r.pdf');
  fs.writeFileSync(file, bytes);
  const lines = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n');
  return Object.fromEntries(
    lines
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => [m[1], m[2]]),
  );
}

const PAGES_DIR = fileURLToPath(new URL('../../test-results/report-pages/', import.meta.url));

// Real Chromium, one browser shared by the tests of this file, which run one after another.
describe('reports service (real Chromium)', () => {
  const renderer = createChromiumPdfRenderer({ now: () => Date.parse('2026-03-15T10:00:00Z') });
  afterAll(async () => {
    await renderer.close();
  });

  async function seeded() {
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const dataDir = tempDir();
    const core = await unlockedCore({ dataDir, clock });
    await ok(core, 'settings.update', { practitionerName: 'Dr Rita Practitioner' });
    const ana = await addClient(core, { name: 'Ana Souza-Lima', birthDate: '1990-03-02', activityLevel: 'active' });
    const bruno = await ok<Client>(core, 'clients.create', { name: 'Bruno Zebedee-Secret', sex: 'male' });
    const empty = await addClient(core, { name: 'Eva Empty', birthDate: '1985-05-05', heightCm: 170, weightKg: 70 });
    for (let d = 1; d <= 10; d++) {
      const date = `2026-03-${String(d).padStart(2, '0')}`;
      await ok(core, 'log.add', {
        kind: 'diet',
        clientId: ana.id,
        date,
        meal: 'breakfast',
        foodId: OATS,
        grams: 40 + d * 7,
      });
      await ok(core, 'log.add', {
        kind: 'diet',
        clientId: ana.id,
        date,
        meal: 'snack',
        foodId: BANANA,
        grams: 100 + d * 13,
      });
      if (d % 3 === 0) {
        await ok(core, 'log.add', { kind: 'activity', clientId: ana.id, date, activity: 'walking-brisk', minutes: 30 });
        await ok(core, 'log.add', { kind: 'sleep', clientId: ana.id, date, hours: 7.5, quality: 4 });
      }
    }
    // Another client, logged in the same period: nothing of theirs may reach Ana's report.
    await ok(core, 'log.add', { kind: 'diet', clientId: bruno.id, date: '2026-03-05', foodId: BANANA, grams: 900 });

    const opened = core.session.database();
    // Its PDF renderer is not used: this test's reports service has its own shared renderer.
    const services = servicesOf(core, { clock, dataDir });
    const reports = createReportsService({ ...services, pdf: () => renderer, now: clock.now, today: clock.today });
    return { reports, sqlite: opened.sqlite, ana, bruno, empty };
  }

  it('prints the figures the database holds, and only this client', async () => {
    const { reports, sqlite, ana } = await seeded();
    const req = ReportRequest.parse({ clientId: ana.id, from: '2026-03-01', to: '2026-03-14' });
    const file = await reports.export(req);
    expect(file.fileName).toBe('report-ana-souza-lima-2026-03-01-2026-03-14.pdf');
    const bytes = new Uint8Array(Buffer.from(file.dataBase64, 'base64'));
    expect(file.bytes).toBe(bytes.byteLength);

    // The expected mean energy, computed independently of the report code: SQL over daily_totals.
    const row = sqlite
      .prepare(
        `SELECT avg(energy_kcal) AS kcal, count(*) AS days FROM daily_totals
         WHERE client_id = ? AND local_date BETWEEN ? AND ? AND diet_entries > 0`,
      )
      .get(ana.id, '2026-03-01', '2026-03-14') as { kcal: number; days: number };
    expect(row.days).toBe(10);
    const expectedKcal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(row.kcal);

    const text = pdfText(bytes);
    expect(text).toContain('Ana Souza-Lima');
    expect(text).toMatch(new RegExp(`Energy\\s+${expectedKcal} kcal`));
    expect(text).toContain('2026-03-01');
    expect(text).toContain('Page 1 of');
    expect(text).not.toContain('Bruno');
    expect(text).not.toContain('Zebedee');
    const info = pdfInfo(bytes);
    expect(info['Title']).toContain('Ana Souza-Lima');
    expect(info['Author']).toBe('Dr Rita Practitioner');
    expect(Number(info['Pages'])).toBe(file.pages);
    expect(file.pages).toBeGreaterThanOrEqual(1);

    // Page images, kept as artefacts for a person to look at (test-results/ is git-ignored).
    fs.rmSync(PAGES_DIR, { recursive: true, force: true });
    fs.mkdirSync(PAGES_DIR, { recursive: true });
    const pdfFile = path.join(PAGES_DIR, file.fileName);
    fs.writeFileSync(pdfFile, bytes);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdfFile, path.join(PAGES_DIR, 'page')]);
    const pngs = fs.readdirSync(PAGES_DIR).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBe(file.pages);

    // The preview is the same document the PDF was printed from.
    const preview = await reports.preview(req);
    expect(preview.title).toBe(info['Title']);
    expect(preview.html).toContain('Ana Souza-Lima');
    expect(preview.html).not.toContain('Bruno');
  });

  it('prints an honest report for a client with no meals logged', async () => {
    const { reports, empty } = await seeded();
    const file = await reports.export(
      ReportRequest.parse({ clientId: empty.id, from: '2026-03-01', to: '2026-03-14', pageSize: 'Letter' }),
    );
    const bytes = new Uint8Array(Buffer.from(file.dataBase64, 'base64'));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('No meals were logged');
    expect(text).toContain('Eva Empty');
    expect(text).not.toContain('Ana Souza-Lima');
    expect(text).not.toContain('Bruno');
    expect(pdfInfo(bytes)['Page size']).toContain('letter');
    expect(file.fileName).toBe('report-eva-empty-2026-03-01-2026-03-14.pdf');
  });
});
