import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Electron security gate: runs @doyensec/electronegativity over the app's Electron code and renderer,
 * and fails on every HIGH or MEDIUM finding that build/electronegativity-suppressions.json does not
 * justify. electronegativity itself exits 0 whatever it finds, so its CSV output is parsed here.
 *
 *   node scripts/electron-security-gate.ts
 *
 * - electron/ and renderer/ are copied into one temporary folder and scanned together, so the global
 *   checks (navigation limits, permission handler, CSP) see the main process and the page at once,
 *   and file names come out relative to the repository root (electron/main/index.ts).
 * - The Electron version is the installed one (node_modules/electron), so version-dependent defaults
 *   are judged for the Electron the app ships, not the tool's fallback v0.1.0.
 * - AvailableSecurityFixesGlobalCheck is excluded: it downloads Electron's release list from GitHub,
 *   which makes the gate slow offline and its answer depend on the network. Keeping Electron current is
 *   the dependency update's job, not this gate's.
 *
 * A suppression is { check, file, line?, justification }: `check` is the finding's id (e.g.
 * OPEN_EXTERNAL_JS_CHECK), `file` is relative to the repository root, `line` pins it to one line
 * (leave it out to cover every finding of that check in that file). An entry without a written
 * justification is an error, and so is an entry that no longer matches any finding (stale).
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SUPPRESSIONS_FILE = path.join(ROOT, 'build', 'electronegativity-suppressions.json');
const SCANNED_DIRS = ['electron', 'renderer'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATED: ReadonlySet<string> = new Set(['HIGH', 'MEDIUM']);
/** The shortest justification accepted: a sentence, not "ok" or "n/a". */
const MIN_JUSTIFICATION = 20;

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** Relative to the repository root, with forward slashes. */
  file: string;
  line: number | null;
  column: number | null;
  sample: string;
  description: string;
}

export interface Suppression {
  check: string;
  file: string;
  line?: number | undefined;
  justification: string;
}

export interface GateResult {
  ok: boolean;
  /** Gated findings no suppression covers. */
  unsuppressed: Finding[];
  /** Gated findings a suppression covers. */
  suppressed: { finding: Finding; by: Suppression }[];
  /** Suppressions that matched nothing. */
  stale: Suppression[];
  /** Malformed suppression entries (no justification, missing fields). */
  errors: string[];
  /** Findings below the gate (LOW, INFORMATIONAL), reported but not failing. */
  ignored: Finding[];
}

/** RFC 4180 CSV: quoted fields with "" for a quote, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
}

/**
 * electronegativity's CSV: `issue, severity, confidence, filename, location, sample, description, url`,
 * location "line:column", "N/A" for an absent value. The header is skipped wherever it lands (the tool
 * writes it and the rows with two unsynchronised writes). A row of another shape is an error: a gate
 * that silently skipped what it cannot read would pass on a format change.
 */
export function parseFindings(csv: string): Finding[] {
  const findings: Finding[] = [];
  for (const row of parseCsv(csv)) {
    if (row[0]?.trim() === 'issue') continue;
    if (row.length !== 8)
      throw new Error(`Unexpected electronegativity CSV row (${row.length} fields): ${row.join(',')}`);
    const [check, severity, confidence, file, location, sample, description] = row.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [l, c] = location.split(':');
    const num = (s: string | undefined): number | null => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);
    findings.push({
      check,
      severity: severity.toUpperCase(),
      confidence: confidence.toUpperCase(),
      file: file === 'N/A' ? file : file.split(path.sep).join('/'),
      line: num(l),
      column: num(c),
      sample: sample === 'N/A' ? '' : sample,
      description,
    });
  }
  return findings;
}

