import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../contract/clients.ts';
import type { DayView, DiaryImportReport, DiaryPreview, LogEntry } from '../../contract/log.ts';
import { fixedClock, ok, unlockedCore } from '../../test-utils/core-harness.ts';

const profile = {
  name: 'Iris Import',
  sex: 'female',
  birthDate: '1990-02-02',
  heightCm: 168,
  weightKg: 62,
  activityLevel: 'active',
};
const fixture = (name: string): Buffer => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const upload = (clientId: string, format: string, fileName: string, bytes: Uint8Array | string) => ({
  clientId,
  format,
  fileName,
  dataBase64: Buffer.from(bytes).toString('base64'),
});

async function setUp(fields: Record<string, unknown> = {}) {
  const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
  const client = await ok<Client>(core, 'clients.create', { ...profile, ...fields });
  const list = () => ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-01-01', to: '2026-12-31' });
  const day = (date: string) => ok<DayView>(core, 'dashboard.day', { clientId: client.id, date });
  return { core, client, list, day };
}

describe('importing a Cronometer diary', () => {
  it('previews every row with its match and score, stores nothing, then imports all of it', async () => {
    const { core, client, list, day } = await setUp();
    const file = upload(client.id, 'cronometer', 'servings.csv', fixture('cronometer-servings.csv'));
    const preview = await ok<DiaryPreview>(core, 'log.diaryPreview', file);
    expect(preview.rows).toHaveLength(5);
    expect(preview.errors).toEqual([]);
    const [banana, egg, wrap] = preview.rows;
    expect(banana?.match).toMatchObject({ foodId: 'usda:09040', foodName: 'Bananas, raw', how: 'exact', grams: 118 });
    expect(banana?.match?.score).toEqual(expect.any(Number));
    expect(egg?.match).toMatchObject({ foodName: 'Egg, whole, raw, fresh', grams: 50 });
    expect(wrap?.match).toBeNull();
    expect(wrap?.matchNote).toContain('kept as reported');
    expect(await list()).toEqual([]);

    const report = await ok<DiaryImportReport>(core, 'log.diaryImport', file);
    expect(report).toMatchObject({ committed: true, imported: 5, matched: 3, asReported: 2, errorCount: 0 });
    const entries = await list();
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => e.source === 'import')).toBe(true);
    const reported = entries.find((e) => e.reported);
    expect(reported).toMatchObject({
      food: null,
      meal: 'lunch',
      time: '13:10',
      reported: { name: 'Fictional Lentil Wrap (homemade)', amount: '1 serving', format: 'cronometer' },
    });
    expect(reported?.nutrients.energyKcal).toBe(430);

    // The day's totals count matched foods with the database's values and the rest with the app's own.
    const matchedKcal = (banana?.match?.nutrients.energyKcal ?? 0) + (egg?.match?.nutrients.energyKcal ?? 0);
    const first = await day('2026-03-01');
    expect(first.dietEntries).toBe(3);
    expect(first.totals.energyKcal).toBeCloseTo(matchedKcal + 430, 6);
    expect(first.totals.proteinG).toBeCloseTo(
      (banana?.match?.nutrients.proteinG ?? 0) + (egg?.match?.nutrients.proteinG ?? 0) + 21,
      6,
    );
  });

  it('does not duplicate entries when the same or an overlapping export is imported again', async () => {
    const { core, client, list } = await setUp();
    const csv = fixture('cronometer-servings.csv').toString('utf8');
    await ok(core, 'log.diaryImport', upload(client.id, 'cronometer', 'servings.csv', csv));
    const again = await ok<DiaryImportReport>(
      core,
      'log.diaryImport',
      upload(client.id, 'cronometer', 'servings.csv', csv),
    );
    expect(again).toMatchObject({ committed: true, imported: 0, alreadyImported: 5 });
    expect(await list()).toHaveLength(5);

    // A later export from 2026-03-02 on, with one new row: only that row is added.
    const lines = csv.trim().split('\n');
    const later = [
      lines[0],
      lines[4],
      lines[5],
      '2026-03-03,9:00 AM,Breakfast,Fictional Porridge,1.00 bowl,300,,,,,,,,,,,50,6,8,6,1,10,Custom',
    ].join('\n');
    const preview = await ok<DiaryPreview>(
      core,
      'log.diaryPreview',
      upload(client.id, 'cronometer', 'later.csv', later),
    );
    expect(preview.alreadyImported).toBe(2);
    expect(preview.rows.map((r) => r.alreadyImported)).toEqual([true, true, false]);
    const overlap = await ok<DiaryImportReport>(
      core,
      'log.diaryImport',
      upload(client.id, 'cronometer', 'later.csv', later),
    );
    expect(overlap).toMatchObject({ imported: 1, alreadyImported: 2 });
    expect(await list()).toHaveLength(6);

    // An imported entry the practitioner deleted is not brought back.
    const porridge = (await list()).find((e) => e.reported?.name === 'Fictional Porridge');
    await ok(core, 'log.delete', { id: porridge?.id });
    const afterDelete = await ok<DiaryImportReport>(
      core,
      'log.diaryImport',
      upload(client.id, 'cronometer', 'later.csv', later),
    );
    expect(afterDelete).toMatchObject({ imported: 0, alreadyImported: 3 });
    expect(await list()).toHaveLength(5);
  });

  it('stores nothing when one row is bad, and lists it with the file and row number', async () => {
    const { core, client, list } = await setUp();
    const csv = `${fixture('cronometer-servings.csv').toString('utf8')}2026-03-03,noon,Lunch,Soup,1.00 bowl,120\n`;
    const file = upload(client.id, 'cronometer', 'servings.csv', csv);
    const preview = await ok<DiaryPreview>(core, 'log.diaryPreview', file);
    expect(preview.rows).toHaveLength(5);
    expect(preview.errors).toEqual([
      { file: 'servings.csv', row: 7, message: 'Time: "noon" is not a time like 8:30 AM' },
    ]);
    const report = await ok<DiaryImportReport>(core, 'log.diaryImport', file);
    expect(report).toMatchObject({ committed: false, imported: 0, errorCount: 1 });
    expect(await list()).toEqual([]);
  });

  it('rolls back rows already written when a later row is refused while storing', async () => {
    const { core, client, list, day } = await setUp();
    // Readable rows; the last is impossible (20,000 kcal in one row), found only when it is stored.
    const csv = `${fixture('cronometer-servings.csv').toString('utf8')}2026-03-03,9:00 AM,Lunch,Fictional Feast,1.00 serving,20000\n`;
    const report = await ok<DiaryImportReport>(
      core,
      'log.diaryImport',
      upload(client.id, 'cronometer', 'servings.csv', csv),
    );
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      { file: 'servings.csv', row: 7, message: '20,000 kcal in one row cannot be right.' },
    ]);
    expect(await list()).toEqual([]);
    expect((await day('2026-03-01')).dietEntries).toBe(0);
  });

  it('follows the practitioner’s choices: leave a row out, or keep a matched row as reported', async () => {
    const { core, client, list } = await setUp();
    const file = upload(client.id, 'cronometer', 'servings.csv', fixture('cronometer-servings.csv'));
    const report = await ok<DiaryImportReport>(core, 'log.diaryImport', {
      ...file,
      choices: [
        { row: 2, use: 'reported' },
        { row: 4, use: 'skip' },
      ],
    });
    expect(report).toMatchObject({ imported: 4, matched: 2, asReported: 2, skipped: 1 });
    const banana = (await list()).find((e) => e.date === '2026-03-01' && e.meal === 'breakfast' && e.reported);
    expect(banana?.reported?.name).toBe('Bananas, raw');
    expect(banana?.nutrients.energyKcal).toBe(105.02);
    const refused = await core.dispatch('log.diaryImport', { ...file, choices: [{ row: 99, use: 'skip' }] });
    expect(refused.ok && refused.data).toMatchObject({ committed: false, errors: [{ row: 99 }] });
  });

  it('refuses a food the client is allergic to unless a reason is given', async () => {
    const { core, client, list } = await setUp({ allergies: ['Egg'] });
    const file = upload(client.id, 'cronometer', 'servings.csv', fixture('cronometer-servings.csv'));
    const refused = await ok<DiaryImportReport>(core, 'log.diaryImport', file);
    expect(refused).toMatchObject({ committed: false, allergyConflicts: 1, errors: [{ row: 3 }] });
    // A food kept as reported is checked by the words of its name.
    const omelette =
      'Day,Time,Group,Food Name,Amount,Energy (kcal)\n2026-03-04,8:00 AM,Breakfast,Fictional cheese omelette with eggs,1.00 serving,320\n';
    const reported = await ok<DiaryImportReport>(
      core,
      'log.diaryImport',
      upload(client.id, 'cronometer', 'o.csv', omelette),
    );
    expect(reported).toMatchObject({ committed: false, allergyConflicts: 1, errors: [{ file: 'o.csv', row: 2 }] });
    expect(await list()).toEqual([]);
    const confirmed = await ok<DiaryImportReport>(core, 'log.diaryImport', {
      ...file,
      allergyConfirmation: { reason: 'Tolerates baked egg' },
    });
    expect(confirmed).toMatchObject({ committed: true, imported: 5 });
  });

  it('imports dates far from today only when they are confirmed', async () => {
    const { core, client, list } = await setUp();
    const csv =
      'Day,Time,Group,Food Name,Amount,Energy (kcal)\n2019-01-05,8:00 AM,Breakfast,Fictional Toast,1.00 slice,80\n';
    const file = upload(client.id, 'cronometer', 'old.csv', csv);
    const refused = await ok<DiaryImportReport>(core, 'log.diaryImport', file);
    expect(refused.committed).toBe(false);
    expect(refused.errors[0]?.message).toMatch(/^The date 2019-01-05 .* confirm the dates to import them\.$/);
    expect(await list()).toEqual([]);
    const confirmed = await ok<DiaryImportReport>(core, 'log.diaryImport', { ...file, confirmDates: true });
    expect(confirmed).toMatchObject({ committed: true, imported: 1 });
  });

  it('gives a malformed file a clear error naming the problem', async () => {
    const { core, client } = await setUp();
    const result = await core.dispatch(
      'log.diaryPreview',
      upload(client.id, 'cronometer', 'Nutrition-Summary.csv', fixture('mfp-nutrition.csv')),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid-input');
      expect(result.message).toContain('Nutrition-Summary.csv is not a Cronometer servings export');
    }
  });
});

