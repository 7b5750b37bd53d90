import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Scalar, type YAMLError } from 'yaml';
import { findDiagnosticClaim } from './claims.ts';
import { celEnvironment, PLACEHOLDER, readsOf } from './evaluate.ts';
import { readRuleFile, type DraftWithNodes, type SchemaIssue } from './rule-schema.ts';
import { didYouMean, positionAt, scalarOffsets } from './source-map.ts';
import type { RuleDef, RuleError } from './types.ts';
import { findVariable, UPPER_LIMITED, VARIABLE_GROUPS, variableNames } from './variables.ts';

/**
 * Rule files → RuleDefs (rules/README.md has the format). Every problem becomes a RuleError with
 * the file, line and column and an excerpt with a caret — including CEL errors, which are mapped
 * from their offset inside the `when` text to the file position — and a broken file or rule never
 * stops the others.
 */

export interface LoadResult {
  rules: RuleDef[];
  errors: RuleError[];
}

type Origin = RuleDef['origin'];

/** Friendlier words for the YAML errors a hand-edited file meets most (yaml 2.x error codes). */
const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: 'the indentation is wrong here',
  BLOCK_AS_IMPLICIT_KEY: 'a "key: value" line is indented under a value: check the indentation',
  MULTILINE_IMPLICIT_KEY: 'a key must be on one line: check the indentation or a missing colon',
  DUPLICATE_KEY: 'this field is given twice',
  MISSING_CHAR: 'a closing character is missing',
  TAB_AS_INDENT: 'use spaces, not tabs, to indent',
  UNEXPECTED_TOKEN: 'unexpected text here',
  BAD_DQ_ESCAPE: 'invalid escape in a double-quoted string',
};

function yamlMessage(e: YAMLError, text: string): string {
  if (e.code === 'UNEXPECTED_TOKEN') {
    const leftover = leftoverText(text, e.pos[0]);
    if (leftover) return leftover;
  }
  const first = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
  const hint = YAML_HINTS[e.code];
  return hint ? `YAML: ${hint} (${first})` : `YAML: ${first}`;
}

/** The rest of the line from `offset`, cut to a readable length. */
function restOfLine(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  const rest = text.slice(offset, end === -1 ? text.length : end).trimEnd();
  return rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
}

/**
 * Text left over after a complete value, the commonest YAML mistake in a condition: a value that
 * starts with a quote is read as quoted text up to the next quote of the same kind, and what follows
 * cannot be placed. Says what was read and what is left over.
 */
