import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Food } from '../contract/foods.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';
import { createApplier, emptyOutcome } from './apply.ts';
import { generatePracticeKey } from './practice-key.ts';
import { HybridClock, formatHlc } from './protocol/hlc.ts';
import type { SyncRow } from './protocol/wire.ts';

/**
 * Computers of different versions share one server: a pulled row may carry a field this version does
 * not know (as custom_foods.plan_use reaches a computer of an earlier version) or a value it cannot
 * store. Neither may hold back the row: the unknown field is dropped, the bad value set aside.
 */
describe('a pulled custom food from another version', () => {
  it('is stored without a field this version does not know, and a plan setting that does not fit is set aside', async () => {
    const key = generatePracticeKey();
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const { sqlite } = core.session.database();
    const applier = createApplier(sqlite, key, new HybridClock(randomUUID(), null, clock.now), clock.now);
    const node = randomUUID();
    const row = (id: string, fields: Record<string, unknown>): SyncRow => ({
      table: 'custom_foods',
      id,
      fields,
      stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, formatHlc({ wall: 5, counter: 0, node })])),
      originDevice: node,
      seq: '1',
    });
    const newer = '0190aaaa-0000-7000-8000-0000000000f1';
    const faulty = '0190aaaa-0000-7000-8000-0000000000f2';
    const outcome = emptyOutcome();
    sqlite.transaction(() => {
      applier.applyRowSafely(
        row(newer, {
          source: 'custom',
          name: 'Clinic oat mix',
          nutrients: { energyKcal: 380 },
          created_at: 1,
          plan_use: { mealTypes: ['breakfast'], main: false, measure: null },
          serving_note: 'a field of a later version',
        }),
        outcome,
      );
      applier.applyRowSafely(
        row(faulty, {
          source: 'custom',
          name: 'Seed bar',
          nutrients: { energyKcal: 450 },
          created_at: 1,
          plan_use: { mealTypes: ['brunch'], main: 'yes', measure: null },
        }),
        outcome,
      );
    })();
    expect((await ok<Food>(core, 'foods.get', { id: newer })).planUse).toEqual({
      mealTypes: ['breakfast'],
      main: false,
      measure: null,
    });
    expect((await ok<Food>(core, 'foods.get', { id: faulty })).planUse).toBeNull();
    expect(outcome.invalid.map((p) => [p.id, p.field])).toEqual([[faulty, 'plan_use']]);
  });
});
