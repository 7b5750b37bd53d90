import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { CONDITIONS, DIET_PATTERNS, GOALS, LIFE_STAGES } from '../contract/common.ts';
import { SUGGESTION_TAGS } from './guardrails.ts';
import { didYouMean } from './source-map.ts';
import type { RuleDef, Severity, Suggestion } from './types.ts';

/**
 * The rule file format (rules/README.md): checks a parsed YAML tree field by field, so every
 * problem is reported at the key or value it concerns (offsets; loader.ts turns them into line and
 * column). Unknown keys are errors, not ignored: a typo such as `severty` would otherwise silently
 * drop the field.
 */

export interface SchemaIssue {
  offset: number;
  message: string;
  ruleId: string | null;
}

/** A text field of a rule, kept with its node for the placeholder and diagnostic-claim checks. */
export interface TextField {
  field: string;
  node: Scalar;
}

export type RuleDraft = Omit<RuleDef, 'file' | 'origin' | 'reads'>;

export interface DraftWithNodes {
  rule: RuleDraft;
  /** False when the schema check found problems: the condition and texts are still checked. */
  valid: boolean;
  idNode: Scalar | null;
  whenNode: Scalar | null;
  texts: TextField[];
}

const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];
const PREGNANCY = ['skip', 'caution', 'none'] as const;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const DEFAULT_COOLDOWN_DAYS = 7;
export const DEFAULT_EXPIRES_IN_DAYS = 14;

const RULE_FIELDS = {
  id: true,
  title: true,
  version: true,
  description: true,
  applies_to: false,
  when: true,
  then: true,
  guardrails: false,
  cooldown_days: false,
  expires_in_days: false,
  references: true,
};
const APPLIES_FIELDS = {
  diet_patterns: false,
  age_min: false,
  age_max: false,
  life_stages: false,
  tags: false,
  conditions: false,
  goals: false,
};
const THEN_FIELDS = {
  message: true,
  client_message: false,
  rationale: true,
  severity: true,
  category: true,
  suggestions: false,
  alternatives: false,
};
const SUGGESTION_FIELDS = { text: true, tags: false, contains: false };
const GUARDRAIL_FIELDS = { calorie_focused: false, pregnancy: false };

/** Where each field lives, for "did you mean" across sections (severity under then:, …). */
const SECTION_OF: Record<string, string> = {
  ...Object.fromEntries(Object.keys(RULE_FIELDS).map((k) => [k, 'at the top level of the rule'])),
  ...Object.fromEntries(Object.keys(APPLIES_FIELDS).map((k) => [k, 'under applies_to:'])),
  ...Object.fromEntries(Object.keys(THEN_FIELDS).map((k) => [k, 'under then:'])),
  ...Object.fromEntries(Object.keys(GUARDRAIL_FIELDS).map((k) => [k, 'under guardrails:'])),
};

interface Ctx {
  issues: SchemaIssue[];
  ruleId: string | null;
  texts: TextField[];
}

function describe(node: Node | null | undefined): string {
  if (!node || (isScalar(node) && node.value === null)) return 'empty';
  if (isMap(node)) return 'a mapping (key: value lines)';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return 'text';
    if (typeof v === 'boolean') return 'true/false';
    if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  }
  return 'something else';
}

function offsetOf(node: Node | null | undefined, fallback: number): number {
  return node?.range?.[0] ?? fallback;
}

interface Entry {
  keyOffset: number;
  value: Node | null;
}

/** The map's known fields; unknown keys and missing required ones are reported. */
function fields(ctx: Ctx, map: YAMLMap, spec: Record<string, boolean>, where: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const known = Object.keys(spec);
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyOffset = offsetOf(pair.key as Node, map.range?.[0] ?? 0);
    if (!(key in spec)) {
      const hint = didYouMean(key, known);
      const elsewhere = hint ? null : didYouMean(key, Object.keys(SECTION_OF));
      const message = hint
        ? ` (did you mean '${hint}'?)`
        : elsewhere && elsewhere in SECTION_OF
          ? ` (did you mean '${elsewhere}'? it belongs ${SECTION_OF[elsewhere]})`
          : ` (allowed here: ${known.join(', ')})`;
      ctx.issues.push({ offset: keyOffset, ruleId: ctx.ruleId, message: `unknown field '${key}'${where}${message}` });
      continue;
    }
    out.set(key, { keyOffset, value: (pair.value as Node | null) ?? null });
  }
  for (const [key, required] of Object.entries(spec)) {
    if (required && !out.has(key)) {
      ctx.issues.push({ offset: map.range?.[0] ?? 0, ruleId: ctx.ruleId, message: `missing field '${key}'${where}` });
    }
  }
  return out;
}

