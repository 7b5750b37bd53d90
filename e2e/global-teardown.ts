import fs from 'node:fs';
import path from 'node:path';
import { LOGS_DIR } from './fixtures.ts';
import { piiSeeds } from './pii-seeds.ts';

/**
 * Runs once after the whole end-to-end run (playwright.config.ts `globalTeardown`): reads every log
 * the run wrote under test-results/logs/ (each `bioai serve`'s stdout and stderr, the data folders' log
 * files, and any other log a spec sends there with `logFileFor`) and fails, naming file and line, if
 * one holds a seeded client's name, e-mail address or phone number, or a passphrase or password the
 * specs type (secretsFromSpecs). It also fails when it finds no log file at all.
 *
 * The seeded values are e2e/pii-seeds.ts plus, as a safety net for specs that do not use it yet, every
 * client value a spec types literally: `createClient(page, { name: … })` and
 * `getByTestId('field-name' | 'field-email' | 'field-phone').fill(…)`, with a string literal or a
 * `const X = '…'` of the same file.
 */
const E2E_DIR = import.meta.dirname;

export function seedsFromSpecs(dir = E2E_DIR): string[] {
  const found = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.spec.ts'))) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const consts = new Map<string, string>();
    for (const m of src.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*'([^'\n]+)'/g)) consts.set(m[1] ?? '', m[2] ?? '');
    const value = (expr: string): string | undefined => {
      const lit = /^'([^'\n]+)'$/.exec(expr.trim());
      return lit ? lit[1] : consts.get(expr.trim());
    };
    const uses = [
      ...src.matchAll(/createClient\(\s*\w+\s*,\s*\{\s*name:\s*('[^'\n]+'|[A-Za-z_$][\w$]*)/g),
      ...src.matchAll(/getByTestId\('field-(?:name|email|phone)'\)\s*\.fill\(\s*('[^'\n]+'|[A-Za-z_$][\w$]*)\s*\)/g),
    ];
    for (const m of uses) {
      const v = value(m[1] ?? '');
      if (v) found.add(v);
    }
  }
  return [...found];
}

/**
 * The passphrases and passwords the specs type (they must never reach a log either): string constants
 * named like `PASSPHRASE` / `LOCAL_PASSPHRASE` / `PASSWORD`, `passphrase: '…'` / `password: '…'`
 * properties, and literals filled into passphrase, password and recovery fields.
 */
export function secretsFromSpecs(dir = E2E_DIR): string[] {
  const found = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.spec.ts'))) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const patterns = [
      /\bconst\s+[A-Za-z_$]*(?:PASSPHRASE|PASSWORD)[A-Za-z_$]*\s*=\s*'([^'\n]+)'/gi,
      /\b(?:passphrase|password|next|current)\s*:\s*'([^'\n]+)'/g,
      /getByTestId\('[a-z-]*(?:passphrase|password|recover-next|recover-confirm|setup-confirm)[a-z-]*'\)\s*\.fill\(\s*'([^'\n]+)'\s*\)/g,
    ];
    for (const re of patterns) for (const m of src.matchAll(re)) if (m[1] && m[1].length >= 6) found.add(m[1]);
  }
  return [...found];
}

export interface Finding {
  file: string;
  line: number;
  value: string;
  text: string;
}

/** Each line of each file under `dir` that holds one of `seeds` (case-insensitive; phones also without separators). */
export function scanLogs(dir: string, seeds: string[]): { files: number; lines: number; findings: Finding[] } {
  const needles = new Map<string, string>();
  for (const s of seeds) {
    needles.set(s.toLowerCase(), s);
    const digits = s.replace(/[\s().+-]/g, '');
    if (/^\d{7,}$/.test(digits)) needles.set(digits, s);
  }
  const findings: Finding[] = [];
  let files = 0;
  let lines = 0;
  if (!fs.existsSync(dir)) return { files, lines, findings };
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    files++;
    const content = fs.readFileSync(file, 'utf8').split('\n');
    content.forEach((text, i) => {
      lines++;
      const lower = text.toLowerCase();
      const compact = text.replace(/[\s().+-]/g, '');
      for (const [needle, seed] of needles) {
        if (lower.includes(needle) || compact.includes(needle)) {
          findings.push({
            file: path.relative(process.cwd(), file),
            line: i + 1,
            value: seed,
            text: text.slice(0, 300),
          });
        }
      }
    });
  }
  return { files, lines, findings };
}

/** The end-of-run check; throws when a log holds a seeded value, or when there were no logs to scan. */
export function checkLogs(dir: string, seeds: string[]): { files: number; lines: number } {
  const { files, lines, findings } = scanLogs(dir, seeds);
  if (findings.length) {
    const list = findings.map((f) => `  ${f.file}:${f.line}: "${f.value}" in: ${f.text}`).join('\n');
    throw new Error(`Personal data or secrets of the test run found in ${findings.length} log line(s):\n${list}`);
  }
  if (files === 0) {
    // A scan of nothing would pass whatever the app logged: the logs must have moved or stopped being kept.
    throw new Error(`PII log scan: no log files under ${dir}; the logs were not written where the scan looks.`);
  }
  return { files, lines };
}

export default function globalTeardown(): void {
  const seeds = [...new Set([...piiSeeds(), ...seedsFromSpecs(), ...secretsFromSpecs()])];
  const { files, lines } = checkLogs(LOGS_DIR, seeds);
  process.stdout.write(
    `PII log scan: ${files} log file(s), ${lines} line(s), ${seeds.length} seeded value(s): none found.\n`,
  );
}
