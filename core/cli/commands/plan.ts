import type { Core } from '../../app.ts';
import { CliError, rpc } from '../rpc.ts';
import { commandArgs } from '../options.ts';
import { resolveClient } from './resolve.ts';

/**
 * `bioai plan list --client X [--json]` lists the client's meal plans (the newest version of each);
 * `bioai plan generate --plan ID` fills a plan with the generator, and says so plainly when this build
 * has none.
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
  const { values } = commandArgs(args, { text: ['plan', 'job'], flags: ['json'] });
  if (!values.plan) throw new CliError('plan generate needs --plan <id> (see "bioai plan list").', 2);
  const result = await rpc(core, 'plans.generate', {
    planId: values.plan,
    jobId: values.job ?? `cli-${Date.now()}`,
  });
  if (values.json) {
    out(JSON.stringify(result, null, 2));
    return;
  }
  out(`Filled "${result.plan.name}": ${Math.round(result.inRange * 100)} % of day targets in range.`);
  for (const u of result.unmet) out(`  not met: ${u.label} (days ${u.days.join(', ')}): ${u.reason}`);
}