describe('importing MyFitnessPal and OpenNutriTracker diaries', () => {
  it('stores each MyFitnessPal meal total as reported, and the day totals count them', async () => {
    const { core, client, list, day } = await setUp();
    const file = upload(client.id, 'mfp', 'Nutrition-Summary.csv', fixture('mfp-nutrition.csv'));
    const preview = await ok<DiaryPreview>(core, 'log.diaryPreview', file);
    expect(preview.rows.every((r) => r.match === null)).toBe(true);
    expect(await ok<DiaryImportReport>(core, 'log.diaryImport', file)).toMatchObject({ imported: 3, asReported: 3 });
    expect(await list()).toHaveLength(3);
    const first = await day('2026-03-01');
    expect(first.totals.energyKcal).toBe(1120);
    expect(first.totals.sodiumMg).toBe(1460);
    expect(first.totals.calciumMg).toBeUndefined();
    expect(await ok<DiaryImportReport>(core, 'log.diaryImport', file)).toMatchObject({
      imported: 0,
      alreadyImported: 3,
    });
  });

  it('imports an OpenNutriTracker intake list, matching a food it knows', async () => {
    const { core, client, day } = await setUp();
    const file = upload(client.id, 'ont', 'user_intake.json', fixture('ont-user_intake.json'));
    const preview = await ok<DiaryPreview>(core, 'log.diaryPreview', file);
    expect(preview.rows.map((r) => r.match?.foodName ?? null)).toEqual([null, 'Bananas, raw', null]);
    expect(preview.rows[1]?.match?.grams).toBe(236);
    const report = await ok<DiaryImportReport>(core, 'log.diaryImport', file);
    expect(report).toMatchObject({ imported: 3, matched: 1, asReported: 2 });
    const first = await day('2026-03-01');
    expect(first.totals.energyKcal).toBeCloseTo(675 + (preview.rows[1]?.match?.nutrients.energyKcal ?? 0), 6);
  });
});
