import type { Core } from '../../app.ts';
import { TARGET_KEYS, type TargetKey, type TargetsView, type TargetValue } from '../../contract/targets.ts';
import { snakeCase } from '../../rules/variables.ts';
import { CliError, rpc } from '../rpc.ts';
import { dateArg, numberArg } from './profile-args.ts';
import { resolveClient } from './resolve.ts';
import { commandArgs } from '../options.ts';

/**
 * `bioai targets --client X [--date D] [--json]` lists the client's targets in force with their
 * citations; `bioai targets override --client X --nutrient sodium_mg --value 1500 [--note …] [--from D]`
 * sets one override, keeping the others in force that day (targets.set replaces the whole set).
 * Nutrients are named as in rules (snake_case, e.g. sodium_mg) or by their key (sodiumMg).
 */

const BY_NAME = new Map<string, TargetKey>(TARGET_KEYS.flatMap((k) => [[snakeCase(k), k] as const, [k, k] as const]));

export function nutrientKey(name: string): TargetKey {
  const key = BY_NAME.get(name.trim());
  if (key === undefined) {
    throw new CliError(`Unknown nutrient "${name}". Use one of: ${TARGET_KEYS.map(snakeCase).join(', ')}.`, 2);
  }
  return key;
}

/** 2,046 / 28.6 / 2.4 / 0.55: as many decimals as the size of the number warrants. */
export function amount(x: number, unit: string): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(x)} ${unit}`;
}

function range(t: TargetValue): string | null {
  if (t.min === null && t.max === null) return null;
  if (t.min === null) return `up to ${amount(t.max ?? 0, t.unit)}`;
  if (t.max === null) return `at least ${amount(t.min, t.unit)}`;
  return `${amount(t.min, '').trim()}–${amount(t.max, t.unit)}`;
}

/** One target as text: a headline, then its citation, computation, suggestion and notes. */
export function targetLines(t: TargetValue): string[] {
  const head = [`${t.label} (${snakeCase(t.key)}): ${amount(t.value, t.unit)}`];
  const r = range(t);
  if (r !== null) head.push(r);
  if (t.ul !== null) head.push(`UL ${amount(t.ul, t.unit)}`);
  if (t.overridden) head.push(`your value (computed ${amount(t.computedValue, t.unit)})`);
  if (t.kind === 'info') head.push('for information');
  if (!t.tracked) head.push('not tracked');
  const lines = [head.join('  ·  '), `  source: ${t.source}`];
  if (t.computedSource !== t.source && t.overridden) lines.push(`  computed: ${t.computedSource}`);
  if (t.suggestion) {
    lines.push(`  suggestion: ${amount(t.suggestion.value, t.unit)}. ${t.suggestion.reason} (${t.suggestion.source})`);
  }
  for (const n of t.notes) lines.push(`  note: ${n.text} (${n.source})`);
  return lines;
}

function missingError(name: string, view: TargetsView): CliError {
  return new CliError(
    `Targets cannot be computed for ${name}: the profile lacks ${view.missing.join(', ')}. Add them with "bioai clients edit".`,
  );
}

export async function targetsList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client', 'date'], flags: ['json'] });
  if (!values.client) throw new CliError('targets needs --client <id|name>.', 2);
  const asOf = values.date === undefined ? undefined : dateArg(values.date, 'date');
  const client = await resolveClient(core, values.client);
  const view = await rpc(core, 'targets.get', { clientId: client.id, ...(asOf ? { asOf } : {}) });
  if (values.json) {
    out(JSON.stringify(view, null, 2));
    return;
  }
  if (view.targets === null) throw missingError(client.name, view);
  const basis = [`Targets for ${client.name} on ${view.asOf}`];
  if (view.effectiveFrom) basis.push(`overrides in force since ${view.effectiveFrom}`);
  out(basis.join('; '));
  for (const t of view.targets) out(targetLines(t).join('\n'));
}

export async function targetsOverride(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client', 'nutrient', 'value', 'note', 'from'], flags: ['json'] });
  if (!values.client || !values.nutrient || values.value === undefined)
    throw new CliError('targets override needs --client, --nutrient (e.g. sodium_mg) and --value.', 2);
  const key = nutrientKey(values.nutrient);
  const value = numberArg(values.value, 'value');
  const from = values.from === undefined ? undefined : dateArg(values.from, 'from');
  const client = await resolveClient(core, values.client);
  // The overrides in force on that day stay; this one is added or replaced.
  const current = await rpc(core, 'targets.get', { clientId: client.id, ...(from ? { asOf: from } : {}) });
  const view = await rpc(core, 'targets.set', {
    clientId: client.id,
    overrides: { ...current.overrides, [key]: value },
    effectiveFrom: from ?? current.asOf,
    ...(values.note !== undefined ? { note: values.note } : {}),
  });
  if (values.json) {
    out(JSON.stringify(view, null, 2));
    return;
  }
  const t = view.targets?.find((x) => x.key === key);
  out(`Set ${snakeCase(key)} for ${client.name} to ${amount(value, t?.unit ?? '').trim()} from ${view.asOf}.`);
  if (t) out(targetLines(t).join('\n'));
}
