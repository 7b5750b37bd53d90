import path from 'node:path';
import type { Core } from '../../app.ts';
import type { MethodOutput } from '../../contract/index.ts';
import { localIsoDate } from '../../util/clock.ts';
import { writePrivateFile } from '../private-file.ts';
import { CliError, rpc } from '../rpc.ts';
import { commandArgs } from '../options.ts';
import { resolveClient } from './resolve.ts';

/**
 * `bioai plan list --client X [--json]` lists the client's meal plans (the newest version of each);
 * `bioai plan generate --client X [--days 7] [--start DATE] [--name N] [--json] [--out plan.pdf]` makes a
 * plan and fills it with the generator (`--plan ID` fills an existing one instead); `--out` writes the
 * handout PDF.
 */

export async function planList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client'], flags: ['json'] });
  if (!values.client) throw new CliError('plan list needs --client <id|name>.', 2);
  const client = await resolveClient(core, values.client);
  const plans = await rpc(core, 'plans.list', { clientId: client.id });
  if (values.json) {
    out(JSON.stringify(plans, null, 2));
    return;
  }
  if (plans.length === 0) {
    out(`${client.name} has no meal plans.`);
    return;
  }
  for (const p of plans) {
    const sent = p.sentAt === null ? '' : ` on ${new Date(p.sentAt).toISOString().slice(0, 10)}`;
    out(`${p.name}  ·  ${p.days} days from ${p.startDate}  ·  version ${p.version}, ${p.status}${sent}  ·  ${p.id}`);
  }
}

export async function planGenerate(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, {
    text: ['client', 'plan', 'days', 'start', 'name', 'out', 'job'],
    flags: ['json'],
  });
  if (!values.client && !values.plan) {
    throw new CliError('plan generate needs --client <id|name> (a new plan) or --plan <id> (an existing one).', 2);
  }
  let planId = values.plan;
  if (!planId) {
    const client = await resolveClient(core, values.client ?? '');
    const days = values.days === undefined ? 7 : Number(values.days);
    if (!Number.isInteger(days)) throw new CliError('--days must be a whole number of days (1 to 28).', 2);
    const start = values.start ?? localIsoDate(Date.now());
    const created = await rpc(core, 'plans.create', {
      clientId: client.id,
      name: values.name ?? `Plan from ${start}`,
      startDate: start,
      days,
    });
    planId = created.id;
  }
  const result = await rpc(core, 'plans.generate', { planId, jobId: values.job ?? `cli-${Date.now()}` });
  const plan = result.plan;
  if (values.out) {
    const file = await rpc(core, 'plans.export', { planId: plan.id });
    writePrivateFile(values.out, Buffer.from(file.dataBase64, 'base64'));
  }
  if (values.json) {
    out(JSON.stringify(planJson(result), null, 2));
    return;
  }
  out(
    `Filled "${plan.name}" (${plan.days} days from ${plan.startDate}): ${Math.round(result.inRange * 100)} % of day targets in range.`,
  );
  for (const u of result.unmet) out(`  not met: ${u.label} (days ${u.days.join(', ')}): ${u.reason}`);
  if (values.out) out(`Wrote the handout to ${path.resolve(values.out)}.`);
}

/** Every day's entries (food id and name, amount, grams, nutrients) and totals, for scripts. */
function planJson(result: MethodOutput<'plans.generate'>) {
  const plan = result.plan;
  return {
    planId: plan.id,
    name: plan.name,
    startDate: plan.startDate,
    inRange: result.inRange,
    unmet: result.unmet,
    days: plan.dayTotals.map((d) => ({
      day: d.day,
      date: d.date,
      entries: plan.entries
        .filter((e) => e.day === d.day)
        .map((e) => ({
          slot: e.slot,
          foodId: e.food.id,
          foodName: e.food.name,
          amount: e.food.amountLabel,
          grams: e.food.grams,
          alternativeTo: e.altOf,
          nutrients: e.nutrients,
        })),
      totals: d.totals,
    })),
  };
}
