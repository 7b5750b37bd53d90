import { describe, expect, it } from 'vitest';
import type { TargetsView, TargetValue } from '../contract/targets.ts';
import { coreWithClient, HILDA } from '../test-utils/clients.ts';
import { ok } from '../test-utils/core-harness.ts';

const find = (v: TargetsView, key: TargetValue['key']): TargetValue | undefined =>
  v.targets?.find((t) => t.key === key);

describe('targets service: the profile and the override row in force', () => {
  it('reads goal, diet and conditions from the profile', async () => {
    const { core, client: c } = await coreWithClient(HILDA);
    const view = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-01' });
    expect(find(view, 'sodiumMg')?.suggestion?.value).toBe(1500);
    await ok(core, 'clients.update', { id: c.id, patch: { goal: 'sport', dietPattern: 'vegan' } });
    const sport = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-01' });
    expect(find(sport, 'proteinG')?.value).toBeCloseTo(1.6 * 74, 9);
    expect(find(sport, 'ironMg')?.value).toBeCloseTo(8 * 1.8, 9); // woman 55 y: RDA 8 mg
  });

  it("sodium overridden to 1,500 mg with a note: the practitioner's value, the note and its date; NASEM stays the computed source", async () => {
    const { core, client: c } = await coreWithClient(HILDA);
    const note = 'Applied suggestion: AHA/ACC 2017 guideline (Whelton 2018)';
    await ok(core, 'targets.set', {
      clientId: c.id,
      overrides: { sodiumMg: 1500 },
      effectiveFrom: '2026-03-10',
      note,
    });
    const view = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-15' });
    const na = find(view, 'sodiumMg');
    expect(na).toMatchObject({ value: 1500, overridden: true, overrideNote: note, computedValue: 2300 });
    expect(na?.source).toContain('set by the practitioner, in force from 2026-03-10');
    expect(na?.source).toContain(note);
    expect(na?.source).not.toContain('NASEM');
    expect(na?.computedSource).toContain('NASEM 2019');
    expect(na?.suggestion).toBeNull(); // applied

    // Before the override took effect the computed value applies, with its citation and the suggestion.
    const before = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-09' });
    expect(find(before, 'sodiumMg')).toMatchObject({ value: 2300, overridden: false, overrideNote: null });
    expect(find(before, 'sodiumMg')?.source).toContain('NASEM 2019');
    expect(find(before, 'sodiumMg')?.suggestion?.value).toBe(1500);

    // A later row without a note is the one in force, and says no note was given.
    await ok(core, 'targets.set', { clientId: c.id, overrides: { sodiumMg: 1800 }, effectiveFrom: '2026-03-20' });
    const later = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-21' });
    expect(find(later, 'sodiumMg')).toMatchObject({ value: 1800, overrideNote: null });
    expect(find(later, 'sodiumMg')?.source).toContain('in force from 2026-03-20). No note was given.');
    expect(find(later, 'sodiumMg')?.suggestion?.value).toBe(1500);
  });
});
