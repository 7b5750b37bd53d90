import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleDir, loadRuleDirs, loadRuleText } from './loader.ts';

/** A valid rule; tests break one line of it at a time. */
const GOOD = `id: low-fibre
title: Low fibre
version: 1
description: Fibre below the AI.
when: features.fibre_g_7d_mean < targets.fibre_g
then:
  message: Fibre averaged {{features.fibre_g_7d_mean}} g a day.
  rationale: The AI is 14 g per 1,000 kcal.
  severity: low
  category: fibre
  suggestions:
    - text: Add beans
references:
  - IOM 2005
`;

function only(text: string): { line: number; column: number; message: string; excerpt: string } {
  const r = loadRuleText(text, 'x.yaml', 'user');
  expect(r.rules).toEqual([]);
  expect(r.errors).toHaveLength(1);
  const e = r.errors[0];
  if (!e) throw new Error('no error');
  expect(e.file).toBe('x.yaml');
  return { line: e.line, column: e.column, message: e.message, excerpt: e.excerpt };
}

describe('loadRuleText', () => {
  it('loads a valid rule with its reads and defaults', () => {
    const r = loadRuleText(GOOD, 'x.yaml', 'user');
    expect(r.errors).toEqual([]);
    expect(r.rules).toHaveLength(1);
    expect(r.rules[0]).toMatchObject({
      id: 'low-fibre',
      origin: 'user',
      file: 'x.yaml',
      reads: ['features.fibre_g_7d_mean', 'targets.fibre_g'],
      cooldownDays: 7,
      expiresInDays: 14,
      guardrails: { calorieFocused: false, pregnancy: 'none' },
      then: { severity: 'low', suggestions: [{ text: 'Add beans', tags: [], contains: [] }] },
    });
  });

  it('reports a misspelt field at its key, with a suggestion', () => {
    const r = loadRuleText(GOOD.replace('  severity: low', '  severty: low'), 'x.yaml', 'user');
    expect(r.rules).toEqual([]);
    expect(r.errors).toEqual([
      {
        file: 'x.yaml',
        line: 9,
        column: 3,
        message: "unknown field 'severty' in then (did you mean 'severity'?)",
        excerpt: '  severty: low\n  ^',
        ruleId: 'low-fibre',
      },
      // The mapping `then:` starts at its first key (line 7).
      expect.objectContaining({ line: 7, column: 3, message: "missing field 'severity' in then" }),
    ]);
  });

  it('reports a field in the wrong section', () => {
    const e = only(GOOD.replace('version: 1', 'version: 1\nseverity: low'));
    expect(e.message).toBe("unknown field 'severity' (did you mean 'severity'? it belongs under then:)");
    expect([e.line, e.column]).toEqual([4, 1]);
  });

  it('reports missing fields and wrong types at the right place', () => {
    const missing = only(GOOD.replace(/references:\n {2}- IOM 2005\n/, ''));
    expect(missing).toMatchObject({ line: 1, column: 1, message: "missing field 'references'" });
    const wrong = only(GOOD.replace('version: 1', 'version: one'));
    expect(wrong).toMatchObject({
      line: 3,
      column: 10,
      message: "'version' must be a whole number (0 or more), but it is text",
    });
    const noRefs = only(GOOD.replace(/references:\n {2}- IOM 2005\n/, 'references: []\n'));
    expect(noRefs.message).toMatch(/needs at least one entry/);
    const sev = only(GOOD.replace('severity: low', 'severity: hihg'));
    expect(sev).toMatchObject({
      line: 9,
      column: 13,
      message: "'severity' must be one of info, low, medium, high (did you mean 'high'?)",
    });
  });

  it('reports a misspelt variable at its position inside the condition', () => {
    const e = only(GOOD.replace('< targets.fibre_g', '< tragets.fibre_g'));
    expect(e).toEqual({
      line: 5,
      column: 34,
      message: "unknown field 'tragets.fibre_g' (did you mean 'targets.fibre_g'?)",
      excerpt: 'when: features.fibre_g_7d_mean < tragets.fibre_g\n                                 ^',
    });
    const key = only(GOOD.replace('features.fibre_g_7d_mean <', 'features.fibre_7d_mean <'));
    expect(key).toMatchObject({
      line: 5,
      column: 16,
      message: "unknown field 'features.fibre_7d_mean' (did you mean 'features.fibre_g_7d_mean'?)",
    });
  });

  it('maps condition errors inside folded, literal and quoted scalars', () => {
    const folded = GOOD.replace(
      'when: features.fibre_g_7d_mean < targets.fibre_g',
      'when: >-\n  features.fibre_g_7d_mean < targets.fibre_g &&\n    features.days_logged_7d > tragets.x',
    );
    expect(only(folded)).toMatchObject({
      line: 7,
      column: 31,
      excerpt: '    features.days_logged_7d > tragets.x\n                              ^',
    });
    const literal = GOOD.replace(
      'when: features.fibre_g_7d_mean < targets.fibre_g',
      'when: |\n  features.fibre_g_7d_mean < targets.fibre_g\n  && client.sex == 2.0',
    );
    expect(only(literal)).toMatchObject({
      line: 7,
      column: 17,
      message: expect.stringMatching(/^type mismatch: 'string == double'/),
    });
    const single = GOOD.replace(
      'when: features.fibre_g_7d_mean < targets.fibre_g',
      "when: 'client.sex == ''f'' && tragets.x > 1.0'",
    );
    expect(only(single)).toMatchObject({ line: 5, column: 31 });
    const double = GOOD.replace(
      'when: features.fibre_g_7d_mean < targets.fibre_g',
      'when: "client.sex == \\"f\\" && tragets.x > 1.0"',
    );
    expect(only(double)).toMatchObject({ line: 5, column: 31 });
  });

  it('reports a type mismatch at the operator', () => {
    const e = only(GOOD.replace('features.fibre_g_7d_mean < targets.fibre_g', 'client.sex > targets.fibre_g'));
    expect(e).toMatchObject({
      line: 5,
      column: 18,
      message:
        "type mismatch: 'string > double' is not allowed: text values (client.sex, client.diet_pattern…) compare with quoted text, numbers with numbers",
    });
    const arith = only(
      GOOD.replace('features.fibre_g_7d_mean < targets.fibre_g', 'features.fibre_g_7d_mean / 2 < 10.0'),
    );
    expect(arith.message).toMatch(/write decimals \(2\.0, not 2\)/);
    expect(arith.column).toBe(32);
  });

  it('reports syntax errors and non-bool conditions', () => {
    const syntax = only(GOOD.replace('< targets.fibre_g', '< < targets.fibre_g'));
    expect(syntax).toMatchObject({ line: 5, column: 34, message: "syntax error: unexpected '<'" });
    const eof = only(GOOD.replace('< targets.fibre_g', '<'));
    expect(eof).toMatchObject({ line: 5, message: 'syntax error: the condition ends too early' });
    const num = only(GOOD.replace('features.fibre_g_7d_mean < targets.fibre_g', 'features.fibre_g_7d_mean * 2.0'));
    expect(num).toMatchObject({
      line: 5,
      column: 7,
      message: 'the condition must be true or false, but it is a double',
    });
  });

  it('reports YAML syntax errors at their position', () => {
    const bad = GOOD.replace('  rationale:', '   rationale:');
    const r = loadRuleText(bad, 'x.yaml', 'user');
    expect(r.rules).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 7, column: 12 });
    expect(r.errors[0]?.message).toMatch(/^YAML: /);
    const unclosed = only(GOOD.replace('references:\n  - IOM 2005', 'references: [IOM 2005'));
    expect(unclosed.message).toMatch(/^YAML: /);
  });

  it('reads a condition in quotes, also one whose quoted text uses the same quotes', () => {
    const COND = 'features.fibre_g_7d_mean < targets.fibre_g';
    for (const when of [`"${COND}"`, `'${COND}'`, `"client.sex == "female" && ${COND}"`, `'client.sex == 'female''`]) {
      const r = loadRuleText(GOOD.replace(COND, when), 'x.yaml', 'user');
      expect(r.errors, when).toEqual([]);
      expect(r.rules[0]?.when).toBe(when.slice(1, -1));
    }
    // A mistake inside such a condition is still placed on its own line and column, shown as typed.
    const typo = only(GOOD.replace(COND, '"client.sex == "female" && features.fibre_g_7d_meen < 1.0"'));
    expect(typo).toMatchObject({ line: 5, column: 43 });
    expect(typo.message).toContain("did you mean 'features.fibre_g_7d_mean'");
    expect(typo.excerpt).toContain('when: "client.sex == "female"');
  });

  it('names the line and the text left over after a quoted value', () => {
    const e = only(GOOD.replace('features.fibre_g_7d_mean < targets.fibre_g', '"female" == client.sex'));
    expect(e).toMatchObject({ line: 5, column: 16 });
    expect(e.message).toBe(
      'YAML: when starts with a double quote, so YAML reads "female" as its whole value and "== client.sex" is ' +
        'left over: put the whole value in single quotes (\'…\'), or on its own line under "when: |"',
    );
    const title = only(GOOD.replace('title: Low fibre', 'title: "Low" fibre'));
    expect(title).toMatchObject({ line: 2 });
    expect(title.message).toContain('"fibre" is left over');
    const block = only(GOOD.replace('when: features.fibre_g_7d_mean < targets.fibre_g', 'when: |\n  "x < 1"'));
    expect(block.message).toContain('the quotes make it text');
  });

  it('refuses diagnostic claims in rule text, at the claim', () => {
    const e = only(GOOD.replace('Fibre averaged', 'This means you are at risk. Fibre averaged'));
    expect(e).toMatchObject({ line: 7, column: 12 });
    expect(e.message).toMatch(/^message draws a medical conclusion about the client \("This means you are"\)/);
    for (const claim of [
      'You have diabetes.',
      'Intake indicates anaemia.',
      'You may be diagnosed with',
      'a disorder',
    ]) {
      const r = loadRuleText(GOOD.replace('The AI is 14 g per 1,000 kcal.', claim), 'x.yaml', 'user');
      expect(r.errors, claim).toHaveLength(1);
    }
    const fine = loadRuleText(
      GOOD.replace('The AI is', 'Low intakes can contribute to iron-deficiency anaemia. The AI is'),
      'x.yaml',
      'user',
    );
    expect(fine.errors).toEqual([]);
  });

  it('refuses placeholders that name undeclared variables', () => {
    const e = only(GOOD.replace('{{features.fibre_g_7d_mean}}', '{{ features.fibre_7d_mean }}'));
    expect(e).toMatchObject({
      line: 7,
      column: 30,
      message: "unknown placeholder '{{features.fibre_7d_mean}}' (did you mean 'features.fibre_g_7d_mean'?)",
    });
  });

  it('refuses unknown suggestion tags (a typo must not slip past the vegan filter)', () => {
    const e = only(GOOD.replace('    - text: Add beans', '    - text: Add yogurt\n      tags: [animal-products]'));
    expect(e.message).toBe("unknown tag value 'animal-products' (did you mean 'animal-product'?)");
  });

  it('loads a family under rules: and reports a duplicate id within it', () => {
    const item = `${GOOD.trimEnd()
      .replace(/^/gm, '    ')
      .replace(/^ {4}id:/, '  - id:')}\n`;
    const r = loadRuleText(`rules:\n${item}${item}`, 'f.yaml', 'builtin');
    expect(r.rules).toHaveLength(1);
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 16,
        column: 9,
        message: "duplicate rule id 'low-fibre' (already defined earlier in this file)",
      }),
    ]);
  });
});

