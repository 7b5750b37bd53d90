import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Client } from '../contract/clients.ts';
import type { LogEntry } from '../contract/log.ts';
import type { Measurement } from '../contract/measures.ts';
import { readCsvTable } from '../foods/import/csv.ts';
import { LOG_CSV_COLUMNS, parseLogCsv } from '../log/log-csv.ts';
import { addClient } from '../test-utils/clients.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { exportClient, slugify } from './client-export.ts';

const BANANA = 'usda:09040';
const FORMULA_NOTE = '=HYPERLINK("http://example.invalid","x")';

async function twoClients() {
  const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
  const ana = await addClient(core, {
    name: 'Ana Souza-Lima',
    birthDate: '1990-03-02',
    goal: 'loss',
    goalRateKgWeek: 0.25,
    conditions: ['chronic-kidney-disease', 'lactose-intolerance'],
    ckdStage: 3,
  });
  const bruno = await ok<Client>(core, 'clients.create', {
    name: 'Bruno Secret',
    sex: 'male',
    birthDate: '1980-01-01',
  });
  await ok(core, 'targets.set', {
    clientId: ana.id,
    overrides: { energyKcal: 1800, proteinG: 90 },
    effectiveFrom: '2026-03-01',
    note: 'cut',
  });
  const add = (input: object) => ok<{ entry: LogEntry }>(core, 'log.add', input);
  await add({
    kind: 'diet',
    clientId: ana.id,
    date: '2026-03-10',
    time: '08:15',
    meal: 'breakfast',
    foodId: BANANA,
    amount: '1 medium',
    note: FORMULA_NOTE,
  });
  await add({ kind: 'diet', clientId: ana.id, date: '2026-03-10', meal: 'snack', foodId: BANANA, grams: 50 });
  await add({
    kind: 'activity',
    clientId: ana.id,
    date: '2026-03-10',
    time: '18:00',
    activity: 'walking-brisk',
    minutes: 30,
    note: 'with "Rex", the dog',
  });
  await add({ kind: 'sleep', clientId: ana.id, date: '2026-03-11', hours: 7.5, quality: 4 });
  const gone = await add({ kind: 'diet', clientId: ana.id, date: '2026-03-11', foodId: BANANA, grams: 10 });
  await ok(core, 'log.delete', { id: gone.entry.id });
  await add({ kind: 'diet', clientId: bruno.id, date: '2026-03-10', foodId: BANANA, grams: 200, note: 'Bruno only' });
  await ok(core, 'measures.add', {
    clientId: ana.id,
    kind: 'ldl-cholesterol',
    value: 135,
    unit: 'mg/dL',
    date: '2026-03-01',
    note: 'fasting sample',
  });
  await ok(core, 'measures.add', {
    clientId: ana.id,
    kind: 'blood-pressure',
    value: 128,
    value2: 82,
    date: '2026-03-05',
  });
  const goneReading = await ok<Measurement>(core, 'measures.add', {
    clientId: ana.id,
    kind: 'waist',
    value: 80,
    date: '2026-03-06',
  });
  await ok(core, 'measures.delete', { id: goneReading.id });
  await ok(core, 'measures.add', { clientId: bruno.id, kind: 'weight', value: 90, date: '2026-03-05', note: 'Bruno' });
  await ok(core, 'log.setFavourite', { clientId: ana.id, foodId: BANANA, favourite: true });
  await ok(core, 'log.saveTemplate', {
    clientId: ana.id,
    name: 'Usual breakfast',
    date: '2026-03-10',
    meal: 'breakfast',
  });
  await ok(core, 'log.saveTemplate', { clientId: bruno.id, name: 'Bruno template', date: '2026-03-10', meal: null });
  return { core, ana, bruno };
}

