import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { VARIABLE_GROUPS, VARIABLES, type VariableGroup } from '../core/rules/variables.ts';

/**
 * Regenerates the variable tables of rules/README.md from core/rules/variables.ts (the one source
 * of truth), between the `<!-- variables:start -->` and `<!-- variables:end -->` markers.
 *   node scripts/rules-doc.ts          rewrite the README
 *   node scripts/rules-doc.ts --check  exit 1 when the README is out of date
 * rules/pack.test.ts runs the check, so a variable added without the docs fails the tests.
 */

export const README = fileURLToPath(new URL('../rules/README.md', import.meta.url));
const START = '<!-- variables:start -->';
const END = '<!-- variables:end -->';

const HEADINGS: Record<VariableGroup, string> = {
  features: '### features.* — computed from the client’s logs',
  targets: '### targets.* — the client’s targets in force today',
  limits: '### limits.* — Tolerable Upper Intake Levels for the client’s life stage',
  client: '### client.* — the client profile',
  forecast: '### forecast.* — the intake model on the most recent logged day',
  measures: '### measures.* — the client’s recorded measurements as of the evaluation date',
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function variablesMarkdown(): string {
  const parts: string[] = [];
  for (const group of VARIABLE_GROUPS) {
    parts.push(HEADINGS[group], '', '| Variable | Type | Unit | Meaning |', '| --- | --- | --- | --- |');
    for (const v of VARIABLES.filter((x) => x.group === group)) {
      parts.push(`| \`${v.group}.${v.name}\` | ${v.type} | ${cell(v.unit) || '—'} | ${cell(v.description)} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

/** The README text with the generated section replaced, formatted as `prettier --check` expects. */
export async function withVariables(readme: string): Promise<string> {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a === -1 || b === -1 || b < a) throw new Error(`rules/README.md needs the ${START} and ${END} markers.`);
  const text = `${readme.slice(0, a + START.length)}\n\n${variablesMarkdown()}\n${readme.slice(b)}`;
  const options = (await resolveConfig(README)) ?? {};
  return format(text, { ...options, filepath: README });
}

async function main(argv: string[]): Promise<number> {
  const current = readFileSync(README, 'utf8');
  const next = await withVariables(current);
  if (argv.includes('--check')) {
    if (current === next) return 0;
    process.stderr.write('rules/README.md is out of date: run node scripts/rules-doc.ts\n');
    return 1;
  }
  if (current !== next) writeFileSync(README, next);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