function leftoverText(text: string, offset: number): string | null {
  const rest = restOfLine(text, offset);
  if (rest === '') return null;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = /^\s*(?:-\s+)?([\w-]+):\s*((["']).*)$/.exec(text.slice(lineStart, offset).trimEnd());
  if (!before?.[2]) return `YAML: unexpected text "${rest}" after the value on this line`;
  const quote = before[3] === '"' ? 'double' : 'single';
  const other = before[3] === '"' ? "single quotes ('…')" : 'double quotes ("…")';
  return (
    `YAML: ${before[1]} starts with a ${quote} quote, so YAML reads ${before[2]} as its whole value and ` +
    `"${rest}" is left over: put the whole value in ${other}, or on its own line under "${before[1]}: |"`
  );
}

/**
 * A `when:` condition on one line, wrapped whole in quotes that also appear inside it
 * (`when: "client.sex == "female""`): YAML stops at the inner quote, but the intent is plain. When
 * the inner text holds no quote of the other kind (and no backslash, which double quotes would read as
 * an escape), the outer quotes are swapped for the other kind, a same-length change that keeps every
 * line and column, and the file is read again.
 */
function requoteConditions(text: string): string | null {
  let changed = false;
  const out = text.replace(
    /^([ \t]*(?:-[ \t]+)?when:[ \t]+)(["'])(.*)\2([ \t]*(?:#.*)?)$/gm,
    (line, key, q, inner, tail) => {
      const other = q === '"' ? "'" : '"';
      if (!inner.includes(q) || inner.includes(other) || inner.includes('\\')) return line;
      changed = true;
      return `${key}${other}${inner}${other}${tail}`;
    },
  );
  return changed ? out : null;
}

interface CelErrorLike {
  name?: string;
  code?: string;
  summary?: string;
  message?: string;
  range?: { start: number; end: number };
  node?: { op?: string; args?: unknown };
}

const BINARY = new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in']);
const NAMES = variableNames();

/** Message and offset (inside the condition) for a cel-js parse or type error. */
function celProblem(e: CelErrorLike, when: string): { offset: number; message: string } {
  const start = e.range?.start ?? 0;
  const summary = e.summary ?? e.message?.split('\n')[0] ?? 'invalid condition';
  const path = /^[A-Za-z_][\w.]*/.exec(when.slice(start))?.[0] ?? '';
  if (e.code === 'unknown_variable') {
    const hint = path.includes('.') ? didYouMean(path, NAMES) : didYouMean(path, VARIABLE_GROUPS);
    return {
      offset: start,
      message: hint
        ? `unknown field '${path}' (did you mean '${hint}'?)`
        : `unknown field '${path}': conditions read features.*, targets.* and client.* (rules/README.md lists them)`,
    };
  }
  if (e.code === 'no_such_key') {
    const group = /([A-Za-z_]\w*)\s*\.\s*$/.exec(when.slice(0, start))?.[1] ?? '';
    const full = `${group}.${path}`;
    const hint = didYouMean(
      full,
      NAMES.filter((n) => n.startsWith(`${group}.`)),
    );
    return {
      offset: start,
      message: `unknown field '${full}'${hint ? ` (did you mean '${hint}'?)` : ` (rules/README.md lists the ${group}.* fields)`}`,
    };
  }
  if (e.code === 'no_such_overload') {
    const sig = summary.replace(/^no such overload:\s*/, '');
    let offset = start;
    const node = e.node;
    if (node?.op && BINARY.has(node.op) && Array.isArray(node.args)) {
      const left = node.args[0] as { range?: { end: number } } | undefined;
      const at = when.indexOf(node.op, left?.range?.end ?? start);
      if (at >= 0) offset = at;
    }
    let hint = '';
    if (/\bstring\b/.test(sig) && /\b(double|int)\b/.test(sig)) {
      hint = ': text values (client.sex, client.diet_pattern…) compare with quoted text, numbers with numbers';
    } else if (/\bint\b/.test(sig) && /\bdouble\b/.test(sig)) {
      hint = ': in arithmetic write decimals (2.0, not 2) — CEL does not mix whole numbers and decimals';
    }
    return { offset, message: `type mismatch: '${sig}' is not allowed${hint}` };
  }
  if (e.name === 'ParseError' || /unexpected|unterminated|expected/i.test(summary)) {
    if (/EOF/.test(summary)) return { offset: start, message: 'syntax error: the condition ends too early' };
    const token = when.slice(start, Math.max(start + 1, e.range?.end ?? start + 1));
    const what = /^Unexpected token/.test(summary) ? `unexpected '${token}'` : summary.toLowerCase();
    return { offset: start, message: `syntax error: ${what}` };
  }
  return { offset: start, message: summary };
}

export interface LoadOptions {
  /** Rule ids already loaded (id → file), for the duplicate check across files. Updated in place. */
  known?: Map<string, string>;
}

/**
 * The largest rule file read, in bytes (and characters of text). The built-in pack's largest file is
 * under 4 KB; a folder of a few dozen rules fits many times over.
 */
export const MAX_RULE_FILE_BYTES = 256 * 1024;

function tooLargeError(file: string, size: number): RuleError {
  return {
    file,
    line: 1,
    column: 1,
    message: `the file is ${size.toLocaleString('en-US')} bytes; a rule file may be at most ${MAX_RULE_FILE_BYTES.toLocaleString('en-US')} bytes (split it into several files)`,
    excerpt: '',
    ruleId: null,
  };
}

/** One rule file's text → its rules and errors. */
export function loadRuleText(text: string, file: string, origin: Origin, options: LoadOptions = {}): LoadResult {
  if (text.length > MAX_RULE_FILE_BYTES) return { rules: [], errors: [tooLargeError(file, text.length)] };
  const lines = new LineCounter();
  const errors: RuleError[] = [];
  const report = (offset: number, message: string, ruleId: string | null): void => {
    errors.push({ file, ...positionAt(text, lines, offset), message, ruleId });
  };
  let doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // What the checks below read: the text, or its same-length repair (excerpts still show the text).
  let source = text;
  if (doc.errors.length > 0) {
    const requoted = requoteConditions(text);
    const retry = requoted === null ? null : parseDocument(requoted, { prettyErrors: false, uniqueKeys: true });
    if (requoted !== null && retry !== null && retry.errors.length === 0) {
      doc = retry;
      source = requoted;
    }
  }
  if (doc.errors.length > 0) {
    const seen = new Set<number>();
    for (const e of doc.errors) {
      if (seen.has(e.pos[0])) continue;
      seen.add(e.pos[0]);
      report(e.pos[0], yamlMessage(e, text), null);
    }
    return { rules: [], errors };
  }
  const issues: SchemaIssue[] = [];
  const drafts = readRuleFile(doc.contents, issues);
  for (const i of issues) report(i.offset, i.message, i.ruleId);

  const known = options.known ?? new Map<string, string>();
  const rules: RuleDef[] = [];
  for (const d of drafts) {
    const before = errors.length;
    const id = d.rule.id === '' ? null : d.rule.id;
    if (d.whenNode) checkCondition(source, d.whenNode, (o, m) => report(o, m, id));
    if (d.whenNode) checkUpperLimits(source, d.whenNode, (o, m) => report(o, m, id));
    checkClientWording(source, d, (o, m) => report(o, m, id));
    checkTexts(source, d, (o, m) => report(o, m, id));
    const prior = id === null ? undefined : known.get(id);
    if (prior !== undefined) {
      const where = prior === file ? 'earlier in this file' : `in ${prior}`;
      report(d.idNode?.range?.[0] ?? 0, `duplicate rule id '${id}' (already defined ${where})`, id);
    }
    if (!d.valid || !d.whenNode || id === null || errors.length > before) continue;
    known.set(id, file);
    const when = String(d.whenNode.value);
    rules.push({ ...d.rule, when, file, origin, reads: readsOf(when) });
  }
  return { rules, errors };
}

type Report = (offset: number, message: string) => void;

function checkCondition(text: string, whenNode: Scalar, report: Report): void {
  const when = String(whenNode.value);
  const offsets = scalarOffsets(text, whenNode);
  const fileOffset = (i: number): number => offsets[Math.max(0, Math.min(i, offsets.length - 1))] ?? 0;
  let result;
  try {
    result = celEnvironment().check(when);
  } catch (e) {
    const p = celProblem(e as CelErrorLike, when);
    report(fileOffset(p.offset), p.message);
    return;
  }
  if (!result.valid) {
    const p = celProblem((result.error ?? {}) as CelErrorLike, when);
    report(fileOffset(p.offset), p.message);
  } else if (result.type !== 'bool') {
    const first = when.search(/\S/);
    const quoted = result.type === 'string' && /^\s*(["']).*\1\s*$/s.test(when);
    report(
      fileOffset(Math.max(0, first)),
      `the condition must be true or false, but it is a ${result.type}` +
        (quoted ? ': the quotes make it text, so write it without them here' : ''),
    );
  }
}

/**
 * A condition that scales a target by a factor above 1 can ask for more than the Tolerable Upper
 * Intake Level: 1.8 × the 27 mg pregnancy iron RDA is 48.6 mg, above the 45 mg UL (IOM 2001). Such
 * arithmetic must be guarded by the client's UL (limits.*), e.g.
 * `features.iron_mg_7d_mean < (1.8 * targets.iron_mg < limits.iron_mg ? 1.8 * targets.iron_mg : limits.iron_mg)`.
 */
function checkUpperLimits(text: string, whenNode: Scalar, report: Report): void {
  const when = String(whenNode.value);
  const offsets = scalarOffsets(text, whenNode);
  const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
  const scaled = new RegExp(
    String.raw`${NUMBER}\s*\*\s*targets\.(\w+)|targets\.(\w+)\s*\*\s*${NUMBER}|targets\.(\w+)\s*/\s*${NUMBER}`,
    'g',
  );
  for (const m of when.matchAll(scaled)) {
    const name = m[2] ?? m[3] ?? m[5] ?? '';
    const factor = m[1] !== undefined ? Number(m[1]) : m[4] !== undefined ? Number(m[4]) : 1 / Number(m[6]);
    if (!(factor > 1) || !UPPER_LIMITED.has(name) || new RegExp(String.raw`\blimits\.${name}\b`).test(when)) continue;
    report(
      offsets[m.index ?? 0] ?? whenNode.range?.[0] ?? 0,
      `targets.${name} × ${Math.round(factor * 100) / 100} can exceed the client's Tolerable Upper Intake Level ` +
        `(e.g. 1.8 × the 27 mg iron RDA in pregnancy is 48.6 mg, above the 45 mg UL): compare with limits.${name} too, ` +
        `e.g. (X < limits.${name} ? X : limits.${name})`,
    );
  }
}

/** Words meant for the practitioner that must not reach a client's own report. */
export const PRACTITIONER_TERMS: readonly RegExp[] = [
  /\bthe client\b/i,
  /\bclient's\b/i,
  /\bgoldberg\b/i,
  /\bBMR\b/,
  /\bcut-?off\b/i,
  /\bCDRR\b/,
  /\bRDA\b/,
  /\bAMDR\b/,
  /\bunder-?report/i,
  /\bpractitioner\b/i,
];

/** client_message is read by the client: none of the practitioner's terms. */
function checkClientWording(text: string, d: DraftWithNodes, report: Report): void {
  for (const { field, node } of d.texts) {
    if (field !== 'client_message') continue;
    const value = String(node.value);
    const offsets = scalarOffsets(text, node);
    for (const term of PRACTITIONER_TERMS) {
      const m = term.exec(value);
      if (m) {
        report(
          offsets[m.index] ?? node.range?.[0] ?? 0,
          `client_message is printed in the client's own report: write "${m[0]}" in the client's words (it is a practitioner term)`,
        );
      }
    }
  }
}

/** Placeholders name declared variables (in the message only); no text claims a diagnosis. */
function checkTexts(text: string, d: DraftWithNodes, report: Report): void {
  for (const { field, node } of d.texts) {
    const value = String(node.value);
    const offsets = scalarOffsets(text, node);
    const at = (i: number): number => offsets[i] ?? node.range?.[0] ?? 0;
    for (const m of value.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? '';
      const index = (m.index ?? 0) + m[0].indexOf(name);
      if (field !== 'message' && field !== 'client_message') {
        report(
          at(m.index ?? 0),
          `placeholders are filled in only in then.message and then.client_message, not in ${field}`,
        );
      } else if (!findVariable(name)) {
        const hint = didYouMean(name, NAMES);
        report(at(index), `unknown placeholder '{{${name}}}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
      }
    }
    const claim = findDiagnosticClaim(value);
    if (claim) {
      report(
        at(claim.index),
        `${field} ${claim.label} ("${claim.text}"): rules prompt the practitioner and never diagnose; describe the intake instead`,
      );
    }
  }
}

/** Several rule folders in order (built-in, then user), with ids unique across all of them. */
export function loadRuleDirs(dirs: { dir: string; origin: Origin }[]): LoadResult {
  const known = new Map<string, string>();
  const out: LoadResult = { rules: [], errors: [] };
  for (const { dir, origin } of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
    } catch {
      continue; // a user folder that does not exist yet holds no rules
    }
    for (const name of names.sort()) {
      const file = join(dir, name);
      let text: string;
      try {
        const size = statSync(file).size;
        if (size > MAX_RULE_FILE_BYTES) {
          out.errors.push(tooLargeError(file, size));
          continue;
        }
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        out.errors.push({
          file,
          line: 1,
          column: 1,
          message: `cannot read the file: ${why}`,
          excerpt: '',
          ruleId: null,
        });
        continue;
      }
      const r = loadRuleText(text, file, origin, { known });
      out.rules.push(...r.rules);
      out.errors.push(...r.errors);
    }
  }
  return out;
}

/** All *.yaml / *.yml files of one folder. */
export function loadRuleDir(dir: string, origin: Origin): LoadResult {
  return loadRuleDirs([{ dir, origin }]);
}
