import { formatNumber } from '../../lib/format.ts';
import type { RuleErrorView, RuleSummary, RuleValidation, RuleValue, DryRunResult } from '../../lib/rule-types.ts';

/** "features.fibre_7d_mean" etc. with its value as a table row. */
export interface ValueRow {
  name: string;
  text: string;
}

/** A variable's value for people: numbers as the app formats them, yes/no, lists, "no data" for null. */
export function formatRuleValue(value: RuleValue): string {
  if (value === null) return 'no data';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : String(value);
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : 'none';
  return value === '' ? '(empty)' : value;
}

/** The values a condition read, in the order the core listed them. */
export function valueRows(values: Record<string, RuleValue>): ValueRow[] {
  return Object.entries(values).map(([name, value]) => ({ name, text: formatRuleValue(value) }));
}

/** A path's last segment: the core may report a rule file by its full path. */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

/** The offset in `text` of 1-based `line` and `column` (clamped to the text and to that line). */
export function offsetOfLine(text: string, line: number, column = 1): number {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return text.length;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(start + Math.max(0, column - 1), lineEnd);
}

/** "low-fibre.yaml:4:12: Unknown variable tragets.fibre" (file name without its folder). */
export function ruleErrorLine(error: RuleErrorView): string {
  return `${baseName(error.file)}:${error.line}:${error.column}: ${error.message}`;
}

export interface RuleGroup {
  category: string;
  label: string;
  rules: RuleSummary[];
}

/** "micronutrients" → "Micronutrients", "energy-balance" → "Energy balance". */
export function categoryLabel(category: string): string {
  const words = category.trim().replace(/[-_]+/g, ' ');
  if (words === '') return 'Other';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Rules by category (categories and titles alphabetical), for the rules page. */
export function groupRulesByCategory(rules: readonly RuleSummary[]): RuleGroup[] {
  const groups = new Map<string, RuleSummary[]>();
  for (const rule of rules) {
    const list = groups.get(rule.category) ?? [];
    list.push(rule);
    groups.set(rule.category, list);
  }
  return [...groups.entries()]
    .map(([category, list]) => ({
      category,
      label: categoryLabel(category),
      rules: [...list].sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The rule files' problems and the rules count, for the page header. */
export function rulesCountText(rules: readonly RuleSummary[]): string {
  const enabled = rules.filter((r) => r.enabled).length;
  const noun = rules.length === 1 ? 'rule' : 'rules';
  return `${rules.length} ${noun}, ${enabled} enabled`;
}

/** Same check as the contract's file name rule, so the field says so before the server does. */
export const RULE_FILE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,60}\.ya?ml$/;

export function fileNameError(fileName: string): string | null {
  const trimmed = fileName.trim();
  if (trimmed === '') return 'Name the file (e.g. low-iron.yaml).';
  if (!RULE_FILE_NAME_PATTERN.test(trimmed)) return 'Use a file name like low-iron.yaml (lower case, digits, dashes).';
  return null;
}

/** A file name for a rule id: "Low_Iron 2" → "low-iron-2.yaml". */
export function fileNameForRuleId(ruleId: string): string {
  const slug = ruleId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'my-rule'}.yaml`;
}

/** "Valid: defines rule low-iron" / "… rules a, b" / the problem count. */
export function validationSummary(result: RuleValidation): { ok: boolean; text: string } {
  if (result.errors.length > 0) {
    const n = result.errors.length;
    return { ok: false, text: `${n} ${n === 1 ? 'problem' : 'problems'} to fix before saving.` };
  }
  if (result.ruleIds.length === 0) return { ok: false, text: 'The file defines no rule yet.' };
  const noun = result.ruleIds.length === 1 ? 'rule' : 'rules';
  return { ok: true, text: `Valid: defines ${noun} ${result.ruleIds.join(', ')}` };
}

/** The dry run's outcome in one sentence. */
export function dryRunOutcome(result: DryRunResult): { tone: 'error' | 'skipped' | 'fired' | 'quiet'; text: string } {
  if (result.errors.length > 0)
    return { tone: 'error', text: 'The rule could not be evaluated: fix the problems below.' };
  if (!result.applies) {
    const why = result.skippedBecause ? `: ${result.skippedBecause}` : '.';
    return { tone: 'skipped', text: `Does not apply to this client${why}` };
  }
  if (result.fired === true) return { tone: 'fired', text: 'Applies, and the condition is true: it would fire.' };
  if (result.fired === false) return { tone: 'quiet', text: 'Applies, but the condition is false: it would not fire.' };
  return { tone: 'quiet', text: 'Applies; the condition could not be decided with this client’s data.' };
}

/** A starting point for a new user rule (the practitioner edits it; live validation checks it). */
export const NEW_RULE_TEMPLATE = `id: my-rule
title: Fibre well below target
version: 1
description: The client's fibre intake over the last week is well below their target.
when: features.fibre_g_7d_mean < targets.fibre_g * 0.7
then:
  message: Fibre averaged {{features.fibre_g_7d_mean}} g a day over the last 7 logged days.
  rationale: Explain why this matters for the client.
  severity: low
  category: fibre
  suggestions:
    - text: Add a portion of pulses (lentils, chickpeas, beans) to one meal a day.
references:
  - The guideline or reference table the rule comes from.
`;
