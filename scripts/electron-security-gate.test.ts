import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  formatReport,
  parseCsv,
  parseFindings,
  parseSuppressions,
  runElectronegativity,
  SERIAL_WRITES,
  sarifKeys,
} from './electron-security-gate.ts';

/** electronegativity 1.10.3's CSV, as it writes it (header, quoted fields, N/A unquoted). */
const FIXTURE = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main/index.ts","141:14","const win = new BrowserWindow({ webPreferences: { contextIsolation: false, title: ""a, b"" } });","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","electron/main/index.ts","91:7","void shell.openExternal(parsed.href);","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK',
  'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","electron/main/index.ts","129:4",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  '',
].join('\n');

const JUSTIFIED = 'Only https: URLs reach openExternal; everything else is refused and logged.';
const openExternal = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/index.ts', justification: JUSTIFIED };
const contextIsolation = {
  check: 'CONTEXT_ISOLATION_JS_CHECK',
  file: 'electron/main/index.ts',
  line: 141,
  justification: 'A fixture justification long enough to count as a sentence.',
};

describe('electronegativity CSV', () => {
  it('parses quoted fields with commas, doubled quotes and N/A', () => {
    const findings = parseFindings(FIXTURE);
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      severity: 'HIGH',
      file: 'electron/main/index.ts',
      line: 141,
      column: 14,
    });
    expect(findings[0]?.sample).toContain('title: "a, b"');
    expect(findings[2]).toMatchObject({ severity: 'LOW', sample: '' });
  });

  it('skips the header wherever it lands, and handles CRLF and newlines inside quotes', () => {
    expect(parseCsv('a,"x\ny",c\r\nd,e,f\r\n')).toEqual([
      ['a', 'x\ny', 'c'],
      ['d', 'e', 'f'],
    ]);
    const lines = FIXTURE.trim().split('\n');
    const shuffled = [lines[1], lines[0], lines[2]].join('\r\n');
    expect(parseFindings(shuffled)).toHaveLength(2);
  });

  it('refuses a row it cannot read instead of skipping it', () => {
    expect(() => parseFindings('issue, severity\nSOMETHING,"HIGH"\n')).toThrow(/Unexpected electronegativity CSV row/);
  });

  it('reads (check, file) from SARIF for the cross-check', () => {
    const sarif = JSON.stringify({
      runs: [
        {
          results: [
            { ruleId: 'B', locations: [{ physicalLocation: { artifactLocation: { uri: 'renderer/index.html' } } }] },
            { ruleId: 'A', locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' } } }] },
          ],
        },
      ],
    });
    expect(sarifKeys(sarif)).toEqual(['A N/A', 'B renderer/index.html']);
  });
});

