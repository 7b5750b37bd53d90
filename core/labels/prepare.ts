import { loadSharp } from '../vision/sharp.ts';

/**
 * Makes a label photo easier to read: grey, longest side brought to 1200 px (Tesseract reads text
 * best at 20–40 px high; 1200 read more fields of the label set than 1600 or 2000), and the table rules removed. Nutrition tables rule a line under every
 * row; in a photo taken at an angle those lines run into the letters, and Tesseract then drops whole
 * rows (measured on the label set: most EU rows and a third of US rows lost before this step).
 */
export const TARGET_SIDE = 1200;

/** Otsu's threshold on a grey histogram (N. Otsu, IEEE Trans. SMC 9(1), 1979). */
function otsu(px: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of px) hist[v]!++;
  const total = px.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Whitens long dark runs: a pixel is part of a rule when, with its dark neighbours up to `slack` rows
 * above and below counted in (a slanted line), it lies on a run at least `minRun` long. Letters break
 * such runs at every gap between them, so text survives.
 */
export function removeRules(px: Uint8Array, width: number, height: number): Uint8Array {
  const t = otsu(px);
  const dark = new Uint8Array(width * height);
  for (let i = 0; i < px.length; i++) dark[i] = px[i]! <= t ? 1 : 0;
  const out = Uint8Array.from(px);
  const slack = 2;
  const minRunH = Math.round(width * 0.2);
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      let on = false;
      if (x < width) {
        for (let dy = -slack; dy <= slack && !on; dy++) {
          const yy = y + dy;
          if (yy >= 0 && yy < height && dark[yy * width + x]) on = true;
        }
      }
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= minRunH && dark.subarray(y * width + start, y * width + x).some((v) => v === 1)) {
          for (let xx = start; xx < x; xx++) if (dark[y * width + xx]) out[y * width + xx] = 255;
        }
        start = -1;
      }
    }
  }
  const minRunV = Math.round(height * 0.2);
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      let on = false;
      if (y < height) {
        for (let dx = -slack; dx <= slack && !on; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width && dark[y * width + xx]) on = true;
        }
      }
      if (on && start < 0) start = y;
      if (!on && start >= 0) {
        if (y - start >= minRunV)
          for (let yy = start; yy < y; yy++) if (dark[yy * width + x]) out[yy * width + x] = 255;
        start = -1;
      }
    }
  }
  return out;
}

export interface PreparedLabel {
  png: Buffer;
  /** Prepared pixels per source pixel (boxes are divided by it to map back to the photo). */
  scale: number;
}

/** `source`: the validated photo bytes (EXIF orientation applied here); `rules: false` keeps the rules. */
export async function prepareForOcr(
  source: Uint8Array,
  width: number,
  height: number,
  options: { rules?: boolean; side?: number } = {},
): Promise<PreparedLabel> {
  const sharp = await loadSharp();
  const scale = (options.side ?? TARGET_SIDE) / Math.max(width, height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const { data } = await sharp(source)
    .rotate()
    .resize(w, h, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, data.length);
  const cleaned = options.rules === false ? grey : removeRules(grey, w, h);
  const png = await sharp(Buffer.from(cleaned), { raw: { width: w, height: h, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { png, scale };
}
