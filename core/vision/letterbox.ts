import { loadSharp } from './sharp.ts';
import { asDecodeError, type DecodedImage, probeImage, SHARP_INPUT } from './image.ts';

/**
 * Letterbox preprocessing: keep the aspect ratio, centre the image in an S×S square, fill the border with
 * a constant pixel value (114 for NanoDet and Ultralytics YOLO), then normalise per channel into NCHW
 * float32. NanoDet was trained on letterboxed input: stretching the image instead detects clearly worse.
 */
export interface LetterboxSpec {
  size: number;
  channelOrder: 'BGR' | 'RGB';
  /** In the tensor's channel order. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** Border pixel value before normalisation. */
  padValue: number;
}

/** Input-pixel → image-pixel mapping: x_img = (x_in − padX) / scale. */
export interface LetterboxTransform {
  scale: number;
  padX: number;
  padY: number;
  /** Image size (after orientation), for clamping. */
  width: number;
  height: number;
}

export interface LetterboxGeometry extends LetterboxTransform {
  /** The resized image's size inside the square. */
  innerWidth: number;
  innerHeight: number;
}

export interface LetterboxResult {
  tensor: Float32Array;
  dims: [1, 3, number, number];
  transform: LetterboxTransform;
}

export function letterboxGeometry(width: number, height: number, size: number): LetterboxGeometry {
  const scale = Math.min(size / width, size / height);
  const innerWidth = Math.max(1, Math.min(size, Math.round(width * scale)));
  const innerHeight = Math.max(1, Math.min(size, Math.round(height * scale)));
  return {
    scale,
    padX: Math.floor((size - innerWidth) / 2),
    padY: Math.floor((size - innerHeight) / 2),
    width,
    height,
    innerWidth,
    innerHeight,
  };
}

/**
 * Interleaved RGB (3 channels, innerWidth × innerHeight) → normalised NCHW tensor with the border filled.
 * One pass over the border and one over the pixels; multiplications by 1/std instead of divisions.
 */
export function rgbToTensor(rgb: Uint8Array, geo: LetterboxGeometry, spec: LetterboxSpec): Float32Array {
  const S = spec.size;
  const plane = S * S;
  const out = new Float32Array(3 * plane);
  // Tensor channel c reads pixel channel src[c]: BGR puts blue (pixel channel 2) first.
  const src = spec.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const inv = [1 / spec.std[0], 1 / spec.std[1], 1 / spec.std[2]];
  for (let c = 0; c < 3; c++) {
    out.fill((spec.padValue - spec.mean[c]!) * inv[c]!, c * plane, (c + 1) * plane);
  }
  const s0 = src[0]!;
  const s1 = src[1]!;
  const s2 = src[2]!;
  const m0 = spec.mean[0];
  const m1 = spec.mean[1];
  const m2 = spec.mean[2];
  const i0 = inv[0]!;
  const i1 = inv[1]!;
  const i2 = inv[2]!;
  const { innerWidth: w, innerHeight: h, padX, padY } = geo;
  for (let y = 0; y < h; y++) {
    let p = y * w * 3;
    let o = (y + padY) * S + padX;
    const end = o + w;
    for (; o < end; o++, p += 3) {
      out[o] = (rgb[p + s0]! - m0) * i0;
      out[plane + o] = (rgb[p + s1]! - m1) * i1;
      out[2 * plane + o] = (rgb[p + s2]! - m2) * i2;
    }
  }
  return out;
}

/**
 * From the original encoded bytes (or a DecodedImage's `source`): one sharp pipeline that orients, resizes
 * straight to the inner size (JPEG shrink-on-load makes a 12 MP photo cheap) and outputs raw RGB.
 */
export async function letterbox(input: Uint8Array | DecodedImage, spec: LetterboxSpec): Promise<LetterboxResult> {
  const bytes = input instanceof Uint8Array ? input : input.source;
  const probed = input instanceof Uint8Array ? await probeImage(input) : input;
  const geo = letterboxGeometry(probed.width, probed.height, spec.size);
  const sharp = await loadSharp();
  let rgb: Buffer;
  try {
    rgb = await sharp(bytes, SHARP_INPUT)
      .rotate()
      .resize(geo.innerWidth, geo.innerHeight, { fit: 'fill' })
      // A transparent PNG is composited on the pad colour, as the border is.
      .flatten({ background: { r: spec.padValue, g: spec.padValue, b: spec.padValue } })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (e) {
    throw asDecodeError(e, 'format' in probed ? probed.format : 'image');
  }
  if (rgb.length !== geo.innerWidth * geo.innerHeight * 3) {
    throw new Error(`letterbox: sharp returned ${rgb.length} bytes for ${geo.innerWidth}×${geo.innerHeight}×3`);
  }
  const { innerWidth: _w, innerHeight: _h, ...transform } = geo;
  return { tensor: rgbToTensor(rgb, geo, spec), dims: [1, 3, spec.size, spec.size], transform };
}