describe('loadRuleDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bioai-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every file, keeps going past a broken one, and reports duplicate ids on the second file', () => {
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yml'), GOOD.replace('when: features', 'when: feetures'));
    // b.yml is broken and repeats a.yaml's id: both are reported, and c.yaml is still loaded.
    writeFileSync(join(dir, 'c.yaml'), GOOD);
    writeFileSync(join(dir, 'd.yaml'), GOOD.replace('id: low-fibre', 'id: other-rule'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const r = loadRuleDir(dir, 'user');
    expect(r.rules.map((x) => x.id)).toEqual(['low-fibre', 'other-rule']);
    expect(r.errors.map((e) => [e.file.slice(dir.length + 1), e.line, e.column, e.message])).toEqual([
      ['b.yml', 5, 7, "unknown field 'feetures.fibre_g_7d_mean' (did you mean 'features.fibre_g_7d_mean'?)"],
      ['b.yml', 1, 5, `duplicate rule id 'low-fibre' (already defined in ${join(dir, 'a.yaml')})`],
      ['c.yaml', 1, 5, `duplicate rule id 'low-fibre' (already defined in ${join(dir, 'a.yaml')})`],
    ]);
  });

  it('treats a missing folder as empty and checks ids across folders', () => {
    const r = loadRuleDirs([
      { dir, origin: 'builtin' },
      { dir: join(dir, 'nope'), origin: 'user' },
    ]);
    expect(r.rules.every((x) => x.origin === 'builtin')).toBe(true);
  });
});
