import onnxProto from 'onnx-proto';

/**
 * Test support (onnx-proto is a devDependency; nothing shipped imports this). Builds a real ONNX model in
 * the Ultralytics YOLO layout whose output is known by construction:
 *   output = Constant(values) + 0 · ReduceSum(images)
 * so it depends on the input (onnxruntime runs the whole graph) but the answer is `values` for any finite
 * image. `transposed` appends a Transpose to give the [1, N, 4 + C] variant.
 */
const { onnx } = onnxProto;

export interface TinyYoloSpec {
  inputName?: string;
  outputName?: string;
  inputSize: number;
  /** 4 + C rows of N values each, channels first: rows 0–3 are cx, cy, w, h; then one row per class. */
  rows: number[][];
  transposed?: boolean;
}

function floatTensor(name: string, dims: number[], values: number[]): onnxProto.onnx.TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values });
}

function valueInfo(name: string, dims: number[]): onnxProto.onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => ({ dimValue: d })) },
      },
    },
  });
}

export function buildTinyYolo(spec: TinyYoloSpec): Uint8Array {
  const input = spec.inputName ?? 'images';
  const output = spec.outputName ?? 'output0';
  const rows = spec.rows.length;
  const n = spec.rows[0]?.length ?? 0;
  const S = spec.inputSize;
  const constOut = spec.transposed ? 'pre_transpose' : output;
  const nodes = [
    onnx.NodeProto.create({
      opType: 'Constant',
      output: ['values'],
      attribute: [
        {
          name: 'value',
          type: onnx.AttributeProto.AttributeType.TENSOR,
          t: floatTensor('values_t', [1, rows, n], spec.rows.flat()),
        },
      ],
    }),
    onnx.NodeProto.create({
      opType: 'ReduceSum',
      input: [input],
      output: ['total'],
      attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    }),
    onnx.NodeProto.create({ opType: 'Mul', input: ['total', 'zero'], output: ['nothing'] }),
    onnx.NodeProto.create({ opType: 'Add', input: ['values', 'nothing'], output: [constOut] }),
  ];
  if (spec.transposed) {
    nodes.push(
      onnx.NodeProto.create({
        opType: 'Transpose',
        input: [constOut],
        output: [output],
        attribute: [{ name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 2, 1] }],
      }),
    );
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'bioai-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-yolo',
      node: nodes,
      initializer: [floatTensor('zero', [], [0])],
      input: [valueInfo(input, [1, 3, S, S])],
      output: [valueInfo(output, spec.transposed ? [1, n, rows] : [1, rows, n])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
