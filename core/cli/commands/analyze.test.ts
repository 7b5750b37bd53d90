import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { PICTURES } from '../../vision/testing/fixtures.ts';
import { runCli } from '../run-for-test.ts';

const PASS = 'cli passphrase 123';
const APPLES = path.join(PICTURES, 'E001.jpeg'); // three apples
const PILE = path.join(PICTURES, 'E005.jpeg'); // a heap of dried fruit taken for ~23 doughnuts

interface JsonItem {
  label: string;
  grams: number | null;
  basisKind: string;
  portionBasis: string;
  count: number | null;
  measure: { name: string; grams: number } | null;
  range: { low: number; high: number } | null;
  flag: string | null;
}

function checkApples(items: JsonItem[]): void {
  const apple = items.find((i) => i.label === 'apple');
  // USDA SR: apple small 149 g, medium 182 g, large 223 g.
  expect(apple).toMatchObject({
    basisKind: 'count',
    count: 3,
    measure: { name: 'medium', grams: 182 },
    grams: 546,
    range: { low: 447, high: 669 },
    flag: null,
  });
  expect(apple!.portionBasis).toMatch(/^3 × medium \(182 g\), counted in the photo/);
}

describe('bioai analyze: amounts with their basis, range and flag', () => {
  it('prints each amount with its basis and range; a pile is flagged, not proposed (no --client)', async () => {
    const r = await runCli(['analyze', APPLES, PILE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/apple .*Apples, raw, with skin {2}3 × medium = 546 g \(plausible 447–669 g\)/);
    expect(r.out).toContain('      basis: 3 × medium (182 g), counted in the photo');
    expect(r.out).toMatch(/donut .* no amount proposed\n {6}basis: \d+ doughnuts seen/);
    expect(r.out).toMatch(/ {6}! \d+ doughnuts is more than a meal usually holds \(at most 4\)/);
    expect(r.out).toContain('  ! Some items have no amount proposed: enter their amounts.');

    const j = await runCli(['analyze', '--json', APPLES, PILE]);
    expect(j.code).toBe(0);
    const [apples, pile] = JSON.parse(j.out) as { items: JsonItem[]; flags: string[] }[];
    checkApples(apples!.items);
    expect(apples!.flags).toEqual([]);
    expect(pile!.items.find((i) => i.label === 'donut')).toMatchObject({
      basisKind: 'flagged',
      grams: null,
      range: null,
    });
    expect(pile!.flags.length).toBeGreaterThan(0);
  }, 60_000);

  it('with --client the stored analysis carries the same fields', async () => {
    const dir = tempDir();
    const env = { BIOAI_PASSPHRASE: PASS };
    expect((await runCli(['--data-dir', dir, 'init'], env)).code).toBe(0);
    const add = ['clients', 'add', '--name', 'Photo Client', '--sex', 'female', '--birth-date', '1980-05-01'];
    expect((await runCli(['--data-dir', dir, ...add], env)).code).toBe(0);
    const j = await runCli(['--data-dir', dir, 'analyze', '--json', '--client', 'Photo Client', APPLES], env);
    expect(j.code).toBe(0);
    const [a] = JSON.parse(j.out) as { items: JsonItem[]; flags: string[] }[];
    checkApples(a!.items);
    expect(a!.flags).toEqual([]);
    const t = await runCli(['--data-dir', dir, 'analyze', '--client', 'Photo Client', APPLES], env);
    expect(t.out).toContain('3 × medium = 546 g (plausible 447–669 g)');
  }, 60_000);
});
