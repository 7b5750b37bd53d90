import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import type { RuleDef, Variables } from './types.ts';
import { celDeclarations, findVariable, VARIABLE_GROUPS } from './variables.ts';

/**
 * Evaluating conditions. The same functions run in the engine's worker (which owns the watchdog:
 * cel-js has no time limit of its own) and in the pack tests. Each
 * condition is parsed once and the compiled function reused (~1 M evaluations/s).
 */

let shared: Environment | null = null;

/** The environment with every declared variable (variables.ts); built once per process. */
export function celEnvironment(): Environment {
  if (shared) return shared;
  const env = new Environment({ unlistedVariablesAreDyn: false });
  for (const d of celDeclarations()) env.registerVariable(d);
  shared = env;
  return env;
}

const compiled = new Map<string, ParseResult>();

/** The parsed condition, parsed on first use and reused after (exported for the tests). */
export function compile(when: string): ParseResult {
  let fn = compiled.get(when);
  if (!fn) {
    fn = celEnvironment().parse(when);
    compiled.set(when, fn);
  }
  return fn;
}

const GROUPS = new Set<string>(VARIABLE_GROUPS);

/** The declared variables a condition reads, in order of appearance (walks the cel-js AST). */
export function readsOf(when: string): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    const n = node as ASTNode;
    if (n.op === '.' || n.op === '.?') {
      const [target, field] = n.args;
      if (target.op === 'id' && GROUPS.has(target.args)) {
        out.add(`${target.args}.${field}`);
        return;
      }
    }
    visit(n.args);
  };
  visit(compile(when).ast);
  return [...out];
}

type Value = string | number | boolean | string[] | null;

/** The value of 'features.x' in the variables; undefined when the engine did not provide it. */
export function valueOf(variables: Variables, qualified: string): Value | undefined {
  const dot = qualified.indexOf('.');
  const group = qualified.slice(0, dot) as keyof Variables;
  const record = variables[group] as Record<string, Value> | undefined;
  return record?.[qualified.slice(dot + 1)];
}

/** Every variable the rule reads with the client's value ("see why"; Recommendation.values). */
export function readValues(rule: Pick<RuleDef, 'reads'>, variables: Variables): Record<string, Value> {
  return Object.fromEntries(rule.reads.map((r) => [r, valueOf(variables, r) ?? null]));
}

export type RuleOutcome =
  | { status: 'fired' }
  | { status: 'not-fired' }
  /** A variable the condition reads is null: "not enough data"; the rule does not fire. */
  | { status: 'insufficient-data'; missing: string[] }
  | { status: 'error'; message: string };

/**
 * Evaluates the condition. Null inputs are checked first, so a missing feature never reaches CEL
 * (where a null double is a type error) and never reads as zero.
 */
export function evaluateRule(rule: Pick<RuleDef, 'when' | 'reads'>, variables: Variables): RuleOutcome {
  const missing: string[] = [];
  for (const r of rule.reads) {
    const v = valueOf(variables, r);
    if (v === undefined) return { status: 'error', message: `The variable ${r} was not provided.` };
    if (v === null) missing.push(r);
  }
  if (missing.length > 0) return { status: 'insufficient-data', missing };
  try {
    const result: unknown = compile(rule.when)(variables);
    if (typeof result !== 'boolean') return { status: 'error', message: `The condition gave ${typeof result}.` };
    return { status: result ? 'fired' : 'not-fired' };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
}

const THOUSANDS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const TWO_DECIMALS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * A value as shown in a message. Units are not added (the rule text writes them), except that a
 * 'ratio' becomes a whole percentage ("{{features.fibre_g_7d_ratio}}% of target" → "62% of target").
 * Precision follows the size of the number: whole numbers from 100 up ("2,450", "1,180"), one
 * decimal below (7.4 h, 0.8 g/kg, 2.4 µg).
 */
export function formatValue(qualified: string, value: Value | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  if (findVariable(qualified)?.unit === 'ratio') return THOUSANDS.format(value * 100);
  // The same precision as the app's screens (renderer/src/lib/format.ts sensibleDecimals): whole numbers
  // from 10, one decimal from 1, two below; so a card and the dashboard print the same figure.
  const abs = Math.abs(value);
  return abs >= 10 ? THOUSANDS.format(value) : abs >= 1 ? ONE_DECIMAL.format(value) : TWO_DECIMALS.format(value);
}

export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fills {{features.x}} / {{targets.y}} / {{client.z}} placeholders. */
export function renderMessage(template: string, variables: Variables): string {
  return template.replace(PLACEHOLDER, (_, name: string) => formatValue(name, valueOf(variables, name)));
}
