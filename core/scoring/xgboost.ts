/**
 * A pure TypeScript scorer for XGBoost `model.json` (gbtree, numeric splits, one output), bit-identical to
 * XGBoost's own CPU predictor. The npm scorers we tried were wrong on model.json, or had NaN and float
 * precision bugs, and the app must not need Python.
 *
 * Semantics (XGBoost 1.7 src/predictor/cpu_predictor.cc, include/xgboost/tree_model.h):
 * - inputs are float32: a split goes left iff Math.fround(x) < threshold; NaN goes to the node's default side;
 * - a leaf's value is split_conditions[leaf] (base_weights are before the learning rate, so not usable);
 * - the margin starts at base_score turned into a margin (stored on the output scale: "5E-1" in 1.7,
 *   "[5E-1]" in 3.1+) and the trees are added in float32, in order; then the objective's transform.
 */

export type XgbObjective = 'reg:squarederror' | 'binary:logistic' | 'count:poisson';

const OBJECTIVES: readonly string[] = ['reg:squarederror', 'binary:logistic', 'count:poisson'];

/** Flat layout: every tree's nodes in shared typed arrays; child indices are global (already offset). */
export interface XgbModel {
  readonly objective: XgbObjective;
  readonly featureNames: readonly string[];
  readonly numFeature: number;
  /** base_score as stored (output scale), as float32. */
  readonly baseScore: number;
  /** base_score on the margin scale, as float32 (what the trees are added to). */
  readonly baseMargin: number;
  readonly numTrees: number;
  /** Root node of tree t is treeOffsets[t]; tree t's nodes end at treeOffsets[t + 1]. */
  readonly treeOffsets: Int32Array;
  /** Global index of the left / right child; -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly splitIndex: Int32Array;
  /** Split threshold for an inner node, leaf value for a leaf. */
  readonly value: Float32Array;
  readonly defaultLeft: Uint8Array;
  /** Cover-weighted mean of each node's leaves (sum_hessian weights), for path-based contributions. */
  readonly meanValue: Float32Array;
}

export class XgbModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XgbModelError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Obj, key: string, where: string): Obj {
  const v = o[key];
  if (!isObj(v)) throw new XgbModelError(`Not an XGBoost model.json: ${where}.${key} is missing or not an object.`);
  return v;
}

function numArray(tree: Obj, key: string, n: number, t: number): number[] {
  const v = tree[key];
  if (!Array.isArray(v) || v.length !== n)
    throw new XgbModelError(`Tree ${t}: ${key} must be an array of ${n} numbers (one per node).`);
  return v.map((x: unknown, i) => {
    // default_left is 0/1 in 1.7 and may be booleans in other versions.
    const num = typeof x === 'boolean' ? Number(x) : x;
    if (typeof num !== 'number' || !Number.isFinite(num))
      throw new XgbModelError(`Tree ${t}: ${key}[${i}] is not a finite number.`);
    return num;
  });
}

/** "5E-1" (1.7) or "[5E-1]" (3.1+): XGBoost keeps base_score as a string on the output scale. */
function parseBaseScore(raw: unknown): number {
  const s = typeof raw === 'string' ? raw.trim().replace(/^\[(.*)\]$/, '$1') : typeof raw === 'number' ? raw : NaN;
  const parts = typeof s === 'string' ? s.split(',') : [s];
  const v = Number(parts[0]);
  if (parts.length !== 1 || (typeof parts[0] === 'string' && parts[0].trim() === '') || !Number.isFinite(v))
    throw new XgbModelError(`base_score ${JSON.stringify(raw)} is not a single number ("5E-1" or "[5E-1]").`);
  return Math.fround(v);
}

/** The objective's ProbToMargin, step by step in float32 as XGBoost 1.7's regression_loss.h does. */
function toMargin(objective: XgbObjective, base: number): number {
  if (objective === 'binary:logistic') {
    if (!(base > 0 && base < 1)) throw new XgbModelError(`base_score ${base} must be in (0, 1) for binary:logistic.`);
    return Math.fround(-Math.fround(Math.log(Math.fround(Math.fround(1 / base) - 1))));
  }
  if (objective === 'count:poisson') {
    if (!(base > 0)) throw new XgbModelError(`base_score ${base} must be positive for count:poisson.`);
    return Math.fround(Math.log(base));
  }
  return base;
}