function unzipExport(dataBase64: string): Record<string, string> {
  const files = unzipSync(new Uint8Array(Buffer.from(dataBase64, 'base64')));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe('client export', () => {
  it('zips only this client: profile, targets, log and audit, in CSV and JSON', async () => {
    const { core, ana, bruno } = await twoClients();
    const out = await ok<{ fileName: string; dataBase64: string; bytes: number }>(core, 'export.client', {
      clientId: ana.id,
    });
    expect(out.fileName).toBe('bioai-export-ana-souza-lima-2026-03-15.zip');
    const files = unzipExport(out.dataBase64);
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'audit.csv',
        'favourites-templates.json',
        'log.csv',
        'log.json',
        'measurements.csv',
        'measurements.json',
        'profile.json',
        'targets-history.csv',
        'targets-history.json',
      ].sort(),
    );
    const all = Object.values(files).join('\n');
    expect(all).not.toContain('Bruno');
    expect(all).not.toContain(bruno.id);

    expect(files['README.txt']).toContain('BioAI Nutrition');
    expect(files['README.txt']).toContain('2026-03-15');
    expect(JSON.parse(files['favourites-templates.json'] ?? '')).toEqual({
      favourites: [{ foodId: BANANA }],
      templates: [
        {
          name: 'Usual breakfast',
          meal: 'breakfast',
          entries: [
            { foodId: BANANA, foodName: 'Bananas, raw', grams: 118, amountText: '1 medium', note: FORMULA_NOTE },
          ],
        },
      ],
    });
    expect(JSON.parse(files['profile.json'] ?? '')).toEqual(await ok(core, 'clients.get', { id: ana.id }));
    // The goal and conditions are part of the profile (data portability covers them too).
    expect(JSON.parse(files['profile.json'] ?? '')).toMatchObject({
      goal: 'loss',
      goalRateKgWeek: 0.25,
      conditions: ['chronic-kidney-disease', 'lactose-intolerance'],
      ckdStage: 3,
    });

    const targets = readCsvTable(new TextEncoder().encode(files['targets-history.csv']));
    expect(targets.headers).toEqual([
      'id',
      'effective_from',
      'equation',
      'note',
      'created_at',
      'updated_at',
      'override_energyKcal',
      'override_proteinG',
    ]);
    expect(targets.rows.map((r) => r.cells.slice(1, 4).concat(r.cells.slice(6)))).toEqual([
      ['2026-03-01', 'mifflin-st-jeor', 'cut', '1800', '90'],
    ]);

    // Measurements: every live reading of this client, oldest first, in the canonical unit and as typed.
    const listed = await ok<Measurement[]>(core, 'measures.list', { clientId: ana.id });
    expect(listed.map((m) => m.kind).sort()).toEqual(['blood-pressure', 'ldl-cholesterol']);
    const measured = JSON.parse(files['measurements.json'] ?? '') as Omit<Measurement, 'clientId'>[];
    expect(measured).toEqual([...listed].reverse().map(({ clientId: _c, ...m }) => m));
    const mcsv = readCsvTable(new TextEncoder().encode(files['measurements.csv']));
    expect(mcsv.rows.map((r) => r.cells.slice(1, 12))).toEqual([
      [
        '2026-03-01',
        'ldl-cholesterol',
        'LDL cholesterol',
        String(listed.find((m) => m.kind === 'ldl-cholesterol')?.value),
        '',
        'mmol/L',
        '135',
        '',
        'mg/dL',
        '',
        'fasting sample',
      ],
      ['2026-03-05', 'blood-pressure', 'Blood pressure', '128', '82', 'mmHg', '128', '82', 'mmHg', '', ''],
    ]);
    expect(Number(mcsv.rows[0]?.cells[4])).toBeCloseTo(135 / 38.67, 9);
    expect(files['README.txt']).toContain('measurements.csv / .json: every measurement (2:');

    const log = readCsvTable(new TextEncoder().encode(files['log.csv']));
    // The log import's columns first (log-csv.test.ts pins them), so the file can be imported again.
    expect(log.headers.slice(0, 15)).toEqual([...LOG_CSV_COLUMNS, 'source', 'burned_kcal']);
    expect(log.headers).toContain('energy_kcal');
    expect(log.headers).toContain('vitamin_d_mcg');
    // Four entries (the deleted one is left out), the formula guarded, the quoted note intact.
    expect(log.rows).toHaveLength(4);
    const col = (name: string, i: number): string | undefined => log.rows[i]?.cells[log.headers.indexOf(name)];
    expect(col('food_name', 0)).toBe('Bananas, raw');
    expect(col('amount', 0)).toBe('1 medium');
    expect(col('grams', 0)).toBe('118');
    expect(Number(col('energy_kcal', 0))).toBeCloseTo(105.02, 2);
    expect(col('note', 0)).toBe(`'${FORMULA_NOTE}`);
    expect(col('time', 1)).toBe('');
    expect(col('note', 2)).toBe('with "Rex", the dog');
    expect(col('energy_kcal', 2)).toBe('');
    expect(Number(col('burned_kcal', 2))).toBeGreaterThan(0);
    expect([col('hours', 3), col('quality', 3)]).toEqual(['7.5', '4']);
    const json = JSON.parse(files['log.json'] ?? '') as {
      units: Record<string, string>;
      entries: { kind: string; nutrients: object }[];
    };
    expect(json.units.energyKcal).toBe('kcal');
    expect(json.entries.map((e) => e.kind)).toEqual(['diet', 'diet', 'activity', 'sleep']);

    const audit = readCsvTable(new TextEncoder().encode(files['audit.csv']));
    expect(audit.headers).toEqual(['at', 'actor', 'host', 'entity', 'entity_id', 'action', 'fields']);
    // Exactly the audit entries about Ana, her targets and her entries (the deleted one included).
    const { sqlite } = core.session.database();
    const anaIds = new Set(
      (
        sqlite
          .prepare('SELECT id FROM events WHERE client_id = ? UNION SELECT id FROM client_targets WHERE client_id = ?')
          .all(ana.id, ana.id) as { id: string }[]
      ).map((r) => r.id),
    );
    anaIds.add(ana.id);
    const audited = await ok<AuditEntry[]>(core, 'audit.list', { limit: 500 });
    // The handler records this export itself, after building the zip.
    const expected = audited.filter((a) => anaIds.has(a.entityId) && a.action !== 'export').map((a) => a.id);
    expect(expected.length).toBeGreaterThan(2);
    expect(audit.rows).toHaveLength(expected.length);
    expect(audit.rows.every((r) => anaIds.has(r.cells[4] ?? ''))).toBe(true);
    expect(audited.some((a) => a.entityId === bruno.id)).toBe(true);
  });

  it('round-trips: the exported log.csv imports into another client with the same entries', async () => {
    const { core, ana } = await twoClients();
    const out = await ok<{ dataBase64: string }>(core, 'export.client', { clientId: ana.id });
    const logCsv = unzipExport(out.dataBase64)['log.csv'] ?? '';
    const carla = await addClient(core, { name: 'Carla', birthDate: '1990-03-02' });

    const parsed = parseLogCsv(new TextEncoder().encode(logCsv), carla.id, () => null);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.row)).toEqual([2, 3, 4, 5]);

    const report = await ok(core, 'log.importCsv', {
      clientId: carla.id,
      fileName: 'log.csv',
      dataBase64: Buffer.from(logCsv).toString('base64'),
    });
    expect(report).toMatchObject({ committed: true, rowsRead: 4, entriesImported: 4, errorCount: 0 });
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const strip = (e: LogEntry) => ({
      date: e.date,
      time: e.time,
      kind: e.kind,
      meal: e.meal,
      note: e.note,
      food: e.food ? { id: e.food.id, grams: e.food.grams } : null,
      activity: e.activity ? { key: e.activity.key, minutes: e.activity.minutes, kcal: e.activity.kcal } : null,
      sleep: e.sleep,
      nutrients: e.nutrients,
    });
    const before = (await ok<LogEntry[]>(core, 'log.list', { clientId: ana.id, ...range })).map(strip);
    const after = (await ok<LogEntry[]>(core, 'log.list', { clientId: carla.id, ...range })).map(strip);
    expect(after).toEqual(before);
    expect(after).toHaveLength(4);
  });

  it('refuses an unknown or deleted client', async () => {
    const { core, bruno } = await twoClients();
    await ok(core, 'clients.delete', { id: bruno.id });
    expect(() => exportClient(core.session.database(), bruno.id, Date.now())).toThrow(/does not exist/);
  });

  it('slugifies names for the file name', () => {
    expect(slugify('  Zoë  O’Brien-Núñez ')).toBe('zoe-o-brien-nunez');
    expect(slugify('李小龍')).toBe('client');
  });
});
