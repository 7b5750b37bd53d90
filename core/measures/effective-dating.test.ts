import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Measurement } from '../contract/measures.ts';
import type { TargetsView } from '../contract/targets.ts';
import { mifflinStJeorBmr } from '../targets/energy.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';

/**
 * Targets use the weight and height in force on each date: a weight recorded today (in the profile or
 * as a measurement) changes today's targets and leaves last month's as they were; the profile's weight
 * is always the latest reading.
 */

const PROFILE = {
  name: 'Ana Example',
  sex: 'female',
  birthDate: '1990-01-01',
  heightCm: 165,
  weightKg: 70,
  activityLevel: 'sedentary',
};

async function setup() {
  // The client is made on 1 February; "today" is 15 March.
  const clock = fixedClock('2026-02-01T10:00:00Z');
  const core = await unlockedCore({ clock });
  const ana = await ok<Client>(core, 'clients.create', PROFILE);
  clock.advance(42 * 86_400_000);
  const bmr = async (date: string) =>
    (await ok<TargetsView>(core, 'targets.get', { clientId: ana.id, asOf: date })).bmrKcal ?? Number.NaN;
  const weights = async () =>
    (await ok<Measurement[]>(core, 'measures.list', { clientId: ana.id, kind: 'weight' })).map((m) => [
      m.date,
      m.value,
    ]);
  const profileWeight = async () => (await ok<Client>(core, 'clients.get', { id: ana.id })).weightKg;
  return { core, clock, ana, bmr, weights, profileWeight };
}

// Mifflin-St Jeor for a woman of 36 (on the dates below), 165 cm: the BMR the targets rest on.
const msj = (kg: number) => mifflinStJeorBmr('female', kg, 165, 36);

describe('targets use the weight in force on each date', () => {
  it('a profile edit is a reading dated today: last month keeps its targets, today has the new ones', async () => {
    const { core, ana, bmr, weights, profileWeight } = await setup();
    const before = await bmr('2026-02-20');
    expect(before).toBeCloseTo(msj(70), 6);
    await ok(core, 'clients.update', { id: ana.id, patch: { weightKg: 66 } });
    // The old profile weight is kept as the reading of the day the client was made.
    expect(await weights()).toEqual([
      ['2026-03-15', 66],
      ['2026-02-01', 70],
    ]);
    expect(await bmr('2026-02-20')).toBe(before);
    expect(await bmr('2026-03-15')).toBeCloseTo(msj(66), 6);
    expect(await profileWeight()).toBe(66);
  });

  it('a measurement dated in between changes the days from its date only; the profile follows the latest', async () => {
    const { core, ana, bmr, weights, profileWeight } = await setup();
    const add = (value: number, date: string) =>
      ok<Measurement>(core, 'measures.add', { clientId: ana.id, kind: 'weight', value, date });
    const feb20 = await bmr('2026-02-20');
    const mar1 = await add(68, '2026-03-01');
    expect(await weights()).toEqual([
      ['2026-03-01', 68],
      ['2026-02-01', 70],
    ]);
    expect(await bmr('2026-02-20')).toBe(feb20);
    expect(await bmr('2026-02-28')).toBeCloseTo(msj(70), 6);
    expect(await bmr('2026-03-01')).toBeCloseTo(msj(68), 6);
    expect(await bmr('2026-03-15')).toBeCloseTo(msj(68), 6);
    expect(await profileWeight()).toBe(68);
    // An earlier-dated reading recorded later does not become the profile's value.
    await add(69, '2026-02-15');
    expect(await profileWeight()).toBe(68);
    expect(await bmr('2026-02-20')).toBeCloseTo(msj(69), 6);
    // Deleting the latest reading hands the profile back to the one before.
    await ok(core, 'measures.delete', { id: mar1.id });
    expect(await profileWeight()).toBe(69);
    expect(await bmr('2026-03-15')).toBeCloseTo(msj(69), 6);
  });

  it('the profile value becomes a reading once only: deleting every reading and adding one again adds no copy', async () => {
    const { core, ana, weights, profileWeight } = await setup();
    const first = await ok<Measurement>(core, 'measures.add', {
      clientId: ana.id,
      kind: 'weight',
      value: 68,
      date: '2026-03-01',
    });
    const kept = (await ok<Measurement[]>(core, 'measures.list', { clientId: ana.id, kind: 'weight' })).find(
      (m) => m.date === '2026-02-01',
    );
    for (const id of [first.id, kept!.id]) await ok(core, 'measures.delete', { id });
    expect(await weights()).toEqual([]);
    // As Undo does: the deleted reading is added again. The profile's value (68 by now) was a reading
    // once already, so it is not kept a second time as a reading of the day the client was made.
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'weight', value: 68, date: '2026-03-01' });
    expect(await weights()).toEqual([['2026-03-01', 68]]);
    expect(await profileWeight()).toBe(68);
  });

  it('a day before the first reading uses the first reading; height is dated the same way', async () => {
    const { core, ana, bmr } = await setup();
    await ok(core, 'clients.update', { id: ana.id, patch: { heightCm: 170 } });
    expect(await bmr('2026-01-15')).toBeCloseTo(msj(70), 6); // before the client was made: 165 cm, 70 kg
    expect(await bmr('2026-03-15')).toBeCloseTo(mifflinStJeorBmr('female', 70, 170, 36), 6);
  });
});