function wrong(ctx: Ctx, e: Entry, name: string, expected: string): null {
  ctx.issues.push({
    offset: offsetOf(e.value, e.keyOffset),
    ruleId: ctx.ruleId,
    message: `'${name}' must be ${expected}, but it is ${describe(e.value)}`,
  });
  return null;
}

function itemWrong(ctx: Ctx, item: Node, fallback: number, name: string, expected: string): null {
  ctx.issues.push({
    offset: offsetOf(item, fallback),
    ruleId: ctx.ruleId,
    message: `each item of '${name}' must be ${expected}, but this one is ${describe(item)}`,
  });
  return null;
}

/**
 * The longest text each field may hold, in characters. Rule texts are shown in lists, the client's
 * report and notifications; the built-in pack's longest are about a third of these. Anything longer is
 * a pasted document or a generated file, refused with the field's name and its limit.
 */
export const TEXT_LIMITS: Record<string, number> = {
  id: 80,
  title: 120,
  description: 1000,
  when: 8000,
  message: 1000,
  client_message: 1000,
  rationale: 2000,
  category: 60,
  text: 300, // suggestions[].text and alternatives[].text
  references: 500,
  item: 100, // tags, contains and the other lists of words
};

function limitOf(name: string): number {
  return TEXT_LIMITS[name] ?? TEXT_LIMITS[name.split('.').pop() ?? ''] ?? TEXT_LIMITS.item ?? 100;
}

function tooLong(ctx: Ctx, node: Node, fallback: number, name: string, length: number): null {
  ctx.issues.push({
    offset: offsetOf(node, fallback),
    ruleId: ctx.ruleId,
    message: `'${name}' is ${length.toLocaleString('en-US')} characters long; at most ${limitOf(name).toLocaleString('en-US')} are allowed`,
  });
  return null;
}

function text(ctx: Ctx, e: Entry | undefined, name: string, track = true): string | null {
  if (!e) return null;
  if (!isScalar(e.value) || typeof e.value.value !== 'string' || e.value.value.trim() === '') {
    return wrong(ctx, e, name, 'text');
  }
  const value = e.value.value.trim();
  if (value.length > limitOf(name)) return tooLong(ctx, e.value, e.keyOffset, name, value.length);
  if (track) ctx.texts.push({ field: name, node: e.value });
  return value;
}

function num(ctx: Ctx, e: Entry | undefined, name: string, whole: boolean): number | null {
  if (!e) return null;
  const v = isScalar(e.value) ? e.value.value : undefined;
  if (typeof v !== 'number' || (whole && !Number.isInteger(v)) || v < 0) {
    return wrong(ctx, e, name, whole ? 'a whole number (0 or more)' : 'a number (0 or more)');
  }
  return v;
}

function oneOf<T extends string>(ctx: Ctx, e: Entry | undefined, name: string, values: readonly T[]): T | null {
  if (!e) return null;
  const v = isScalar(e.value) ? e.value.value : undefined;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  const hint = typeof v === 'string' ? didYouMean(v, values) : null;
  ctx.issues.push({
    offset: offsetOf(e.value, e.keyOffset),
    ruleId: ctx.ruleId,
    message: `'${name}' must be one of ${values.join(', ')}${hint ? ` (did you mean '${hint}'?)` : `, but it is ${describe(e.value)}`}`,
  });
  return null;
}

