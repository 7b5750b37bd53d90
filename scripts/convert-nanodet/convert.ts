import { OUTPUT_NAMES, SOURCE_PACKAGE } from './detector.ts';
import {
  createGraphBuilder,
  dataInputs,
  FLOAT,
  OPS,
  onnx,
  readWeights,
  ref,
  removeInverseTransposes,
  type TfjsModelJson,
  type TfNode,
} from './tf-graph.ts';
import { lowerNode } from './tf-ops.ts';

export interface ConversionResult {
  bytes: Uint8Array;
  nodeCount: number;
  opCounts: Record<string, number>;
  initializerBytes: number;
}

/** The TFJS graph (topology JSON and weights) as an ONNX model (opset 13), NCHW throughout. */
export function convertTfjsToOnnx(json: TfjsModelJson, bin: Buffer, producerNote: string): ConversionResult {
  const tfNodes = json.modelTopology.node;
  const byName = new Map(tfNodes.map((n) => [n.name, n]));
  const consts = readWeights(json, bin);
  for (const n of tfNodes) {
    if (!OPS.has(n.op)) throw new Error(`unsupported TF op ${n.op} (node ${n.name})`);
    if (n.op === 'Const' && !consts.has(n.name)) throw new Error(`Const ${n.name} has no weight entry`);
  }
  const g = createGraphBuilder(tfNodes, consts);
  const nodes = g.nodes;

  // Visit nodes in dependency order (the JSON lists them roughly, not strictly, topologically).
  const order: TfNode[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (name: string): void => {
    if (state.get(name) === 2) return;
    if (state.get(name) === 1) throw new Error(`cycle at ${name}`);
    state.set(name, 1);
    const n = byName.get(name);
    if (!n) throw new Error(`missing node ${name}`);
    for (const i of dataInputs(n)) visit(ref(i).node);
    state.set(name, 2);
    order.push(n);
  };
  const graphOutputs = OUTPUT_NAMES;
  for (const o of graphOutputs) visit(o);

  for (const n of order) {
    if (g.has(n.name)) continue; // produced early by bias fusion
    lowerNode(g, n);
  }

  removeInverseTransposes(nodes, graphOutputs);

  const outputsInfo = graphOutputs.map((name) => {
    const v = g.output(name);
    if (v?.kind !== 'tensor') throw new Error(`output ${name} missing`);
    return v;
  });
  const valueInfo = (name: string, shape: number[]) => ({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map((d) => ({ dimValue: d })) } } },
  });
  const input = g.output('input_1');
  if (input?.kind !== 'tensor') throw new Error('input_1 missing');

  // Keep only initializers still referenced after the transpose clean-up.
  const used = new Set(nodes.flatMap((n) => n.input ?? []));
  const liveInits = g.initializers.filter((t) => used.has(t.name!));

  const model = onnx.ModelProto.create({
    irVersion: 7, // IR 7 = ONNX 1.8, the first IR that pairs with opset 13.
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'bioai-nutrition scripts/convert-nanodet.ts',
    producerVersion: '1',
    docString: producerNote,
    graph: {
      name: 'nanodet-g',
      node: nodes,
      initializer: liveInits,
      input: [valueInfo('input_1', input.shape)],
      output: outputsInfo.map((o) => valueInfo(o.name, o.shape)),
    },
    metadataProps: [
      { key: 'source', value: `${SOURCE_PACKAGE} models/nanodet.json (upstream https://github.com/RangiLyu/nanodet)` },
      { key: 'license', value: 'Apache-2.0' },
    ],
  });
  const bytes = onnx.ModelProto.encode(model).finish();
  const opCounts: Record<string, number> = {};
  for (const n of nodes) opCounts[n.opType!] = (opCounts[n.opType!] ?? 0) + 1;
  const initializerBytes = liveInits.reduce((s, t) => s + (t.rawData?.length ?? 0), 0);
  return { bytes, nodeCount: nodes.length, opCounts, initializerBytes };
}
