// ---------------------------------------------------------------- deterministic randomness

/** The PRNG seed of a fuzz run (FUZZ_SEED replays a failure). */
export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261125);

export type Rng = () => number;
export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)] as T;

// ---------------------------------------------------------------- nasty values

/**
 * A marker in the nasty strings. Handlers may name a short value back (a rule id, a column), so an echo
 * is not a failure in itself; an answer longer than 600 characters is (a 1 MB value sent back).
 */
export const CANARY = 'FUZZ-CANARY-7f3a';
export const HUGE = `${CANARY}${'x'.repeat(1024 * 1024)}`;
export const HUGE_BASE64 = 'QUJD'.repeat(256 * 1024);

export function deep(levels: number, kind: 'object' | 'array'): unknown {
  let v: unknown = CANARY;
  for (let i = 0; i < levels; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}
export const DEEP_OBJECT = deep(10_000, 'object');
export const DEEP_ARRAY = deep(10_000, 'array');

/** Own keys named __proto__ / constructor / prototype, as JSON.parse makes them (not setters). */
export const protoObjects = (): unknown[] => [
  JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"prototype": {"polluted": "yes"}}'),
  JSON.parse('{"__proto__": {"__proto__": {"polluted": "yes"}}, "id": "x"}'),
  JSON.parse('{"a": {"__proto__": {"polluted": "yes"}}}'),
];

export const LEAVES: readonly unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  -1,
  1,
  0.5,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31),
  10n,
  '',
  ' ',
  '\u0000',
  '\uD800',
  '💥🥦',
  `${CANARY}<script>alert(1)</script>`,
  `${CANARY}'; DROP TABLE clients; --`,
  `../../${CANARY}/etc/passwd`,
  '%00%2e%2e',
  'usda:99999999',
  'usda:',
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-000000000000',
  '0190f1a2-7b3c-7d4e-8f50-123456789abc',
  '0190F1A2-7B3C-7D4E-8F50-123456789ABC',
  '0190f1a2-7b3c-7d4e-8f50-123456789abc\n',
  ' 0190f1a2-7b3c-7d4e-8f50-123456789abc',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '-001-01-01',
  '2026-1-1',
  '2026-03-10T00:00:00Z',
  'NaN',
  '1e999',
  'data:image/png;base64,AAAA',
  'https://example.com/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'a.yaml',
  '../evil.yaml',
  'A'.repeat(10_001),
];

export function randomLeaf(rng: Rng): unknown {
  const r = rng();
  if (r < 0.75) return pick(rng, LEAVES);
  if (r < 0.82) return HUGE;
  if (r < 0.85) return rng() < 0.5 ? DEEP_OBJECT : DEEP_ARRAY;
  if (r < 0.9) return pick(rng, protoObjects());
  if (r < 0.93) return new Date(rng() < 0.5 ? NaN : 0);
  if (r < 0.95) return new Uint8Array(8);
  if (r < 0.97) return new Map([['id', CANARY]]);
  return Object.assign(Object.create(null) as object, { id: CANARY });
}

export const KEYS = [
  'id',
  'clientId',
  'name',
  'date',
  'from',
  'to',
  'passphrase',
  'query',
  'kind',
  'foodId',
  'grams',
  'patch',
  'entry',
  'fileName',
  'dataBase64',
  'serverUrl',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  CANARY,
];

export function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 3 || r < 0.5) return randomLeaf(rng);
  if (r < 0.7) return Array.from({ length: int(rng, 5) }, () => randomValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  const n = int(rng, 5);
  for (let i = 0; i < n; i++) {
    // defineProperty makes "__proto__" an own key, as JSON.parse does, rather than calling the setter.
    Object.defineProperty(o, pick(rng, KEYS), {
      value: randomValue(rng, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return o;
}

// ---------------------------------------------------------------- valid examples and mutation

export type Container = Record<string, unknown> | unknown[];
export const isContainer = (v: unknown): v is Container =>
  Array.isArray(v) || (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype);

/** Paths to every container in a small value (never into the shared deep or huge values). */
export function containers(v: unknown, depth = 0, out: Container[] = []): Container[] {
  if (!isContainer(v) || depth > 6 || v === DEEP_OBJECT || v === DEEP_ARRAY) return out;
  out.push(v);
  for (const child of Object.values(v)) containers(child, depth + 1, out);
  return out;
}

export const setOwn = (o: Container, key: string | number, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};

/** One random change somewhere in a valid example: a value swapped, a key removed or added, a type changed. */
export function mutate(rng: Rng, input: unknown): unknown {
  const root = { root: input };
  const target = pick(rng, containers(root));
  const keys = Object.keys(target);
  const key = keys.length ? pick(rng, keys) : 'root';
  const current = (target as Record<string, unknown>)[key];
  const op = int(rng, 9);
  switch (op) {
    case 0:
      if (!Array.isArray(target)) delete (target as Record<string, unknown>)[key];
      else target.splice(Number(key), 1);
      break;
    case 1:
      setOwn(target, Array.isArray(target) ? target.length : pick(rng, KEYS), randomValue(rng));
      break;
    case 2:
      setOwn(target, key, [current]);
      break;
    case 3:
      if (key === 'dataBase64') setOwn(target, key, HUGE_BASE64);
      else
        setOwn(target, key, typeof current === 'string' ? `${current}${pick(rng, ['\u0000', ' ', HUGE, '💥'])}` : HUGE);
      break;
    case 4:
      setOwn(
        target,
        key,
        typeof current === 'number' ? pick(rng, [NaN, Infinity, -Infinity, -current, current * 1e12, -1]) : 0,
      );
      break;
    case 5:
      setOwn(target, key, pick(rng, [DEEP_OBJECT, DEEP_ARRAY]));
      break;
    case 6:
      setOwn(target, key, pick(rng, protoObjects()));
      break;
    case 7:
      setOwn(target, key, isContainer(current) ? Object.values(current) : { value: current });
      break;
    default:
      setOwn(target, key, randomLeaf(rng));
  }
  return root.root;
}

/** The deterministic cases every method gets first, then random ones up to RUNS. */
export function fixedCases(valid: unknown): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['number', 42],
    ['string', 'x'],
    ['array', []],
    ['array of valid', [valid ?? {}]],
    ['deep object', DEEP_OBJECT],
    ['deep array', DEEP_ARRAY],
    ['huge string', HUGE],
    ...protoObjects().map((p, i): [string, unknown] => [`proto keys #${i}`, p]),
  ];
  if (isContainer(valid) && !Array.isArray(valid)) {
    const json = JSON.stringify(valid);
    const rest = json === '{}' ? '}' : `,${json.slice(1)}`;
    cases.push(['valid + __proto__ key', JSON.parse(`{"__proto__":{"polluted":"yes"}${rest}`)]);
    cases.push(['valid + constructor key', JSON.parse(`{"constructor":{"prototype":{"polluted":"yes"}}${rest}`)]);
    cases.push(['valid + extra key', { ...valid, [CANARY]: 1 }]);
    for (const key of Object.keys(valid)) {
      const without = { ...valid };
      delete without[key];
      cases.push([`valid without ${key}`, without]);
      cases.push([`valid with ${key} huge`, { ...valid, [key]: HUGE }]);
      cases.push([`valid with ${key} deep`, { ...valid, [key]: DEEP_OBJECT }]);
      cases.push([`valid with ${key} NaN`, { ...valid, [key]: NaN }]);
      cases.push([`valid with ${key} array`, { ...valid, [key]: [valid[key]] }]);
    }
  }
  return cases;
}