/** A list of text items; with `allowed`, each must be one of those values. */
function list(ctx: Ctx, e: Entry | undefined, name: string, allowed?: readonly string[]): string[] | null {
  if (!e) return null;
  if (!isSeq(e.value)) return wrong(ctx, e, name, 'a list');
  const out: string[] = [];
  for (const item of e.value.items as Node[]) {
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      itemWrong(ctx, item, e.keyOffset, name, 'text');
      continue;
    }
    if (v.trim().length > (name === 'references' ? limitOf(name) : limitOf('item'))) {
      tooLong(ctx, item, e.keyOffset, name === 'references' ? name : 'item', v.trim().length);
      continue;
    }
    if (allowed && !allowed.includes(v)) {
      const hint = didYouMean(v, allowed);
      ctx.issues.push({
        offset: offsetOf(item, e.keyOffset),
        ruleId: ctx.ruleId,
        message: `unknown ${name} value '${v}'${hint ? ` (did you mean '${hint}'?)` : ` (allowed: ${allowed.join(', ')})`}`,
      });
      continue;
    }
    out.push(v.trim());
  }
  return out;
}

function map(ctx: Ctx, e: Entry | undefined, name: string): YAMLMap | null {
  if (!e) return null;
  return isMap(e.value) ? e.value : wrong(ctx, e, name, 'a mapping (indented key: value lines)');
}

function suggestions(ctx: Ctx, e: Entry | undefined, name: string): Suggestion[] {
  if (!e) return [];
  if (!isSeq(e.value)) return wrong(ctx, e, name, 'a list') ?? [];
  const out: Suggestion[] = [];
  for (const item of e.value.items as Node[]) {
    if (!isMap(item)) {
      itemWrong(ctx, item, e.keyOffset, name, 'a mapping with text, tags and contains');
      continue;
    }
    const f = fields(ctx, item, SUGGESTION_FIELDS, ` in ${name}`);
    const t = text(ctx, f.get('text'), `${name}.text`);
    const tags = list(ctx, f.get('tags'), 'tag', SUGGESTION_TAGS) ?? [];
    const contains = (list(ctx, f.get('contains'), 'contains') ?? []).map((s) => s.toLowerCase());
    if (t !== null) out.push({ text: t, tags, contains });
  }
  return out;
}

