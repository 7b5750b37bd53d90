import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { modelPredict } from './model.ts';

const MODEL_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'models',
  'intake-forecast',
);
const MODEL = path.join(MODEL_DIR, 'model.json');
const fixture = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'parity-fixture.json'), 'utf8')) as {
  featureNames: string[];
  rows: (number | null)[][];
  predictions: string[];
};

function writeCsv(header: string[], rows: string[][]): string {
  const file = path.join(tempDir(), 'rows.csv');
  fs.writeFileSync(file, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return file;
}

describe('bioai model predict', () => {
  it('prints XGBoost’s prediction for every fixture row (columns in any order, empty = missing)', async () => {
    // Reverse the column order to prove columns are matched by name.
    const order = [...fixture.featureNames.keys()].reverse();
    const csv = writeCsv(
      order.map((i) => fixture.featureNames[i] ?? ''),
      fixture.rows.map((r) => order.map((i) => (r[i] === null ? '' : String(r[i])))),
    );
    const lines: string[] = [];
    expect(await modelPredict(['--model', MODEL, '--csv', csv], (s) => lines.push(s))).toBe(0);
    expect(lines).toHaveLength(fixture.rows.length);
    lines.forEach((l, i) => expect(Math.fround(Number(l))).toBe(Math.fround(Number(fixture.predictions[i]))));
  });

  it('names a missing column', async () => {
    const csv = writeCsv(fixture.featureNames.slice(1), [['1']]);
    await expect(modelPredict(['--model', MODEL, '--csv', csv], () => undefined)).rejects.toThrow(
      /column "day1_energy_kcal" is missing/,
    );
  });

  it('names the row and column of a non-numeric cell', async () => {
    const cells = fixture.featureNames.map(() => '1');
    const bad = [...cells];
    bad[3] = 'lots';
    const csv = writeCsv(fixture.featureNames, [cells, bad]);
    await expect(modelPredict(['--model', MODEL, '--csv', csv], () => undefined)).rejects.toThrow(
      /row 2 \(line 3\), column "day1_sugar_g": "lots" is not a number/,
    );
  });

  it('rejects an unsupported model and bad usage with exit code 2', async () => {
    const doc = JSON.parse(fs.readFileSync(MODEL, 'utf8')) as { learner: { objective: { name: string } } };
    doc.learner.objective.name = 'multi:softmax';
    const file = path.join(tempDir(), 'softmax.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const csv = writeCsv(fixture.featureNames, []);
    await expect(modelPredict(['--model', file, '--csv', csv], () => undefined)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/multi:softmax/) as unknown,
    });
    await expect(modelPredict(['--model', MODEL], () => undefined)).rejects.toMatchObject({ exitCode: 2 });
  });
});
