import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { addMeasurement, addVisit, createClient, openOverdue, openVisits, overdueRow, visitRows } from './pages.ts';
import { CLIENTS } from './pii-seeds.ts';

const MAYA = CLIENTS.maya;

/** A local calendar date `days` from today (negative: in the past), as the app's date fields take it. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Fills a PDF form with pypdf (Debian's python3-pypdf, installed by .ci/run), a library other than the
 * one the app writes with, as the client's PDF reader would.
 */
function fillWithPypdf(form: Buffer, values: Record<string, string>, dir: string): Buffer {
  const [src, dst, json] = ['form.pdf', 'filled.pdf', 'values.json'].map((f) => path.join(dir, f)) as [
    string,
    string,
    string,
  ];
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(src, form);
  fs.writeFileSync(json, JSON.stringify(values));
  const filler = path.resolve(import.meta.dirname, '..', 'core', 'forms', 'testdata', 'fill-with-pypdf.py');
  execFileSync('/usr/bin/python3', [filler, src, dst, json], { stdio: ['ignore', 'pipe', 'pipe'] });
  return fs.readFileSync(dst);
}

test('the client record: three visits with measurements, the weight chart and its goal, an overdue follow-up, and an intake form filled by another PDF library', async ({
  app: { page },
}, testInfo) => {
  // No weight in the profile: every weight is a dated reading.
  await createClient(page, { name: MAYA.name, birthDate: '1984-06-01', sex: 'Female', heightCm: 168 });
  const [first, second, third] = [day(-42), day(-28), day(-14)];

  // First consultation: weight and waist measured, an ADIME note, a weight goal with a review date.
  await addMeasurement(page, { kind: 'weight', value: 82.4, date: first });
  await addMeasurement(page, { kind: 'waist', value: 94, date: first });
  await addVisit(page, {
    date: first,
    type: 'First consultation',
    durationMin: 60,
    sections: {
      assessment: 'Eats out most lunchtimes; little fibre.',
      diagnosis: 'Excessive energy intake related to frequent restaurant lunches as evidenced by weight gain.',
      intervention: 'Packed lunch three days a week.',
      monitoring: 'Weight and waist at each visit.',
    },
    goals: [{ text: 'Reach 78 kg', measure: 'Weight', target: 78, reviewOn: day(30) }],
    nextFollowUp: second,
  });

  // Two follow-ups, each with its weight and the snapshot pulled into the note.
  await addMeasurement(page, { kind: 'weight', value: 80.9, date: second });
  await addVisit(page, { date: second, type: 'Follow-up', durationMin: 30, snapshot: true, nextFollowUp: third });
  await addMeasurement(page, { kind: 'weight', value: 79.6, date: third });
  await addVisit(page, { date: third, type: 'Phone call', durationMin: 15, snapshot: true, nextFollowUp: day(-5) });

  await openVisits(page);
  await expect(visitRows(page)).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('visits-tab.png'), fullPage: true });
  // Newest first; the snapshot of the last visit names the weight since the one before, as typed.
  await visitRows(page).first().getByTestId('visits-open').click();
  const note = page.getByTestId('visit-section-assessment');
  await expect(note).toHaveValue(/79\.6 kg/);
  await expect(note).toHaveValue(/−1\.3 kg/);
  await page.screenshot({ path: testInfo.outputPath('visit-editor.png'), fullPage: true });
  await page.getByTestId('visit-back').click();

  // The weight chart: three readings, the goal's line, and the change since the first reading.
  await page.getByTestId('client-tab-measurements').click();
  const chart = page.getByTestId('measure-chart-card');
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('measure-goal-line')).toHaveCount(1);
  await expect(chart.locator('.recharts-line-dot, .recharts-dot')).toHaveCount(3);
  await expect(page.getByTestId('measure-change')).toContainText('−2.8 kg');
  await expect(page.getByTestId('measure-goal')).toContainText('78');
  await page.screenshot({ path: testInfo.outputPath('measurements-tab.png'), fullPage: true });

  // The clients screen lists the follow-up due five days ago, and opens the client's visits from it.
  await page.getByTestId('nav-clients').click();
  await expect(overdueRow(page, MAYA.name).getByTestId('overdue-due')).toBeVisible();
  await expect(overdueRow(page, MAYA.name).getByTestId('overdue-days')).toContainText('5');
  await openOverdue(page, MAYA.name);

  // The intake form: made by the app, filled by pypdf, read back, reviewed and applied.
  const download = page.waitForEvent('download');
  await page.getByTestId('client-intake-form').click();
  const form = fs.readFileSync((await (await download).path())!);
  const filled = fillWithPypdf(
    form,
    {
      contact_phone: MAYA.phone,
      weight_kg: '79,1',
      diet_pattern: 'Vegetarian (dairy and eggs)',
      usual_breakfast: 'Porridge with banana',
      consent_data_processing: '/Yes',
    },
    testInfo.outputPath('intake'),
  );
  await page.getByTestId('client-intake-import').click();
  await page
    .getByTestId('intake-file')
    .setInputFiles({ name: 'intake-returned.pdf', mimeType: 'application/pdf', buffer: filled });
  const row = (field: string) => page.locator(`[data-testid="intake-row"][data-field="${field}"]`);
  await expect(row('phone')).toHaveAttribute('data-status', 'new');
  await expect(row('weightKg')).toHaveAttribute('data-status', 'changed');
  await expect(row('dietPattern')).toHaveAttribute('data-status', 'changed');
  await page.getByTestId('intake-apply').click();
  await expect(page.getByTestId('intake-review')).toBeHidden();
  await page.getByTestId('client-tab-profile').click();
  await expect(page.getByTestId('profile-phone')).toHaveText(MAYA.phone);
  await expect(page.getByTestId('profile-diet')).toContainText(/vegetarian/i);
  // The weight the client wrote is a reading dated today, and the latest on the chart.
  await page.getByTestId('client-tab-measurements').click();
  await expect(page.getByTestId('measure-change')).toContainText('−3.3 kg');
});