function readRule(ctx: Ctx, node: YAMLMap): DraftWithNodes {
  const start = ctx.issues.length;
  const rawId = node.items.find((p) => isScalar(p.key) && p.key.value === 'id');
  if (rawId && isScalar(rawId.value) && typeof rawId.value.value === 'string') ctx.ruleId = rawId.value.value;
  const f = fields(ctx, node, RULE_FIELDS, '');
  const id = text(ctx, f.get('id'), 'id', false);
  if (id !== null && !KEBAB.test(id)) {
    ctx.issues.push({
      offset: offsetOf(f.get('id')?.value, 0),
      ruleId: ctx.ruleId,
      message: `id '${id}' must be kebab-case: lower-case letters, digits and dashes (e.g. low-fibre-intake)`,
    });
  }
  const title = text(ctx, f.get('title'), 'title');
  const version = num(ctx, f.get('version'), 'version', true);
  const description = text(ctx, f.get('description'), 'description');
  const whenEntry = f.get('when');
  const when = text(ctx, whenEntry, 'when', false);

  const applies = map(ctx, f.get('applies_to'), 'applies_to');
  const a = applies ? fields(ctx, applies, APPLIES_FIELDS, ' in applies_to') : new Map<string, Entry>();
  const minAge = num(ctx, a.get('age_min'), 'age_min', false);
  const maxAge = num(ctx, a.get('age_max'), 'age_max', false);
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    ctx.issues.push({
      offset: a.get('age_min')?.keyOffset ?? 0,
      ruleId: ctx.ruleId,
      message: 'age_min is above age_max',
    });
  }

  const thenMap = map(ctx, f.get('then'), 'then');
  const t = thenMap ? fields(ctx, thenMap, THEN_FIELDS, ' in then') : new Map<string, Entry>();
  const g = map(ctx, f.get('guardrails'), 'guardrails');
  const gf = g ? fields(ctx, g, GUARDRAIL_FIELDS, ' in guardrails') : new Map<string, Entry>();
  const calorieEntry = gf.get('calorie_focused');
  let calorieFocused = false;
  if (calorieEntry) {
    const v = isScalar(calorieEntry.value) ? calorieEntry.value.value : undefined;
    if (typeof v === 'boolean') calorieFocused = v;
    else wrong(ctx, calorieEntry, 'calorie_focused', 'true or false');
  }

  const refs = list(ctx, f.get('references'), 'references');
  if (refs !== null && refs.length === 0) {
    ctx.issues.push({
      offset: offsetOf(f.get('references')?.value, 0),
      ruleId: ctx.ruleId,
      message: "'references' needs at least one entry: the guideline or DRI table the rule comes from",
    });
  }

  const rule: RuleDraft = {
    id: id ?? '',
    title: title ?? '',
    version: version ?? 0,
    description: description ?? '',
    appliesTo: {
      dietPatterns: list(ctx, a.get('diet_patterns'), 'diet_patterns', DIET_PATTERNS),
      minAge,
      maxAge,
      lifeStages: list(ctx, a.get('life_stages'), 'life_stages', LIFE_STAGES),
      tags: list(ctx, a.get('tags'), 'tags')?.map((s) => s.toLowerCase()) ?? null,
      conditions: list(ctx, a.get('conditions'), 'conditions', CONDITIONS),
      goals: list(ctx, a.get('goals'), 'goals', GOALS),
    },
    when: when ?? '',
    then: {
      message: text(ctx, t.get('message'), 'message') ?? '',
      clientMessage: text(ctx, t.get('client_message'), 'client_message'),
      rationale: text(ctx, t.get('rationale'), 'rationale') ?? '',
      severity: oneOf(ctx, t.get('severity'), 'severity', SEVERITIES) ?? 'info',
      category: text(ctx, t.get('category'), 'category') ?? '',
      suggestions: suggestions(ctx, t.get('suggestions'), 'suggestions'),
      alternatives: suggestions(ctx, t.get('alternatives'), 'alternatives'),
    },
    guardrails: { calorieFocused, pregnancy: oneOf(ctx, gf.get('pregnancy'), 'pregnancy', PREGNANCY) ?? 'none' },
    cooldownDays: num(ctx, f.get('cooldown_days'), 'cooldown_days', true) ?? DEFAULT_COOLDOWN_DAYS,
    expiresInDays: num(ctx, f.get('expires_in_days'), 'expires_in_days', true) ?? DEFAULT_EXPIRES_IN_DAYS,
    references: refs ?? [],
  };
  const idValue = f.get('id')?.value;
  const whenValue = whenEntry?.value;
  return {
    rule,
    valid: ctx.issues.length === start,
    idNode: isScalar(idValue) ? idValue : null,
    whenNode: isScalar(whenValue) && typeof whenValue.value === 'string' ? whenValue : null,
    texts: ctx.texts,
  };
}

/** One rule (a mapping with `id`) or a family (`rules:` with a list of rules). Broken rules are left out. */
export function readRuleFile(root: Node | null, issues: SchemaIssue[]): DraftWithNodes[] {
  if (!isMap(root)) {
    issues.push({
      offset: offsetOf(root, 0),
      ruleId: null,
      message: isSeq(root)
        ? "expected a rule (id, title, …) or 'rules:' with a list of rules, but the file is a bare list: put 'rules:' above it"
        : 'expected a rule (id, title, …) or a list of rules under rules:, but the file is empty or plain text',
    });
    return [];
  }
  const hasRules = root.items.some((p) => isScalar(p.key) && p.key.value === 'rules');
  let nodes: YAMLMap[] = [root];
  if (hasRules) {
    const ctx: Ctx = { issues, ruleId: null, texts: [] };
    const f = fields(ctx, root, { rules: true }, ' (a file with rules: holds only the list)');
    const e = f.get('rules');
    if (!e || !isSeq(e.value)) return e ? (wrong(ctx, e, 'rules', 'a list of rules') ?? []) : [];
    nodes = [];
    for (const item of e.value.items as Node[]) {
      if (isMap(item)) nodes.push(item);
      else itemWrong(ctx, item, e.keyOffset, 'rules', 'a rule (a mapping)');
    }
  }
  const out: DraftWithNodes[] = [];
  for (const node of nodes) {
    out.push(readRule({ issues, ruleId: null, texts: [] }, node));
  }
  return out;
}
