import {
  A,
  attrInts,
  type AttributeProto,
  type ConstData,
  type ConstValue,
  dataInputs,
  FLOAT,
  type GraphBuilder,
  halfToFloat,
  int64Tensor,
  ints,
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  ref,
  type TfNode,
} from './tf-graph.ts';

/**
 * Lowers one TF node into ONNX nodes (NHWC ops as Transpose → NCHW op → Transpose), or folds it when
 * its inputs are integer constants. The node's inputs were lowered before it.
 */

function broadcast(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[a.length - rank + k] ?? 1;
    const y = b[b.length - rank + k] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`cannot broadcast [${a}] with [${b}]`);
    out.push(Math.max(x, y));
  }
  return out;
}

export function lowerNode(g: GraphBuilder, n: TfNode): void {
  const ins = dataInputs(n);
  const out = n.name;
  const allConst = ins.length > 0 && ins.every((i) => g.get(i).kind === 'const');

  switch (n.op) {
    case 'Const':
      g.set(out, g.consts.get(n.name)!);
      break;
    case 'Placeholder': {
      const shape = ((n.attr?.shape as unknown as { shape?: { dim?: { size?: string }[] } })?.shape?.dim ?? []).map(
        (d) => Number(d.size),
      );
      g.set(out, { kind: 'tensor', name: n.name, shape });
      break;
    }
    case 'SparseToDense': {
      // Folded: in this graph every SparseToDense has constant (empty) indices → a filled vector.
      if (!allConst) throw new Error(`${n.name}: SparseToDense on runtime values is not supported`);
      const [indices, shapeIn, vals, dflt] = ins.map((i) => g.constant(i)) as [
        ConstValue,
        ConstValue,
        ConstValue,
        ConstValue,
      ];
      const shape = [...shapeIn.data].map(Number);
      if (shape.length !== 1) throw new Error(`${n.name}: only 1-D SparseToDense is folded`);
      const data = new Int32Array(shape[0]!).fill(Number(dflt.data[0] ?? 0));
      for (let k = 0; k < indices.data.length; k++) {
        data[Number(indices.data[k])] = Number(vals.data.length === 1 ? vals.data[0] : vals.data[k]);
      }
      if (dflt.dtype !== 'int32') throw new Error(`${n.name}: only integer SparseToDense is folded`);
      g.set(out, { kind: 'const', dtype: 'int32', shape, data });
      break;
    }
    case 'Add':
    case 'AddV2': {
      if (allConst) {
        const [a, b] = ins.map((i) => g.constant(i)) as [ConstValue, ConstValue];
        if (a.dtype !== 'int32' || b.dtype !== 'int32') throw new Error(`${n.name}: only int constants are folded`);
        if (b.data.length !== a.data.length && b.data.length !== 1) throw new Error(`${n.name}: shapes`);
        const data = a.data.map((v, k) => v + (b.data.length === 1 ? b.data[0]! : b.data[k]!)) as Int32Array;
        g.set(out, { kind: 'const', dtype: 'int32', shape: a.shape, data });
        break;
      }
      const a = g.asTensor(ins[0]!);
      const b = g.asTensor(ins[1]!);
      g.emit('Add', [a.name, b.name], [out]);
      g.set(out, { kind: 'tensor', name: out, shape: broadcast(a.shape, b.shape) });
      break;
    }
    case 'Pad':
    case 'PadV2': {
      const x = g.tensor(ins[0]!);
      const p = g.intValues(ins[1]!);
      const rank = x.shape.length;
      const pads = [
        ...Array.from({ length: rank }, (_, d) => p[2 * d]!),
        ...Array.from({ length: rank }, (_, d) => p[2 * d + 1]!),
      ];
      const padsName = g.fresh(`${out}/pads`);
      g.initializers.push(int64Tensor(padsName, pads));
      const inputs = [x.name, padsName];
      if (n.op === 'PadV2') {
        const c = g.constant(ins[2]!);
        const v = c.dtype === 'float16' ? halfToFloat(c.data[0]!) : Number(c.data[0]);
        const valueName = g.fresh(`${out}/value`);
        g.initializers.push({ name: valueName, dataType: FLOAT, dims: [], floatData: [v] });
        inputs.push(valueName);
      }
      g.emit('Pad', inputs, [out], [{ name: 'mode', type: A.STRING, s: new TextEncoder().encode('constant') }]);
      g.set(out, { kind: 'tensor', name: out, shape: x.shape.map((d, k) => d + pads[k]! + pads[k + rank]!) });
      break;
    }
    case 'Transpose': {
      const x = g.tensor(ins[0]!);
      g.set(out, g.transposed(x, g.intValues(ins[1]!), out));
      break;
    }
    case 'Conv2D': {
      if (n.attr?.data_format?.s && Buffer.from(n.attr.data_format.s, 'base64').toString() !== 'NHWC') {
        throw new Error(`${n.name}: only NHWC Conv2D is handled`);
      }
      const padding = Buffer.from(n.attr?.padding?.s ?? '', 'base64').toString();
      const strides = ints(n.attr?.strides);
      const dilations = ints(n.attr?.dilations);
      if (padding !== 'VALID') throw new Error(`${n.name}: padding ${padding} (only VALID is handled)`);
      if (dilations.some((d) => d !== 1)) throw new Error(`${n.name}: dilations ${dilations}`);
      const x = g.tensor(ins[0]!);
      const w = g.constant(ins[1]!);
      const [kh, kw, ci, co] = w.shape as [number, number, number, number];
      if (ci !== x.shape[3]) throw new Error(`${n.name}: grouped convolution (${x.shape[3]} vs ${ci} in)`);
      // TF HWIO → ONNX OIHW, permuting raw fp16 bits (no rounding).
      const oihw = new (w.data.constructor as new (n: number) => ConstData)(w.data.length);
      for (let h = 0; h < kh; h++)
        for (let x2 = 0; x2 < kw; x2++)
          for (let i = 0; i < ci; i++)
            for (let o = 0; o < co; o++)
              oihw[((o * ci + i) * kh + h) * kw + x2] = w.data[((h * kw + x2) * ci + i) * co + o]!;
      const weight = g.floatConst(ref(ins[1]!).node, w, [co, ci, kh, kw], oihw);
      // Fuse a following "+ per-channel constant" (the ONNX→TF bias) into the Conv.
      const users = g.consumers.get(n.name) ?? [];
      const user = users.length === 1 ? users[0]! : undefined;
      let biasFrom: TfNode | undefined;
      let bias: string | undefined;
      if (user && (user.op === 'Add' || user.op === 'AddV2' || user.op === 'BiasAdd')) {
        // The bias Const is not visited yet (it is an input of the later Add): read it directly.
        const other = dataInputs(user).find((i) => ref(i).node !== n.name);
        const c = other ? g.consts.get(ref(other).node) : undefined;
        if (c && c.shape.length === 1 && c.shape[0] === co && c.dtype !== 'int32') {
          biasFrom = user;
          bias = g.floatConst(ref(other!).node, c);
        }
      }
      const nchw = g.transposed(x, NHWC_TO_NCHW);
      const convOut = g.fresh(`${n.name}/nchw`);
      const attrs: AttributeProto[] = [
        attrInts('kernel_shape', [kh, kw]),
        attrInts('strides', [strides[1]!, strides[2]!]),
        attrInts('pads', [0, 0, 0, 0]),
        attrInts('dilations', [1, 1]),
        { name: 'group', type: A.INT, i: 1 },
      ];
      g.emit('Conv', bias ? [nchw.name, weight, bias] : [nchw.name, weight], [convOut], attrs);
      const oh = Math.floor((x.shape[1]! - kh) / strides[1]!) + 1;
      const ow = Math.floor((x.shape[2]! - kw) / strides[2]!) + 1;
      const target = biasFrom ? biasFrom.name : out;
      const result = g.transposed(
        { kind: 'tensor', name: convOut, shape: [x.shape[0]!, co, oh, ow] },
        NCHW_TO_NHWC,
        target,
      );
      g.set(target, result);
      if (biasFrom) g.set(out, { kind: 'tensor', name: `${out}__fused`, shape: result.shape });
      break;
    }
    case 'MaxPool': {
      const padding = Buffer.from(n.attr?.padding?.s ?? '', 'base64').toString();
      if (padding !== 'VALID') throw new Error(`${n.name}: padding ${padding}`);
      const k = ints(n.attr?.ksize);
      const s = ints(n.attr?.strides);
      const x = g.tensor(ins[0]!);
      const nchw = g.transposed(x, NHWC_TO_NCHW);
      const poolOut = g.fresh(`${n.name}/nchw`);
      g.emit(
        'MaxPool',
        [nchw.name],
        [poolOut],
        [attrInts('kernel_shape', [k[1]!, k[2]!]), attrInts('strides', [s[1]!, s[2]!])],
      );
      const oh = Math.floor((x.shape[1]! - k[1]!) / s[1]!) + 1;
      const ow = Math.floor((x.shape[2]! - k[2]!) / s[2]!) + 1;
      g.set(
        out,
        g.transposed({ kind: 'tensor', name: poolOut, shape: [x.shape[0]!, x.shape[3]!, oh, ow] }, NCHW_TO_NHWC, out),
      );
      break;
    }
    case 'ResizeBilinear': {
      const alignCorners = n.attr?.align_corners?.b === true;
      const halfPixel = n.attr?.half_pixel_centers?.b === true;
      // TF: half_pixel_centers ⇔ ONNX 'half_pixel'; align_corners ⇔ 'align_corners'; neither ⇔ 'asymmetric'.
      const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
      const x = g.tensor(ins[0]!);
      const [h, w] = g.intValues(ins[1]!) as [number, number];
      const nchw = g.transposed(x, NHWC_TO_NCHW);
      const sizes = g.fresh(`${out}/sizes`);
      g.initializers.push(int64Tensor(sizes, [x.shape[0]!, x.shape[3]!, h, w]));
      const resized = g.fresh(`${out}/nchw`);
      g.emit(
        'Resize',
        [nchw.name, '', '', sizes],
        [resized],
        [
          { name: 'mode', type: A.STRING, s: new TextEncoder().encode('linear') },
          { name: 'coordinate_transformation_mode', type: A.STRING, s: new TextEncoder().encode(mode) },
        ],
      );
      g.set(
        out,
        g.transposed({ kind: 'tensor', name: resized, shape: [x.shape[0]!, x.shape[3]!, h, w] }, NCHW_TO_NHWC, out),
      );
      break;
    }
    case 'LeakyRelu':
    case 'Sigmoid':
    case 'Identity': {
      const x = g.tensor(ins[0]!);
      const attrs: AttributeProto[] =
        n.op === 'LeakyRelu' ? [{ name: 'alpha', type: A.FLOAT, f: n.attr?.alpha?.f ?? 0.2 }] : [];
      g.emit(n.op, [x.name], [out], attrs);
      g.set(out, { kind: 'tensor', name: out, shape: x.shape });
      break;
    }
    case 'ConcatV2': {
      const parts = ins.slice(0, -1).map((i) => g.asTensor(i));
      const rank = parts[0]!.shape.length;
      let axis = g.intValues(ins[ins.length - 1]!)[0]!;
      if (axis < 0) axis += rank;
      g.emit(
        'Concat',
        parts.map((p) => p.name),
        [out],
        [{ name: 'axis', type: A.INT, i: axis }],
      );
      const shape = [...parts[0]!.shape];
      shape[axis] = parts.reduce((s, p) => s + p.shape[axis]!, 0);
      g.set(out, { kind: 'tensor', name: out, shape });
      break;
    }
    case 'SplitV': {
      const x = g.tensor(ins[0]!);
      let axis = g.intValues(ins[2]!)[0]!;
      if (axis < 0) axis += x.shape.length;
      const sizes = g.intValues(ins[1]!);
      const known = sizes.filter((s) => s >= 0).reduce((a, b) => a + b, 0);
      const resolved = sizes.map((s) => (s < 0 ? x.shape[axis]! - known : s));
      const splitName = g.fresh(`${out}/split`);
      g.initializers.push(int64Tensor(splitName, resolved));
      const outs = resolved.map((_, k) => (k === 0 ? out : `${out}:${k}`));
      g.emit('Split', [x.name, splitName], outs, [{ name: 'axis', type: A.INT, i: axis }]);
      resolved.forEach((s, k) => {
        const shape = [...x.shape];
        shape[axis] = s;
        g.set(out, { kind: 'tensor', name: outs[k]!, shape }, k);
      });
      break;
    }
    case 'Reshape': {
      const x = g.tensor(ins[0]!);
      const target = g.intValues(ins[1]!);
      // TF's 0 is a literal zero-sized dim, ONNX's 0 copies the input dim: refuse rather than guess.
      if (target.includes(0)) throw new Error(`${n.name}: Reshape with a 0 dim`);
      const total = x.shape.reduce((a, b) => a * b, 1);
      const known = target.filter((d) => d > 0).reduce((a, b) => a * b, 1);
      const shape = target.map((d) => (d < 0 ? total / known : d));
      const shapeName = g.fresh(`${out}/shape`);
      g.initializers.push(int64Tensor(shapeName, target));
      g.emit('Reshape', [x.name, shapeName], [out]);
      g.set(out, { kind: 'tensor', name: out, shape });
      break;
    }
    default:
      throw new Error(`unsupported TF op ${n.op} (node ${n.name})`);
  }
}