function transform(objective: XgbObjective, margin: number): number {
  // 1.7 common::Sigmoid: 1.0f / (expf(-x) + 1.0f); PoissonRegression::PredTransform: expf(x).
  if (objective === 'binary:logistic') return Math.fround(1 / Math.fround(Math.fround(Math.exp(-margin)) + 1));
  if (objective === 'count:poisson') return Math.fround(Math.exp(margin));
  return margin;
}

/** Parses and validates an XGBoost model.json document (already JSON.parse'd) into the flat layout. */
export function parseXgbModel(json: unknown): XgbModel {
  if (!isObj(json)) throw new XgbModelError('Not an XGBoost model.json: the document is not a JSON object.');
  const learner = field(json, 'learner', 'model');
  const booster = field(learner, 'gradient_booster', 'learner');
  if (booster.name !== 'gbtree')
    throw new XgbModelError(
      `Booster "${String(booster.name)}" is not supported: dart/gblinear models are not supported, only gbtree.`,
    );
  const objective = field(learner, 'objective', 'learner').name;
  if (typeof objective !== 'string' || !OBJECTIVES.includes(objective))
    throw new XgbModelError(`Objective "${String(objective)}" is not supported (supported: ${OBJECTIVES.join(', ')}).`);
  const obj = objective as XgbObjective;
  const param = field(learner, 'learner_model_param', 'learner');
  const numFeature = Number(param.num_feature);
  if (!Number.isInteger(numFeature) || numFeature < 1)
    throw new XgbModelError(`learner_model_param.num_feature ${JSON.stringify(param.num_feature)} is not a count.`);
  if (Number(param.num_class ?? 0) > 1 || Number(param.num_target ?? 1) > 1)
    throw new XgbModelError('Multi-class and multi-target models are not supported (one output only).');
  const baseScore = parseBaseScore(param.base_score);
  const names = learner.feature_names;
  let featureNames: string[];
  if (names === undefined || (Array.isArray(names) && names.length === 0))
    featureNames = Array.from({ length: numFeature }, (_, i) => `f${i}`);
  else if (Array.isArray(names) && names.length === numFeature && names.every((n) => typeof n === 'string'))
    featureNames = names as string[];
  else throw new XgbModelError(`feature_names must be ${numFeature} strings (num_feature).`);

  const gb = field(booster, 'model', 'gradient_booster');
  const trees = gb.trees;
  if (!Array.isArray(trees) || trees.length === 0) throw new XgbModelError('The model has no trees.');
  const info = gb.tree_info;
  if (Array.isArray(info) && info.some((g) => g !== 0))
    throw new XgbModelError('Trees for more than one output group are not supported (one output only).');

  const sizes = trees.map((tree: unknown, t) => {
    if (!isObj(tree) || !Array.isArray(tree.left_children)) throw new XgbModelError(`Tree ${t} has no left_children.`);
    return tree.left_children.length;
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const treeOffsets = new Int32Array(trees.length + 1);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const splitIndex = new Int32Array(total);
  const value = new Float32Array(total);
  const defaultLeft = new Uint8Array(total);
  const cover = new Float32Array(total);
  let off = 0;
  trees.forEach((tree: Obj, t) => {
    const n = sizes[t] ?? 0;
    treeOffsets[t] = off;
    const l = numArray(tree, 'left_children', n, t);
    const r = numArray(tree, 'right_children', n, t);
    const si = numArray(tree, 'split_indices', n, t);
    const sc = numArray(tree, 'split_conditions', n, t);
    const dl = numArray(tree, 'default_left', n, t);
    const st = tree.split_type === undefined ? new Array<number>(n).fill(0) : numArray(tree, 'split_type', n, t);
    const sh = numArray(tree, 'sum_hessian', n, t);
    for (let i = 0; i < n; i++) {
      const li = l[i] ?? -1;
      const ri = r[i] ?? -1;
      const leaf = li === -1;
      if (leaf !== (ri === -1) || (!leaf && (li <= i || ri <= i || li >= n || ri >= n)))
        throw new XgbModelError(`Tree ${t}: node ${i} has invalid children (${li}, ${ri}).`);
      if (!leaf && st[i] !== 0)
        throw new XgbModelError(
          `Tree ${t}: node ${i} is a categorical split (split_type ${st[i]}); only numeric splits are supported.`,
        );
      const f = si[i] ?? 0;
      if (!leaf && (!Number.isInteger(f) || f < 0 || f >= numFeature))
        throw new XgbModelError(`Tree ${t}: node ${i} splits on feature ${f}, outside 0..${numFeature - 1}.`);
      left[off + i] = leaf ? -1 : off + li;
      right[off + i] = leaf ? -1 : off + ri;
      splitIndex[off + i] = leaf ? 0 : f;
      value[off + i] = sc[i] ?? 0;
      defaultLeft[off + i] = dl[i] ? 1 : 0;
      cover[off + i] = sh[i] ?? 0;
    }
    off += n;
  });
  treeOffsets[trees.length] = off;

  // Node means as XGBoost's FillNodeMeanValue (tree_model.cc), in float32: a leaf is its value; an inner node
  // is (left mean × left cover + right mean × right cover) / own cover. Children have larger indices than
  // their parent (checked above), so one reverse pass fills them.
  const meanValue = new Float32Array(total);
  for (let i = total - 1; i >= 0; i--) {
    const li = left[i] ?? -1;
    if (li < 0) {
      meanValue[i] = value[i] ?? 0;
      continue;
    }
    const ri = right[i] ?? 0;
    const sum = Math.fround(
      Math.fround((meanValue[li] ?? 0) * (cover[li] ?? 0)) + Math.fround((meanValue[ri] ?? 0) * (cover[ri] ?? 0)),
    );
    meanValue[i] = Math.fround(sum / (cover[i] ?? 1));
  }

  return {
    objective: obj,
    featureNames,
    numFeature,
    baseScore,
    baseMargin: toMargin(obj, baseScore),
    numTrees: trees.length,
    treeOffsets,
    left,
    right,
    splitIndex,
    value,
    defaultLeft,
    meanValue,
  };
}

/**
 * The child of split node `n` (left child `l`) that feature value `x` goes to: a missing value (NaN, the
 * one value with x !== x) to the node's default side, else left when x, rounded to float32 as XGBoost
 * stores it, is below the threshold.
 */
function childOf(m: XgbModel, n: number, l: number, x: number): number {
  if (x !== x) return m.defaultLeft[n] ? l : (m.right[n] as number);
  return Math.fround(x) < (m.value[n] as number) ? l : (m.right[n] as number);
}

/** Margin (before the objective's transform) for one row read from `row` at `start`. */
function marginAt(m: XgbModel, row: ArrayLike<number>, start: number): number {
  const { left, splitIndex, value, treeOffsets } = m;
  let acc = m.baseMargin;
  for (let t = 0; t < m.numTrees; t++) {
    let n = treeOffsets[t] as number;
    let l = left[n] as number;
    while (l >= 0) {
      n = childOf(m, n, l, row[start + (splitIndex[n] as number)] as number);
      l = left[n] as number;
    }
    acc = Math.fround(acc + (value[n] as number));
  }
  return acc;
}

function checkRow(m: XgbModel, row: ArrayLike<number>): void {
  if (row.length < m.numFeature)
    throw new RangeError(`A row needs ${m.numFeature} features (${m.featureNames.join(', ')}); got ${row.length}.`);
}

/** Margin before the transform (float32): what `contributions` add up to. */
export function predictMargin(model: XgbModel, row: ArrayLike<number>): number {
  checkRow(model, row);
  return marginAt(model, row, 0);
}

/** One prediction on the output scale (kcal, probability or count), float32-exact as XGBoost. NaN = missing. */
export function predict(model: XgbModel, row: ArrayLike<number>): number {
  checkRow(model, row);
  return transform(model.objective, marginAt(model, row, 0));
}

/** Predictions for nRows rows laid out row-major (nRows × numFeature) in `rows`. */
export function predictBatch(model: XgbModel, rows: Float32Array, nRows: number): Float32Array {
  if (!Number.isInteger(nRows) || nRows < 0 || rows.length < nRows * model.numFeature)
    throw new RangeError(`predictBatch needs ${nRows} × ${model.numFeature} values; got ${rows.length}.`);
  const out = new Float32Array(nRows);
  batchMargins(model, rows, nRows, out);
  for (let r = 0; r < nRows; r++) out[r] = transform(model.objective, out[r] as number);
  return out;
}

/**
 * For batches the trees are compiled once into a JavaScript function (one nested conditional per
 * tree, summed in tree order with Math.fround), the way tree-model compilers such as treelite do:
 * V8 turns it into straight-line compare-and-branch code with no per-node array lookups. The source
 * holds only numbers this module validated (feature indices, float32 thresholds and leaf values
 * printed so that they read back as the same double), so no input text reaches `new Function`.
 * Missing values: a NaN fails every comparison, so a default-left node tests !(x >= t) (NaN or x < t
 * go left) and a default-right node tests x < t (NaN goes right), exactly marginAt's rule.
 * Very large models fall back to the node-list walk.
 */
type CompiledBatch = (rows: Float32Array, nRows: number, numFeature: number, base: number, out: Float32Array) => void;
const COMPILE_MAX_NODES = 60_000;
const compiledCache = new WeakMap<XgbModel, CompiledBatch | null>();

function numberLiteral(v: number): string {
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  // String(v) is the shortest text that reads back as exactly this double (ECMA-262 Number::toString).
  return Object.is(v, -0) ? '-0' : String(v);
}

function compileBatch(m: XgbModel): CompiledBatch | null {
  if (compiledCache.has(m)) return compiledCache.get(m) ?? null;
  if (m.left.length > COMPILE_MAX_NODES) {
    compiledCache.set(m, null);
    return null;
  }
  const expr = (n: number): string => {
    const l = m.left[n] as number;
    if (l < 0) return numberLiteral(m.value[n] as number);
    const x = `r[s + ${m.splitIndex[n] as number}]`;
    const t = numberLiteral(m.value[n] as number);
    const cond = m.defaultLeft[n] ? `!(${x} >= ${t})` : `${x} < ${t}`;
    return `(${cond} ? ${expr(l)} : ${expr(m.right[n] as number)})`;
  };
  const lines: string[] = [];
  for (let t = 0; t < m.numTrees; t++) lines.push(`a = F(a + ${expr(m.treeOffsets[t] as number)});`);
  const body = `const F = Math.fround;
for (let i = 0, s = 0; i < nRows; i++, s += numFeature) {
  let a = base;
  ${lines.join('\n  ')}
  out[i] = a;
}`;
  const fn = new Function('r', 'nRows', 'numFeature', 'base', 'out', body) as CompiledBatch;
  compiledCache.set(m, fn);
  return fn;
}

function batchMargins(m: XgbModel, rows: Float32Array, nRows: number, out: Float32Array): void {
  const compiled = compileBatch(m);
  if (compiled) {
    compiled(rows, nRows, m.numFeature, m.baseMargin, out);
    return;
  }
  for (let r = 0; r < nRows; r++) out[r] = marginAt(m, rows, r * m.numFeature);
}

/**
 * Path-based (Saabas) per-feature contributions on the margin scale, as XGBoost's
 * `pred_contribs=True, approx_contribs=True` (RegTree::CalculateContributionsApprox): in each tree, walking the
 * row's path, every split credits its feature with (child's node mean − parent's node mean); the root means
 * go to the bias. bias + Σ values equals the margin (up to float rounding). For explaining a prediction to a
 * dietitian/client (GDPR Art. 22 transparency): which logged totals moved the estimate, and by how much.
 */
export function contributions(model: XgbModel, row: ArrayLike<number>): { bias: number; values: Float32Array } {
  checkRow(model, row);
  const { left, splitIndex, treeOffsets, meanValue } = model;
  const values = new Float32Array(model.numFeature);
  let bias = model.baseMargin;
  for (let t = 0; t < model.numTrees; t++) {
    let n = treeOffsets[t] as number;
    let mean = meanValue[n] as number;
    bias = Math.fround(bias + mean);
    let l = left[n] as number;
    while (l >= 0) {
      const f = splitIndex[n] as number;
      n = childOf(model, n, l, row[f] as number);
      const next = meanValue[n] as number;
      values[f] = Math.fround((values[f] as number) + Math.fround(next - mean));
      mean = next;
      l = left[n] as number;
    }
  }
  return { bias, values };
}