describe('the gate', () => {
  const findings = parseFindings(FIXTURE);

  it('fails on an unsuppressed HIGH finding and names it', () => {
    const r = evaluate(findings, { suppressions: [openExternal] });
    expect(r.ok).toBe(false);
    expect(r.unsuppressed.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(formatReport(r)).toMatch(/FAIL HIGH CONTEXT_ISOLATION_JS_CHECK at electron\/main\/index.ts:141:14/);
  });

  it('fails on an unsuppressed MEDIUM finding; LOW findings never fail', () => {
    const r = evaluate(findings, { suppressions: [contextIsolation] });
    expect(r.ok).toBe(false);
    expect(r.unsuppressed.map((f) => f.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
    expect(r.ignored.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('passes when every HIGH and MEDIUM finding is suppressed with a justification', () => {
    const r = evaluate(findings, { suppressions: [openExternal, contextIsolation] });
    expect(r.ok).toBe(true);
    expect(r.suppressed).toHaveLength(2);
    expect(formatReport(r)).toMatch(/passed: 2 justified, 1 below MEDIUM/);
  });

  it('fails on a suppression without a justification (and does not apply it)', () => {
    for (const justification of [undefined, '', '   ', 'ok']) {
      const r = evaluate(findings, {
        suppressions: [contextIsolation, { check: openExternal.check, file: openExternal.file, justification }],
      });
      expect(r.ok).toBe(false);
      expect(r.errors.join('\n')).toMatch(/no written justification/);
      expect(r.unsuppressed.map((f) => f.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
    }
  });

  it('fails on a stale suppression: wrong line, another file, or a finding that went away', () => {
    for (const stale of [
      { ...contextIsolation, line: 999 },
      { ...openExternal, file: 'electron/main/pdf.ts' },
      { check: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/index.ts', justification: JUSTIFIED },
    ]) {
      const r = evaluate(findings, { suppressions: [openExternal, contextIsolation, stale] });
      expect(r.ok).toBe(false);
      expect(r.stale).toEqual([stale]);
      expect(formatReport(r)).toMatch(/stale suppression/);
    }
  });

  it('fails on malformed suppression files and entries', () => {
    expect(evaluate(findings, 'nope').errors).toHaveLength(1);
    expect(
      parseSuppressions({ suppressions: [{ check: 'x', file: 'a', justification: JUSTIFIED }] }).errors[0],
    ).toMatch(/check id/);
    expect(
      parseSuppressions({ suppressions: [{ ...openExternal, file: '/abs/electron/main/index.ts' }] }).errors[0],
    ).toMatch(/relative/);
    expect(parseSuppressions({ suppressions: [{ ...openExternal, reason: 'typo' }] }).errors[0]).toMatch(
      /unknown key "reason"/,
    );
  });

  it('the repository suppressions file is well-formed', async () => {
    const { readSuppressions } = await import('./electron-security-gate.ts');
    expect(parseSuppressions(readSuppressions()).errors).toEqual([]);
  });
});

describe('the real tool', () => {
  it('finds a HIGH finding in an insecure window and the gate fails on it', { timeout: 90_000 }, async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-gate-test-'));
    try {
      fs.mkdirSync(path.join(root, 'electron'));
      fs.writeFileSync(
        path.join(root, 'electron', 'main.ts'),
        [
          "import { BrowserWindow } from 'electron';",
          'export const win = new BrowserWindow({',
          '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },',
          '});',
          '',
        ].join('\n'),
      );
      const findings = await runElectronegativity(root, ['electron']);
      const high = findings.filter((f) => f.severity === 'HIGH').map((f) => f.check);
      expect(high).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(findings.every((f) => f.file === 'electron/main.ts' || f.file === 'N/A')).toBe(true);
      const r = evaluate(findings, { suppressions: [] });
      expect(r.ok).toBe(false);
      expect(r.unsuppressed.map((f) => f.check)).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(formatReport(r)).toMatch(/FAIL HIGH CONTEXT_ISOLATION_JS_CHECK at electron\/main.ts:3/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the serial-writes preload', () => {
  it("runs electronegativity's header ('w') and rows ('a') writes in call order", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-gate-serial-'));
    try {
      const preload = path.join(dir, 'serial-writes.cjs');
      fs.writeFileSync(preload, SERIAL_WRITES);
      const out = path.join(dir, 'out.csv');
      // The same two calls as the tool's writeCsvHeader and writeIssues, with a big second write.
      const script = `const fs = require('fs');
        fs.writeFile(${JSON.stringify(out)}, 'header\\n', (e) => { if (e) throw e; });
        fs.writeFile(${JSON.stringify(out)}, 'row\\n'.repeat(100000), { flag: 'a' }, (e) => { if (e) throw e; });`;
      for (let i = 0; i < 5; i++) {
        execFileSync(process.execPath, ['--require', preload, '-e', script]);
        const text = fs.readFileSync(out, 'utf8');
        expect(text.startsWith('header\nrow\n')).toBe(true);
        expect(text.length).toBe('header\n'.length + 'row\n'.length * 100000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
