import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { AuditEntry, Client } from '../contract/clients.ts';
import type { Measurement, MeasureKindInfo } from '../contract/measures.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { servicesOf } from '../test-utils/services.ts';

/**
 * Measurements through the contract over a real SQLCipher database: recording, listing in date order,
 * the reading in force on a date, editing, deleting, and every refusal with its words (nothing written).
 */

type Dispatched = Awaited<ReturnType<Core['dispatch']>>;
const refusal = (r: Dispatched) => r as Extract<Dispatched, { ok: false }>;

async function setup() {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const ana = await ok<Client>(core, 'clients.create', { name: 'Ana Example', sex: 'female' });
  const add = (input: object) => ok<Measurement>(core, 'measures.add', { clientId: ana.id, ...input });
  const list = (kind?: string) =>
    ok<Measurement[]>(core, 'measures.list', { clientId: ana.id, ...(kind ? { kind } : {}) });
  return { core, clock, ana, add, list };
}

describe('measurements', () => {
  it('are stored in the canonical unit, shown back as entered, newest first', async () => {
    const { add, list } = await setup();
    const lb = await add({ kind: 'weight', value: 160, unit: 'lb', date: '2026-03-01' });
    expect(lb).toMatchObject({ label: 'Weight', unit: 'lb', enteredValue: 160, canonicalUnit: 'kg' });
    expect(lb.value).toBeCloseTo(72.5748, 4);
    const kg = await add({ kind: 'weight', value: 71.8, date: '2026-03-14', note: 'after holiday' });
    expect(kg).toMatchObject({ unit: 'kg', value: 71.8, enteredValue: 71.8, note: 'after holiday' });
    const a1c = await add({ kind: 'hba1c', value: 6.5, unit: '%', date: '2026-02-20' });
    expect(a1c.enteredValue).toBe(6.5);
    expect(Math.round(a1c.value)).toBe(48);
    const bp = await add({ kind: 'blood-pressure', value: 128, value2: 82, date: '2026-03-14' });
    expect(bp).toMatchObject({ value: 128, value2: 82, unit: 'mmHg' });
    const fat = await add({ kind: 'body-fat', value: 28.5, method: 'BIA (Tanita)', date: '2026-03-14' });
    expect(fat.method).toBe('BIA (Tanita)');
    const grip = await add({ kind: 'custom', customName: 'Grip strength', unit: 'kg', value: 31, date: '2026-03-10' });
    expect(grip).toMatchObject({ label: 'Grip strength', canonicalUnit: 'kg', enteredValue: 31 });

    expect((await list('weight')).map((m) => m.id)).toEqual([kg.id, lb.id]);
    expect((await list()).map((m) => m.date)).toEqual([
      '2026-03-14',
      '2026-03-14',
      '2026-03-14',
      '2026-03-10',
      '2026-03-01',
      '2026-02-20',
    ]);
  });

  it('the reading in force on a date is the latest on or before it (a deleted one no longer counts)', async () => {
    const { core, clock, ana, add } = await setup();
    const measures = servicesOf(core, { clock }).measures;
    const inForce = (date: string) => measures.inForce(ana.id, 'weight', date)?.value ?? null;
    await add({ kind: 'weight', value: 80, date: '2026-01-10' });
    const feb = await add({ kind: 'weight', value: 78, date: '2026-02-10' });
    await add({ kind: 'waist', value: 90, date: '2026-02-20' });
    expect(inForce('2026-01-09')).toBeNull();
    expect(inForce('2026-01-10')).toBe(80);
    expect(inForce('2026-02-09')).toBe(80);
    expect(inForce('2026-03-01')).toBe(78);
    // A second reading on the same day: the one recorded later is in force.
    clock.advance(1000);
    await add({ kind: 'weight', value: 77.5, date: '2026-02-10' });
    expect(inForce('2026-02-10')).toBe(77.5);
    await ok(core, 'measures.delete', { id: feb.id });
    expect(inForce('2026-02-10')).toBe(77.5);
    expect(measures.inForce(ana.id, 'height', '2026-03-01')).toBeNull();
  });

  it('edits and deletes (a deleted reading leaves the list); each write is audited without values', async () => {
    const { core, ana, add, list } = await setup();
    const m = await add({ kind: 'waist', value: 88, date: '2026-03-01' });
    const edited = await ok<Measurement>(core, 'measures.update', {
      id: m.id,
      measurement: { clientId: ana.id, kind: 'waist', value: 34, unit: 'in', date: '2026-03-02' },
    });
    expect(edited).toMatchObject({ id: m.id, unit: 'in', enteredValue: 34, date: '2026-03-02' });
    expect(edited.value).toBeCloseTo(86.36, 10);
    await ok(core, 'measures.delete', { id: m.id });
    expect(await list()).toEqual([]);
    const again = refusal(await core.dispatch('measures.delete', { id: m.id }));
    expect(again).toMatchObject({ ok: false, code: 'not-found' });
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: ana.id, limit: 10 });
    const ours = audit.filter((a) => a.entity === 'measurement');
    expect(ours.map((a) => a.action)).toEqual(['measurement-delete', 'measurement-update', 'measurement-add']);
    expect(ours.map((a) => a.fields)).toEqual([[], [], []]);
  });

  const refused: [object, string, string][] = [
    [{ kind: 'weight', value: 72, unit: 'stone' }, 'unit', 'Weight is entered in kg or lb, not "stone".'],
    [{ kind: 'weight', value: -3 }, 'value', 'Weight cannot be negative.'],
    [
      { kind: 'weight', value: 720 },
      'value',
      'Weight of 720 kg is outside the plausible 1–500 kg; check the value and the unit.',
    ],
    [{ kind: 'weight', value: 72, date: '2026-02-30' }, 'date', 'This date does not exist.'],
    [{ kind: 'weight', value: 72, date: '15/03/2026' }, 'date', 'Use a date like 1985-04-23.'],
    [
      { kind: 'weight', value: 72, date: '2026-03-16' },
      'date',
      'The measurement date 2026-03-16 is after today (2026-03-15).',
    ],
    [{ kind: 'blood-pressure', value: 120 }, 'value2', 'Enter the diastolic value too.'],
    [
      { kind: 'blood-pressure', value: 80, value2: 120 },
      'value2',
      'The diastolic value must be below the systolic value.',
    ],
    [{ kind: 'weight', value: 72, value2: 3 }, 'value2', 'Only blood pressure has a second value.'],
    [{ kind: 'custom', value: 3, unit: 'kg' }, 'customName', 'Name the custom measurement.'],
    [
      { kind: 'custom', customName: 'Grip', value: 3 },
      'unit',
      'Give the custom measurement a unit (e.g. kg, cm, score).',
    ],
    [
      { kind: 'weight', customName: 'Mine', value: 72 },
      'customName',
      'Weight is a built-in kind; it takes no custom name.',
    ],
    [{ kind: 'glucose', value: 5 }, 'kind', 'Choose a measurement kind.'],
  ];
  it('refuses a bad unit, value, date or shape, naming the problem, and writes nothing', async () => {
    const { core, ana, list } = await setup();
    for (const [input, field, message] of refused) {
      const r = refusal(await core.dispatch('measures.add', { clientId: ana.id, date: '2026-03-01', ...input }));
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid-input', message });
      expect(r.fields?.[field]).toBe(message);
    }
    expect(await list()).toEqual([]);
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: ana.id, limit: 10 });
    expect(audit.filter((a) => a.entity === 'measurement')).toEqual([]);
  });

  it('a refused edit leaves the reading as it was', async () => {
    const { core, ana, add, list } = await setup();
    const m = await add({ kind: 'fasting-glucose', value: 99, unit: 'mg/dL', date: '2026-03-01' });
    const r = refusal(
      await core.dispatch('measures.update', {
        id: m.id,
        measurement: { clientId: ana.id, kind: 'fasting-glucose', value: 99, unit: 'mg', date: '2026-03-01' },
      }),
    );
    expect(r.message).toBe('Fasting glucose is entered in mmol/L or mg/dL, not "mg".');
    expect(await list()).toEqual([m]);
  });

  it('lists the kinds with their units, factor sources and cited reference ranges', async () => {
    const { core } = await setup();
    const kinds = await ok<MeasureKindInfo[]>(core, 'measures.kinds');
    const ldl = kinds.find((k) => k.kind === 'ldl-cholesterol')!;
    expect(ldl.units.map((u) => u.unit)).toEqual(['mmol/L', 'mg/dL']);
    expect(ldl.units[1]!.source).toMatch(/386\.65 g\/mol/);
    expect(ldl.ranges[0]).toMatchObject({
      text: 'below 100 mg/dL (2.6 mmol/L)',
      source: expect.stringMatching(/ATP III/),
    });
    expect(kinds.find((k) => k.kind === 'blood-pressure')?.pair).toEqual({ first: 'systolic', second: 'diastolic' });
  });

  it('erasing the client removes their measurements from the database', async () => {
    const { core, ana, add } = await setup();
    await add({ kind: 'weight', value: 70, date: '2026-03-01' });
    const { sqlite } = core.session.database();
    const count = () =>
      (sqlite.prepare('SELECT count(*) AS n FROM client_measurements WHERE client_id = ?').get(ana.id) as { n: number })
        .n;
    expect(count()).toBe(1);
    await ok(core, 'clients.delete', { id: ana.id });
    expect(count()).toBe(0);
    const r = refusal(await core.dispatch('measures.list', { clientId: ana.id }));
    expect(r.code).toBe('not-found');
  });
});
