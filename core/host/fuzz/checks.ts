import { ERROR_CODES } from '../../contract/errors.ts';
import net from 'node:net';

// ---------------------------------------------------------------- answer checks

export const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** What a sentence for a person must never contain. */
export const LEAKS = [
  /\n\s+at /, // a stack frame
  /\b(ZodError|invalid_type|invalid_union|invalid_format|unrecognized_keys|too_big|too_small|invalid_value)\b/,
  /"(code|path|issues|expected|received)"\s*:/, // serialised zod issues
  /\[object Object\]/,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|SqliteError)\b/,
  /Cannot read propert|is not a function|is not iterable|undefined is not/,
  /SQLITE_|no such (table|column)/,
];

export function problemsOf(result: unknown): string[] {
  if (typeof result !== 'object' || result === null) return [`answer is ${typeof result}`];
  const r = result as Record<string, unknown>;
  if (r['ok'] === true) return 'data' in r ? [] : ['ok answer without data'];
  if (r['ok'] !== false) return ['answer has no ok flag'];
  const problems: string[] = [];
  if (typeof r['code'] !== 'string' || !KNOWN_CODES.has(r['code'])) problems.push(`unknown code ${String(r['code'])}`);
  const texts: string[] = [];
  if (typeof r['message'] !== 'string' || r['message'].length === 0) problems.push('no message');
  else texts.push(r['message']);
  if (r['fields'] !== undefined) {
    if (typeof r['fields'] !== 'object' || r['fields'] === null) problems.push('fields is not an object');
    else
      for (const [k, v] of Object.entries(r['fields'])) {
        if (typeof v !== 'string') problems.push(`field ${k} message is ${typeof v}`);
        else texts.push(v);
        if (k.length > 300) problems.push(`a field key of ${k.length} characters`);
      }
  }
  for (const extra of Object.keys(r)) {
    if (!['ok', 'code', 'message', 'fields'].includes(extra)) problems.push(`unexpected key ${extra}`);
  }
  for (const t of texts) {
    if (t.length > 600) problems.push(`message of ${t.length} characters`);
    for (const leak of LEAKS) if (leak.test(t)) problems.push(`message leaks ${leak}: ${t.slice(0, 160)}`);
  }
  return problems;
}

export function prototypeSnapshot(): string {
  const describe = (o: object): string =>
    Reflect.ownKeys(o)
      .map((k) => String(k))
      .sort()
      .join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(describe).join('|');
}

export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- the dispatcher
