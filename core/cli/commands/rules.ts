import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { loadRuleDir } from '../../rules/loader.ts';
import { defaultBuiltinRulesDir } from '../../rules/rules-service.ts';
import { findVariable } from '../../rules/variables.ts';
import { CliError, rpc } from '../rpc.ts';
import { resolveClient } from './resolve.ts';
import { commandArgs } from '../options.ts';

/**
 * `bioai rules check [dir]`: checks every rule file of a folder (default: the built-in pack) and
 * prints each problem as file:line:column: message with the offending line and a caret, like a
 * compiler, so editors and CI can jump to it. Exit code 1 when any rule is invalid.
 */
export async function rulesCheck(args: string[], out: (s: string) => void): Promise<number> {
  const { positionals } = commandArgs(args, { positionals: true });
  if (positionals.length > 1) throw new CliError('rules check takes at most one folder: bioai rules check [dir]', 2);
  const dir = path.resolve(positionals[0] ?? defaultBuiltinRulesDir());
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CliError(`There is no rules folder at ${dir}.`, 2);
  const { rules, errors } = loadRuleDir(dir, 'user');
  for (const e of errors) {
    const rel = path.relative(process.cwd(), e.file);
    const file = rel && !rel.startsWith('..') ? rel : e.file;
    out(`${file}:${e.line}:${e.column}: ${e.message}`);
    if (e.excerpt) out(e.excerpt.replace(/^/gm, '    '));
  }
  const ok = `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'} OK`;
  if (errors.length === 0) {
    out(ok);
    return 0;
  }
  const files = new Set(errors.map((e) => e.file)).size;
  out(
    `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}; ${ok}.`,
  );
  return 1;
}

function showValue(name: string, value: unknown): string {
  if (value === null) return 'unknown';
  if (typeof value === 'number') {
    const unit = findVariable(name)?.unit ?? '';
    const n = Math.round(value * 100) / 100;
    return `${n.toLocaleString('en-US')}${unit && unit !== 'ratio' ? ` ${unit}` : unit === 'ratio' ? ' (ratio)' : ''}`;
  }
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/**
 * `bioai rules run --client <id|name> [--json]`: evaluates the rules for a client through the
 * contract (exactly what the app does after a log change) and prints the open recommendations with
 * the condition and the values that made it true.
 */
export async function rulesRun(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client'], flags: ['json'] });
  if (!values.client) throw new CliError('rules run needs --client <id or name>.', 2);
  const client = await resolveClient(core, values.client);
  const evaluation = await rpc(core, 'recommendations.evaluate', { clientId: client.id });
  const list = await rpc(core, 'recommendations.list', { clientId: client.id, includeClosed: false });
  if (values.json) {
    out(JSON.stringify({ client, evaluation, recommendations: list }, null, 2));
    return;
  }
  out(
    `${client.name}: ${evaluation.created} new, ${evaluation.active} open ${evaluation.active === 1 ? 'recommendation' : 'recommendations'}.`,
  );
  for (const e of evaluation.errors) out(`  rule ${e.ruleId} failed: ${e.message}`);
  for (const r of list) {
    out('');
    out(`[${r.severity.toUpperCase()}] ${r.title} (${r.ruleId}, ${r.status}, confidence ${r.confidence.toFixed(2)})`);
    out(`  ${r.message}`);
    out(`  Because: ${r.condition.trim().replace(/\s+/g, ' ')}`);
    for (const [name, v] of Object.entries(r.values)) out(`    ${name} = ${showValue(name, v)}`);
    if (r.suggestions.length) out(`  Suggestions: ${r.suggestions.map((s) => s.text).join('; ')}`);
    for (const g of r.guardrails) out(`  Note: ${g}`);
  }
}