/** Validates the suppressions file's content; malformed entries are reported, not dropped silently. */
export function parseSuppressions(json: unknown): { entries: Suppression[]; errors: string[] } {
  const errors: string[] = [];
  const entries: Suppression[] = [];
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { suppressions?: unknown }).suppressions)
      ? (json as { suppressions: unknown[] }).suppressions
      : null;
  if (!list) return { entries, errors: ['The suppressions file must be { "suppressions": [ … ] }.'] };
  list.forEach((raw, i) => {
    const where = `suppression #${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${where}: not an object.`);
      return;
    }
    const e = raw as Record<string, unknown>;
    const label = `${where} (${String(e['check'])} in ${String(e['file'])})`;
    for (const key of Object.keys(e)) {
      if (!['check', 'file', 'line', 'justification'].includes(key)) errors.push(`${label}: unknown key "${key}".`);
    }
    if (typeof e['check'] !== 'string' || !/^[A-Z0-9_]+$/.test(e['check'])) {
      errors.push(`${label}: "check" must be a check id such as OPEN_EXTERNAL_JS_CHECK.`);
      return;
    }
    if (typeof e['file'] !== 'string' || e['file'] === '' || path.isAbsolute(e['file'])) {
      errors.push(`${label}: "file" must be a path relative to the repository root.`);
      return;
    }
    if (e['line'] !== undefined && (typeof e['line'] !== 'number' || !Number.isInteger(e['line']) || e['line'] < 0)) {
      errors.push(`${label}: "line" must be a line number.`);
      return;
    }
    const justification = typeof e['justification'] === 'string' ? e['justification'].trim() : '';
    if (justification.length < MIN_JUSTIFICATION) {
      errors.push(
        `${label}: no written justification (at least ${MIN_JUSTIFICATION} characters saying why it is safe).`,
      );
      return;
    }
    entries.push({
      check: e['check'],
      file: e['file'].split('\\').join('/'),
      ...(typeof e['line'] === 'number' ? { line: e['line'] } : {}),
      justification,
    });
  });
  return { entries, errors };
}

function matches(s: Suppression, f: Finding): boolean {
  return s.check === f.check && s.file === f.file && (s.line === undefined || s.line === f.line);
}

/** The gate's decision: fails on unsuppressed HIGH/MEDIUM findings, malformed and stale suppressions. */
export function evaluate(findings: Finding[], suppressionsJson: unknown): GateResult {
  const { entries, errors } = parseSuppressions(suppressionsJson);
  const used = new Set<Suppression>();
  const result: GateResult = { ok: false, unsuppressed: [], suppressed: [], stale: [], errors, ignored: [] };
  for (const f of findings) {
    if (!GATED.has(f.severity)) {
      result.ignored.push(f);
      continue;
    }
    const by = entries.find((s) => matches(s, f));
    if (by) {
      used.add(by);
      result.suppressed.push({ finding: f, by });
    } else result.unsuppressed.push(f);
  }
  // A suppression of a LOW finding is not needed: it counts as stale, so the file lists only what it must.
  result.stale = entries.filter((s) => !used.has(s));
  result.ok = result.unsuppressed.length === 0 && result.stale.length === 0 && result.errors.length === 0;
  return result;
}

const where = (f: Finding): string =>
  `${f.file}${f.line !== null ? `:${f.line}` : ''}${f.column !== null ? `:${f.column}` : ''}`;

export function formatReport(r: GateResult): string {
  const out: string[] = [];
  for (const f of r.unsuppressed) {
    out.push(`FAIL ${f.severity} ${f.check} at ${where(f)}: ${f.description}${f.sample ? `\n       ${f.sample}` : ''}`);
  }
  for (const s of r.stale) {
    out.push(
      `FAIL stale suppression: ${s.check} in ${s.file}${s.line !== undefined ? `:${s.line}` : ''} matches no finding; remove it.`,
    );
  }
  for (const e of r.errors) out.push(`FAIL ${e}`);
  for (const { finding: f } of r.suppressed)
    out.push(`ok   ${f.severity} ${f.check} at ${where(f)} (suppressed, justified)`);
  for (const f of r.ignored) out.push(`info ${f.severity} ${f.check} at ${where(f)}: ${f.description}`);
  out.push(
    r.ok
      ? `Electron security gate passed: ${r.suppressed.length} justified, ${r.ignored.length} below MEDIUM.`
      : `Electron security gate FAILED: ${r.unsuppressed.length} unsuppressed HIGH/MEDIUM finding(s), ${r.stale.length} stale and ${r.errors.length} malformed suppression(s). Fix the code, or justify it in build/electronegativity-suppressions.json.`,
  );
  return out.join('\n');
}

