import { describe, expect, it } from 'vitest';
import type { ClientDataKind } from './changes.ts';
import { ClientFields } from './contract/clients.ts';
import { EntryInput } from './contract/log.ts';
import { PlanEntryInput, PlanInput } from './contract/plans.ts';
import { unlockedCore } from './test-utils/core-harness.ts';
import { servicesOf } from './test-utils/services.ts';

/**
 * Every service that writes a client's data says so on the change feed, once per write, naming the
 * client and the part of the record; reads, refused writes and writes that change nothing say nothing.
 * Recommendations listen to the feed (core/rules/recommendations-service.test.ts), so a write path
 * that forgets to say it leaves stale recommendations: this is the test that notices.
 */
describe('the change feed', () => {
  it('hears every write to a client, once, with what changed', async () => {
    const s = servicesOf(await unlockedCore());
    const heard: [string, ClientDataKind][] = [];
    s.changes.onClientDataChanged((clientId, what) => heard.push([clientId, what]));
    const said = (): [string, ClientDataKind][] => heard.splice(0);

    const client = s.clients.create(ClientFields.parse({ name: 'Feed Client', weightKg: 70, heightCm: 170 }));
    expect(said()).toEqual([]); // a new client has no data to derive anything from yet

    s.clients.update(client.id, { weightKg: 68 });
    expect(said()).toEqual([[client.id, 'profile']]);
    s.clients.update(client.id, { weightKg: 68 });
    expect(said()).toEqual([]); // nothing changed

    s.targets.set({ clientId: client.id, overrides: { fibreG: 30 }, effectiveFrom: '2026-03-01' });
    expect(said()).toEqual([[client.id, 'targets']]);

    const entry = (date: string, grams = 250, foodId = 'usda:01077') =>
      EntryInput.parse({ kind: 'diet', clientId: client.id, date, foodId, grams });
    const added = s.log.add(entry('2026-03-10'));
    expect(said()).toEqual([[client.id, 'log']]);
    s.log.update(added.entry.id, entry('2026-03-10', 200));
    s.log.remove(added.entry.id);
    s.log.restore(added.entry.id);
    s.log.copyDay(client.id, '2026-03-10', '2026-03-11', ['diet'], null);
    expect(said()).toEqual([
      [client.id, 'log'],
      [client.id, 'log'],
      [client.id, 'log'],
      [client.id, 'log'],
    ]);
    const imported = s.log.importEntries([{ row: 2, input: entry('2026-03-12') }], null);
    expect(imported.errors).toEqual([]);
    expect(said()).toEqual([[client.id, 'log']]);

    const plan = s.plans.create(
      PlanInput.parse({ clientId: client.id, name: 'Plan', startDate: '2026-03-16', days: 7 }),
    );
    const withEntry = s.plans.addEntry(
      PlanEntryInput.parse({ planId: plan.id, day: 1, slot: 'lunch', foodId: 'usda:01077', grams: 200 }),
    );
    const entryId = withEntry.entries[0]?.id ?? '';
    s.plans.updateEntry(entryId, { grams: 250 });
    s.plans.setNote(plan.id, { day: 1, slot: null, text: 'Note' });
    s.plans.copyDay(plan.id, 1, 2);
    s.plans.send(plan.id);
    const v2 = s.plans.removeEntry(entryId);
    s.plans.remove(v2.id);
    expect(said()).toEqual(Array.from({ length: 8 }, () => [client.id, 'plans']));

    // Reads and refused writes say nothing.
    s.log.list(client.id, '2026-03-01', '2026-03-31');
    s.plans.list(client.id);
    expect(() => s.plans.get(plan.id)).toThrow();
    expect(() =>
      s.plans.addEntry(PlanEntryInput.parse({ planId: plan.id, day: 1, slot: 'x', foodId: 'usda:01077', grams: 1 })),
    ).toThrow();
    s.targets.get(client.id, '2026-03-15');
    expect(() => s.log.add(entry('2026-03-10', 250, 'usda:99999'))).toThrow();
    const refused = s.log.importEntries([{ row: 2, input: entry('2026-03-12', 250, 'usda:99999') }], null);
    expect(refused.imported).toBe(0);
    expect(said()).toEqual([]);
  });
});
