import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanSummary } from '../../contract/plans.ts';
import type { TargetsView } from '../../contract/targets.ts';
import { coreWithClient } from '../../test-utils/clients.ts';
import { fixedClock, ok, tempDir } from '../../test-utils/core-harness.ts';
import { planGenerate, planList } from './plan.ts';
import { targetsList } from './targets.ts';

function capture(): { out: (s: string) => void; text: () => string } {
  const lines: string[] = [];
  return { out: (s) => lines.push(s), text: () => lines.join('\n') };
}

const setup = () => coreWithClient({ name: 'Plan Cli Client' }, { clock: fixedClock('2026-03-15T10:00:00Z') });

describe('bioai plan', () => {
  it('lists the newest version of each plan, as text and as JSON', async () => {
    const { core, client } = await setup();
    const empty = capture();
    await planList(core, ['--client', 'Plan Cli Client'], empty.out);
    expect(empty.text()).toBe('Plan Cli Client has no meal plans.');

    const plan = await ok<Plan>(core, 'plans.create', {
      clientId: client.id,
      name: 'Spring week',
      startDate: '2026-03-16',
      days: 7,
    });
    await ok(core, 'plans.send', { planId: plan.id });
    const v2 = await ok<Plan>(core, 'plans.update', { planId: plan.id, changes: { name: 'Spring week, v2' } });
    const json = capture();
    await planList(core, ['--client', client.id, '--json'], json.out);
    const listed = JSON.parse(json.text()) as PlanSummary[];
    expect(listed).toEqual(await ok<PlanSummary[]>(core, 'plans.list', { clientId: client.id }));
    expect(listed.map((p) => [p.id, p.version, p.status])).toEqual([[v2.id, 2, 'draft']]);
    const text = capture();
    await planList(core, ['--client', 'Plan Cli Client'], text.out);
    expect(text.text()).toBe(`Spring week, v2  ·  7 days from 2026-03-16  ·  version 2, draft  ·  ${v2.id}`);
  });

  it('generate makes a plan for the client, lists every entry and day total as JSON, and writes the handout', async () => {
    const { core, client } = await setup();
    const json = capture();
    const pdf = path.join(tempDir(), 'plan.pdf');
    await planGenerate(
      core,
      ['--client', 'Plan Cli Client', '--days', '2', '--start', '2026-03-16', '--json', '--out', pdf],
      json.out,
    );
    const r = JSON.parse(json.text()) as {
      planId: string;
      inRange: number;
      days: {
        day: number;
        date: string;
        entries: {
          foodId: string;
          foodName: string;
          amount: string;
          grams: number;
          nutrients: Record<string, number>;
        }[];
        totals: Record<string, number>;
      }[];
    };
    const stored = await ok<Plan>(core, 'plans.get', { planId: r.planId });
    expect(stored.clientId).toBe(client.id);
    expect(r.days.map((d) => [d.day, d.date])).toEqual([
      [1, '2026-03-16'],
      [2, '2026-03-17'],
    ]);
    for (const d of r.days) {
      expect(d.entries.length).toBeGreaterThanOrEqual(4);
      // The day's energy is the sum of its main entries' energy, as the plan stores it.
      const sum = d.entries.reduce((a, e) => a + (e.nutrients.energyKcal ?? 0), 0);
      expect(d.totals.energyKcal).toBeCloseTo(sum, 6);
      expect(d.totals).toEqual(stored.dayTotals.find((t) => t.day === d.day)?.totals);
    }
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.statSync(pdf).mode & 0o777).toBe(0o600);
    await expect(planGenerate(core, [], capture().out)).rejects.toThrow('plan generate needs --client');
    await expect(planList(core, [], capture().out)).rejects.toThrow('plan list needs --client <id|name>.');
  });

  it('targets --json gives each target with its min, max and kind, as the dashboard judges them', async () => {
    const { core, client } = await setup();
    const out = capture();
    await targetsList(core, ['--client', client.id, '--json'], out.out);
    const view = JSON.parse(out.text()) as TargetsView;
    expect(view.targets?.length).toBeGreaterThan(10);
    for (const t of view.targets ?? []) {
      expect(t).toHaveProperty('min');
      expect(t).toHaveProperty('max');
      expect(typeof t.kind).toBe('string');
    }
  });
});
