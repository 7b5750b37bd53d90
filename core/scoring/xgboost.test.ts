import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contributions, parseXgbModel, predict, predictBatch, predictMargin, XgbModelError } from './xgboost.ts';

// Fixtures written by models/intake-forecast/train.py with XGBoost 1.7.4 (CI has no Python).
const here = path.dirname(fileURLToPath(import.meta.url));
const MODEL_DIR = path.join(here, '..', '..', 'models', 'intake-forecast');
const FIXTURES = path.join(here, 'fixtures');

interface Fixture {
  featureNames: string[];
  rows: (number | null)[][];
  predictions: string[];
  margins?: string[];
  approxContributions?: string[][];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

/** The parts of model.json the tests rewrite. */
interface ModelDoc {
  learner: {
    feature_names?: string[];
    objective: { name: string };
    learner_model_param: { base_score: string };
    gradient_booster: { name: string; model: { trees: { split_type: number[]; split_conditions: number[] }[] } };
  };
}

const modelJson = (): ModelDoc => readJson(path.join(MODEL_DIR, 'model.json')) as ModelDoc;
function tree(doc: ModelDoc, i: number): ModelDoc['learner']['gradient_booster']['model']['trees'][number] {
  const t = doc.learner.gradient_booster.model.trees[i];
  if (!t) throw new Error(`no tree ${i}`);
  return t;
}
const fixture = readJson(path.join(MODEL_DIR, 'parity-fixture.json')) as Fixture;
const toRow = (r: (number | null)[]): number[] => r.map((v) => (v === null ? NaN : v));
const f32 = (s: string): number => Math.fround(Number(s));

/** Counts rows whose prediction is not bit-identical (float32) to the expected decimal strings. */
function mismatches(model: ReturnType<typeof parseXgbModel>, rows: (number | null)[][], expected: string[]): string[] {
  const bad: string[] = [];
  rows.forEach((r, i) => {
    const got = predict(model, toRow(r));
    const want = f32(expected[i] ?? 'NaN');
    if (!Object.is(Math.fround(got), want)) bad.push(`row ${i}: got ${got}, XGBoost ${want}`);
  });
  return bad;
}

describe('XGBoost scorer parity (intake-forecast model vs XGBoost 1.7.4)', () => {
  const model = parseXgbModel(modelJson());

  it('reads the model', () => {
    expect(model.objective).toBe('reg:squarederror');
    expect(model.featureNames).toEqual(fixture.featureNames);
    expect(model.numTrees).toBeGreaterThan(10);
    expect(fixture.rows.length).toBeGreaterThanOrEqual(1000);
    expect(fixture.rows.some((r) => r.includes(null))).toBe(true);
  });

  it('is bit-identical to XGBoost on every fixture row (NaN, thresholds included)', () => {
    expect(mismatches(model, fixture.rows, fixture.predictions)).toEqual([]);
  });

  it('margins are bit-identical too', () => {
    const margins = fixture.margins ?? [];
    fixture.rows.forEach((r, i) =>
      expect(Object.is(predictMargin(model, toRow(r)), f32(margins[i] ?? 'NaN'))).toBe(true),
    );
  });

  it('batch equals single', () => {
    const n = fixture.rows.length;
    const flat = new Float32Array(n * model.numFeature);
    fixture.rows.forEach((r, i) => flat.set(toRow(r), i * model.numFeature));
    const batch = predictBatch(model, flat, n);
    fixture.rows.forEach((r, i) => expect(Object.is(batch[i], predict(model, toRow(r)))).toBe(true));
  });

  it('contributions add up to the margin on every row and match XGBoost approx_contribs', () => {
    for (const r of fixture.rows) {
      const row = toRow(r);
      const { bias, values } = contributions(model, row);
      const sum = values.reduce((a, b) => a + b, bias);
      expect(Math.abs(sum - predictMargin(model, row))).toBeLessThan(0.01);
    }
    (fixture.approxContributions ?? []).forEach((want, i) => {
      const { bias, values } = contributions(model, toRow(fixture.rows[i] ?? []));
      [...values, bias].forEach((v, j) => expect(Math.abs(v - f32(want[j] ?? 'NaN'))).toBeLessThan(0.01));
    });
  });

  it('reads the 3.1+ base_score format "[…]" the same', () => {
    const doc = modelJson();
    const p = doc.learner.learner_model_param;
    p.base_score = `[${p.base_score}]`;
    expect(mismatches(parseXgbModel(doc), fixture.rows.slice(0, 200), fixture.predictions)).toEqual([]);
  });

  it('names features f0..fn when the model has no feature_names', () => {
    const doc = modelJson();
    delete doc.learner.feature_names;
    expect(parseXgbModel(doc).featureNames.slice(0, 2)).toEqual(['f0', 'f1']);
  });

  it('rejects rows that are too short', () => {
    expect(() => predict(model, [1, 2, 3])).toThrow(/needs 15 features/);
  });
});

describe('other objectives (small fixture models)', () => {
  const cases: [string, string][] = [
    ['logistic.model.json', 'logistic.expected.json'],
    ['logistic-v3-base-score.model.json', 'logistic.expected.json'],
    ['poisson.model.json', 'poisson.expected.json'],
  ];
  for (const [modelFile, expectedFile] of cases) {
    it(`${modelFile} is bit-identical to XGBoost`, () => {
      const m = parseXgbModel(readJson(path.join(FIXTURES, modelFile)));
      const exp = readJson(path.join(FIXTURES, expectedFile)) as Fixture & { objective: string };
      expect(m.objective).toBe(exp.objective);
      expect(mismatches(m, exp.rows, exp.predictions)).toEqual([]);
    });
  }
  it('the v3 copy really uses "[5E-1]"', () => {
    const doc = readJson(path.join(FIXTURES, 'logistic-v3-base-score.model.json')) as ModelDoc;
    expect(doc.learner.learner_model_param.base_score).toBe('[5E-1]');
    expect(parseXgbModel(doc).baseScore).toBe(0.5);
  });
});

describe('unsupported models are rejected up front', () => {
  const reject = (mutate: (doc: ModelDoc) => unknown, message: RegExp): void => {
    const doc = modelJson();
    const result = mutate(doc);
    expect(() => parseXgbModel(result === undefined ? doc : result)).toThrow(message);
    expect(() => parseXgbModel(result === undefined ? doc : result)).toThrow(XgbModelError);
  };
  it('multi:softmax', () =>
    reject((d) => void (d.learner.objective.name = 'multi:softmax'), /Objective "multi:softmax" is not supported/));
  it('dart', () =>
    reject((d) => void (d.learner.gradient_booster.name = 'dart'), /dart\/gblinear models are not supported/));
  it('gblinear', () =>
    reject(
      (d) => ({ learner: { ...d.learner, gradient_booster: { name: 'gblinear', model: { weights: [] } } } }),
      /dart\/gblinear/,
    ));
  it('categorical split (split_type 1)', () =>
    reject((d) => void (tree(d, 3).split_type[0] = 1), /categorical split.*only numeric/));
  it('garbage JSON', () => {
    for (const g of [null, 'model', 42, [], {}, { learner: {} }]) expect(() => parseXgbModel(g)).toThrow(XgbModelError);
  });
  it('bad base_score', () =>
    reject((d) => void (d.learner.learner_model_param.base_score = 'abc'), /base_score "abc"/));
  it('broken tree arrays', () => reject((d) => void tree(d, 0).split_conditions.pop(), /Tree 0: split_conditions/));
});
