import { AppError } from '../contract/errors.ts';
import { loadSharp } from '../vision/sharp.ts';
import { decodeGray, type DecodedBarcode } from './ean.ts';

/**
 * Finds an EAN-13, UPC-A or EAN-8 code in a photo, on this computer. The photo is turned upright (its
 * EXIF orientation), made gray and scanned along horizontal lines at a few sizes and rotations:
 * a line crosses every bar of a code tilted by up to about 30° (an EAN-13's bars are about 0.6 times
 * as tall as the symbol is wide: GS1 General Specifications §5.2.1.4), so turns of 0°, 45°, 90° and
 * 135° (with each line also read backwards) cover a code at any angle.
 */

/** Longest side the photo is scanned at, in order: the common case first, then finer, then coarser. */
const SIZES = [1200, 2000, 700] as const;
const ANGLES = [0, 90, 45, -45] as const;
/** Photos larger than this are refused before decoding (a 50-megapixel JPEG is about 25 MB). */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

export const NO_BARCODE_FOUND =
  'No barcode found in this photo. Take the photo closer, straight on and in focus, with the whole barcode (bars and digits) inside the frame and no glare across it, or search for the food by name.';

interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export async function decodeBarcodePhoto(bytes: Uint8Array): Promise<DecodedBarcode> {
  if (bytes.length === 0) throw new AppError('invalid-input', 'The photo is empty.');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new AppError('invalid-input', `The photo is too large (at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB).`);
  const sharp = await loadSharp();
  let meta: { width: number; height: number };
  try {
    const m = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
    if (!m.width || !m.height) throw new Error('no size');
    meta = { width: m.width, height: m.height };
  } catch {
    throw new AppError(
      'invalid-input',
      'This file is not a photo the app can read: use a JPEG, PNG, WebP, GIF or TIFF image.',
    );
  }
  const longest = Math.max(meta.width, meta.height);
  const tried = new Set<number>();
  for (const size of SIZES) {
    const target = Math.min(size, longest);
    if (tried.has(target)) continue;
    tried.add(target);
    const upright = await sharp(bytes)
      .rotate()
      .resize({ width: target, height: target, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const base: Gray = { data: upright.data, width: upright.info.width, height: upright.info.height };
    for (const angle of ANGLES) {
      const gray = angle === 0 ? base : await rotated(sharp, base, angle);
      const found = decodeGray(gray.data, gray.width, gray.height);
      if (found) return found;
    }
  }
  throw new AppError('not-found', NO_BARCODE_FOUND);
}

async function rotated(sharp: Awaited<ReturnType<typeof loadSharp>>, g: Gray, angle: number): Promise<Gray> {
  const out = await sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
    .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Rotating may give back more than one channel; keep the first.
  const ch = out.info.channels;
  if (ch === 1) return { data: out.data, width: out.info.width, height: out.info.height };
  const data = new Uint8Array(out.info.width * out.info.height);
  for (let i = 0; i < data.length; i += 1) data[i] = out.data[i * ch] ?? 0;
  return { data, width: out.info.width, height: out.info.height };
}