function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** (check, file) of each result in electronegativity's SARIF output, for the cross-check below. */
export function sarifKeys(sarif: string): string[] {
  const doc = JSON.parse(sarif) as {
    runs?: {
      results?: { ruleId?: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[];
    }[];
  };
  const keys: string[] = [];
  for (const run of doc.runs ?? []) {
    for (const r of run.results ?? []) {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A';
      keys.push(`${r.ruleId ?? '?'} ${uri === 'file:///' ? 'N/A' : uri.split(path.sep).join('/')}`);
    }
  }
  return keys.sort();
}

/**
 * Preloaded into electronegativity: its CSV writer calls fs.writeFile twice without waiting (the header
 * with flag 'w', then the rows with 'a'), and under load the header lands over the rows or truncates
 * them. This makes fs.writeFile calls run one after another, in call order.
 */
export const SERIAL_WRITES = `'use strict';
const fs = require('fs');
const writeFile = fs.writeFile;
let queue = Promise.resolve();
fs.writeFile = function (file, data, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  queue = queue.then(() => new Promise((resolve) => {
    const done = (err) => { resolve(); if (callback) callback(err); };
    if (options === undefined) writeFile.call(fs, file, data, done);
    else writeFile.call(fs, file, data, options, done);
  }));
};
`;

function runTool(input: string, output: string, cwd: string): Promise<void> {
  const bin = path.join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const preload = path.join(cwd, 'serial-writes.cjs');
  if (!fs.existsSync(preload)) fs.writeFileSync(preload, SERIAL_WRITES);
  const args = ['--require', preload, bin, '-i', input, '-o', output, '-r', '-v', 'false'];
  args.push('-e', electronVersion(), '-x', EXCLUDED_CHECKS.join(','));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`electronegativity failed: ${err.message}\n${stdout}\n${stderr}`));
      else if (!fs.existsSync(output)) reject(new Error(`electronegativity wrote no ${output}.\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * Runs electronegativity on a copy of electron/ and renderer/ and returns its findings. The CSV has the
 * severities, but the tool writes its header and its rows with two concurrent fs.writeFile calls (flags
 * 'w' and 'a'; seen to garble the file under load), so the writes are serialised (SERIAL_WRITES above).
 * As a check that no finding is lost, a SARIF report (one write, but no severities) is produced side by
 * side and must list the same findings; if they disagree the gate fails rather than guess.
 */
export async function runElectronegativity(root = ROOT, dirs: readonly string[] = SCANNED_DIRS): Promise<Finding[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-electronegativity-'));
  try {
    const input = path.join(work, 'src');
    for (const dir of dirs) {
      fs.cpSync(path.join(root, dir), path.join(input, dir), {
        recursive: true,
        filter: (src) => !/[\\/](node_modules|dist|out)$/.test(src),
      });
    }
    const csvFile = path.join(work, 'findings.csv');
    const sarifFile = path.join(work, 'findings.sarif');
    await Promise.all([runTool(input, csvFile, work), runTool(input, sarifFile, work)]);
    const findings = parseFindings(fs.readFileSync(csvFile, 'utf8'));
    const fromCsv = findings.map((f) => `${f.check} ${f.file}`).sort();
    const fromSarif = sarifKeys(fs.readFileSync(sarifFile, 'utf8'));
    if (fromCsv.join('\n') !== fromSarif.join('\n')) {
      throw new Error(
        `electronegativity's CSV and SARIF outputs disagree (${fromCsv.length} vs ${fromSarif.length} findings); run the gate again.\nCSV:   ${fromCsv.join(', ')}\nSARIF: ${fromSarif.join(', ')}`,
      );
    }
    return findings;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function readSuppressions(file = SUPPRESSIONS_FILE): unknown {
  if (!fs.existsSync(file)) return { suppressions: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

async function main(): Promise<number> {
  const findings = await runElectronegativity();
  const result = evaluate(findings, readSuppressions());
  const report = formatReport(result);
  if (result.ok) process.stdout.write(`${report}\n`);
  else console.error(report);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
