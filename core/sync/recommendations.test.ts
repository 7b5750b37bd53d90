import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { Recommendation } from '../contract/rules.ts';
import type { Core } from '../app.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';

/**
 * Two computers that evaluate the rules for the same client while apart open the same
 * recommendations: with ids derived from client, rule and episode they are the same rows, so one
 * round of syncs leaves one copy of each on both, with no duplicate to close.
 */

const server = useSyncServer();

const all = async (core: Core, clientId: string) =>
  (await ok<Recommendation[]>(core, 'recommendations.list', { clientId, includeClosed: true }))
    .map((r) => ({ id: r.id, ruleId: r.ruleId, status: r.status }))
    .sort((x, y) => x.id.localeCompare(y.id));

describe('recommendations opened on two computers while apart', () => {
  it('are one row each after one round of syncs', async () => {
    const { a: desk, join } = await practice(server.current.url);
    const a = desk.core;
    const ana = await ok<Client>(a, 'clients.create', {
      name: 'Ana Example',
      sex: 'female',
      birthDate: '1990-01-01',
      heightCm: 165,
      weightKg: 60,
    });
    for (const [date, grams] of [
      ['2026-03-02', 250],
      ['2026-03-05', 400],
      ['2026-03-09', 90],
      ['2026-03-12', 300],
    ] as const)
      await ok(a, 'log.add', { kind: 'diet', clientId: ana.id, date, foodId: 'usda:09040', grams });
    await sync(a);
    const b = (await join('Laptop')).core;
    await sync(b);

    // Apart: the same profile change on both, so the same rules fire on both.
    const patch = { allergies: ['Peanut'], conditions: ['hypertension'], lifeStage: 'pregnant', lifeStageDetail: 2 };
    await ok(a, 'clients.update', { id: ana.id, patch });
    await ok(b, 'clients.update', { id: ana.id, patch });
    await ok(a, 'recommendations.evaluate', { clientId: ana.id });
    await ok(b, 'recommendations.evaluate', { clientId: ana.id });
    const openA = (await all(a, ana.id)).filter((r) => r.status === 'new');
    const openB = (await all(b, ana.id)).filter((r) => r.status === 'new');
    expect(openA.length).toBeGreaterThan(0);
    expect(openB).toEqual(openA); // the same ids, made apart

    await sync(a);
    await sync(b);
    await sync(a);
    const afterA = await all(a, ana.id);
    const afterB = await all(b, ana.id);
    expect(afterB).toEqual(afterA);
    expect(afterA.filter((r) => r.status === 'new')).toEqual(openA);
    // Nothing was opened twice and closed again: one row per rule and episode.
    expect(new Set(afterA.map((r) => r.ruleId)).size).toBe(afterA.length);
  }, 120_000);
});
