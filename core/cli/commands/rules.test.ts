import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../app.ts';
import { tempDir } from '../../test-utils/core-harness.ts';
import { rulesCheck, rulesRun } from './rules.ts';

const BROKEN = `id: broken
title: Broken
version: 1
description: A rule with a typo in its condition.
when: features.fibre_g_7d_mean < tragets.fibre_g
then:
  message: Fibre is low.
  rationale: For the test.
  severity: low
  category: fibre
references: [Test]
`;

function capture(): { out: (s: string) => void; text: () => string } {
  const lines: string[] = [];
  return { out: (s) => lines.push(s), text: () => lines.join('\n') };
}

describe('bioai rules check', () => {
  it('passes the built-in pack', async () => {
    const c = capture();
    expect(await rulesCheck([], c.out)).toBe(0);
    expect(c.text()).toMatch(/^\d+ rules OK$/);
  });

  it('prints file:line:column: message with the excerpt and exits 1', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.yaml'), BROKEN);
    fs.writeFileSync(path.join(dir, 'fine.yaml'), BROKEN.replace('broken', 'fine').replace('tragets', 'targets'));
    const c = capture();
    expect(await rulesCheck([dir], c.out)).toBe(1);
    const lines = c.text().split('\n');
    expect(lines[0]).toBe(
      `${path.join(dir, 'broken.yaml')}:5:34: unknown field 'tragets.fibre_g' (did you mean 'targets.fibre_g'?)`,
    );
    expect(lines[1]).toBe('    when: features.fibre_g_7d_mean < tragets.fibre_g');
    expect(lines[2]?.indexOf('^')).toBe(4 + 33);
    expect(lines.at(-1)).toBe('1 problem in 1 file; 1 rule OK.');
  });

  it('refuses a 200 KB message and a 1 MB file, and cuts the echoed line', async () => {
    const dir = tempDir();
    const long = 'x'.repeat(200_000);
    const huge = 'x'.repeat(1024 * 1024);
    fs.writeFileSync(
      path.join(dir, 'long.yaml'),
      BROKEN.replace('broken', 'long').replace('tragets', 'targets').replace('Fibre is low.', long),
    );
    fs.writeFileSync(
      path.join(dir, 'pad.yaml'),
      `${BROKEN.replace('broken', 'pad').replace('tragets', 'targets')}# ${huge}\n`,
    );
    const c = capture();
    expect(await rulesCheck([dir], c.out)).toBe(1);
    const lines = c.text().split('\n');
    expect(lines[0]).toBe(
      `${path.join(dir, 'long.yaml')}:7:12: 'message' is 200,000 characters long; at most 1,000 are allowed`,
    );
    expect(lines[1]).toBe(`      message: ${'x'.repeat(109)}…`);
    expect(lines[2]?.indexOf('^')).toBe(4 + 11);
    expect(lines[3]).toMatch(/pad\.yaml:1:1: the file is 1,048,8\d\d bytes; a rule file may be at most 262,144 bytes/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
  });

  it('refuses a missing folder as a usage error', async () => {
    await expect(rulesCheck([path.join(tempDir(), 'nope')], () => undefined)).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('bioai rules run', () => {
  it('evaluates through the contract and prints each recommendation with its values', async () => {
    const calls: string[] = [];
    const id = '01900000-0000-7000-8000-000000000001';
    const answers: Record<string, unknown> = {
      'clients.get': { id, name: 'Ada Example' },
      'recommendations.evaluate': {
        created: 1,
        active: 1,
        errors: [{ ruleId: 'slow', message: 'stopped after 250 ms' }],
      },
      'recommendations.list': [
        {
          id,
          clientId: id,
          ruleId: 'fibre-low',
          title: 'Fibre intake low',
          message: 'Fibre averaged 9.5 g a day.',
          severity: 'low',
          status: 'new',
          confidence: 0.8,
          condition: 'features.fibre_g_7d_ratio < 0.7',
          values: { 'features.fibre_g_7d_ratio': 0.3812, 'features.fibre_g_7d_mean': 9.5 },
          suggestions: [{ text: 'Add beans', tags: [], contains: [] }],
          guardrails: ['Not a diagnosis.'],
        },
      ],
    };
    const core = {
      dispatch: async (method: string) => {
        calls.push(method);
        return { ok: true, data: answers[method] };
      },
    } as unknown as Core;
    const c = capture();
    await rulesRun(core, ['--client', id], c.out);
    expect(calls).toEqual(['clients.get', 'recommendations.evaluate', 'recommendations.list']);
    expect(c.text()).toBe(
      [
        'Ada Example: 1 new, 1 open recommendation.',
        '  rule slow failed: stopped after 250 ms',
        '',
        '[LOW] Fibre intake low (fibre-low, new, confidence 0.80)',
        '  Fibre averaged 9.5 g a day.',
        '  Because: features.fibre_g_7d_ratio < 0.7',
        '    features.fibre_g_7d_ratio = 0.38 (ratio)',
        '    features.fibre_g_7d_mean = 9.5 g',
        '  Suggestions: Add beans',
        '  Note: Not a diagnosis.',
      ].join('\n'),
    );
    const json = capture();
    await rulesRun(core, ['--client', id, '--json'], json.out);
    expect(JSON.parse(json.text())).toMatchObject({
      evaluation: { created: 1 },
      recommendations: [{ ruleId: 'fibre-low' }],
    });
  });
});
