/**
 * Draws the allergen-flag review sample (docs/decisions/allergen-flags.md): a deterministic shuffle
 * of the bundled foods (seeded PRNG), then the first N the table flags and the first N it does not.
 * Prints JSON lines {ndb, name, group, derived} for a reviewer to label; with --check FILE it instead
 * prints, for a labelled review file, each food where the table and the reviewer disagree, and the
 * precision and miss rate of the table over that file.
 *
 *   node scripts/allergen-sample.ts [--seed 2026] [--per-side 200] [--skip FILE]
 *   node scripts/allergen-sample.ts --check core/foods/allergen-review.json
 *
 * --skip leaves out the foods of an earlier review file (to draw a fresh, held-out sample).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { deriveAllergens } from '../core/foods/allergen-table.ts';
import { defaultBundledFoodsFile } from '../core/foods/bundled.ts';
import { mulberry32 } from '../core/util/prng.ts';

const print = (line: string): void => void process.stdout.write(`${line}\n`);

interface Reviewed {
  sample: string;
  side: 'flagged' | 'unflagged';
  ndb: string;
  name: string;
  group: string;
  /** What the table derived when the food was reviewed. */
  atReview: string[];
  /** The reviewer's label. */
  expected: string[];
  residual?: boolean;
}

/**
 * Per side of the sample: foods exactly right; for the flagged side also the flags raised and how many
 * were right (flag precision); for the unflagged side the foods that contain an allergen (miss rate).
 */
function metrics(items: Reviewed[], derived: (i: Reviewed) => readonly string[]): string {
  const flagged = items.filter((i) => i.side === 'flagged');
  const unflagged = items.filter((i) => i.side === 'unflagged');
  const exact = (list: Reviewed[]): number => list.filter((i) => sameSet(derived(i), i.expected)).length;
  let raised = 0;
  let right = 0;
  let missedFlags = 0;
  for (const i of flagged) {
    const d = derived(i);
    raised += d.length;
    right += d.filter((a) => i.expected.includes(a)).length;
    missedFlags += i.expected.filter((a) => !d.includes(a)).length;
  }
  const missedFoods = unflagged.filter((i) => i.expected.some((a) => !derived(i).includes(a))).length;
  return (
    `flagged side ${exact(flagged)}/${flagged.length} foods exactly right (${pct(exact(flagged), flagged.length)}), ` +
    `flag precision ${right}/${raised} (${pct(right, raised)}), ${missedFlags} flags missing; ` +
    `unflagged side ${missedFoods}/${unflagged.length} foods contain an allergen the table misses (${pct(missedFoods, unflagged.length)})`
  );
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    'per-side': { type: 'string', default: '200' },
    skip: { type: 'string' },
    check: { type: 'string' },
  },
});

if (values.check) {
  const review = JSON.parse(fs.readFileSync(values.check, 'utf8')) as { items: Reviewed[] };
  for (const sample of [...new Set(review.items.map((i) => i.sample))]) {
    const items = review.items.filter((i) => i.sample === sample);
    print(`sample ${sample}: ${items.length} foods`);
    print(`  as reviewed: ${metrics(items, (i) => i.atReview)}`);
    print(`  table now:   ${metrics(items, (i) => deriveAllergens({ name: i.name, foodGroup: i.group }))}`);
    for (const i of items) {
      const now = deriveAllergens({ name: i.name, foodGroup: i.group });
      if (!sameSet(now, i.expected)) {
        print(
          `  ${i.residual ? 'residual' : 'WRONG   '} ${i.ndb} ${i.name}: table ${now.join(',') || '-'}, expected ${i.expected.join(',') || '-'}`,
        );
      }
    }
  }
} else {
  const file = JSON.parse(gunzipSync(fs.readFileSync(defaultBundledFoodsFile())).toString('utf8')) as {
    foods: [string, string, string, unknown][];
  };
  const skip = new Set(
    values.skip
      ? (JSON.parse(fs.readFileSync(values.skip, 'utf8')) as { items: Reviewed[] }).items.map((i) => i.ndb)
      : [],
  );
  const rng = mulberry32(Number(values.seed));
  const foods = file.foods
    .map(([ndb, name, group]) => ({ ndb, name, group }))
    .filter((f) => !skip.has(f.ndb))
    .sort((a, b) => a.ndb.localeCompare(b.ndb));
  // Fisher-Yates with the seeded generator: the same seed draws the same foods on every machine.
  for (let i = foods.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [foods[i], foods[j]] = [foods[j]!, foods[i]!];
  }
  const perSide = Number(values['per-side']);
  const flagged: object[] = [];
  const unflagged: object[] = [];
  for (const f of foods) {
    const derived = deriveAllergens({ name: f.name, foodGroup: f.group });
    const side = derived.length > 0 ? flagged : unflagged;
    if (side.length < perSide) side.push({ ...f, derived });
    if (flagged.length >= perSide && unflagged.length >= perSide) break;
  }
  for (const item of [...flagged, ...unflagged]) print(JSON.stringify(item));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}
