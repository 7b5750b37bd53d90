import type { Metadata, ResizeOptions, SharpOptions } from 'sharp';
import { loadSharp } from './sharp.ts';
import { AppError } from '../contract/errors.ts';

/**
 * Photo intake: refuse what is not a JPEG/PNG/WebP photo with a sentence naming what it is, refuse
 * oversized or bomb images from the header alone (before any pixel is decoded), apply EXIF orientation,
 * and produce the stored copy and thumbnail. Pixels for the model are made later by letterbox.ts from
 * `source`, so no full-resolution raw buffer (36 MB for 12 MP) is ever kept.
 */
export const MAX_PIXELS = 64_000_000;

/**
 * sharp's failOn: 'error' makes a truncated JPEG fail ("VipsJpeg: premature end of JPEG image") instead of
 * silently decoding a grey lower half, which is what the lenient 'none' does (checked with sharp 0.35.5 on a
 * real JPEG cut in half). 'warning' (sharp's default) also refuses harmless phone-camera quirks such as
 * extraneous bytes before a marker, so 'error' is the strictest level that still accepts real photos.
 */
export const SHARP_INPUT: SharpOptions = { failOn: 'error', limitInputPixels: MAX_PIXELS };

export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface DecodeOptions {
  /** Longest side of the stored copy (default 1600). */
  storedMaxSide?: number;
  /** Longest side of the thumbnail (default 320). */
  thumbnailMaxSide?: number;
  /** JPEG quality of the stored copy (default 82). */
  quality?: number;
}

export interface DecodedImage {
  format: PhotoFormat;
  /** Size after EXIF orientation: the frame every box is reported in. */
  width: number;
  height: number;
  /** The validated original bytes: the model input is resized from these once, with shrink-on-load. */
  source: Uint8Array;
  /** Metadata-free JPEG, longest side ≤ storedMaxSide, oriented. */
  storedJpeg: Buffer;
  storedWidth: number;
  storedHeight: number;
  thumbnail: Buffer;
  /** EXIF DateTimeOriginal as YYYY-MM-DD and HH:MM (camera local time), or null. */
  takenDate: string | null;
  takenTime: string | null;
}

export interface ProbedImage {
  format: PhotoFormat;
  width: number;
  height: number;
  exif: Buffer | undefined;
}

/** File type from magic bytes; null when it is none we recognise. */
export function sniffType(b: Uint8Array): string | null {
  const ascii = (from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 4 && (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*')) return 'tiff';
  if (b.length >= 5 && ascii(0, 5) === '%PDF-') return 'pdf';
  if (b.length >= 2 && ascii(0, 2) === 'BM') return 'bmp';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  // ISO-BMFF (HEIF/AVIF): box size, then 'ftyp' and the major brand (ISO/IEC 23008-12 §10, AV1-ISOBMFF §8).
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
    return 'video';
  }
  return null;
}

const REFUSALS: Record<string, string> = {
  heic: 'HEIC photos are not supported yet: export it as JPEG from the Photos app.',
  avif: 'AVIF photos are not supported yet: save it as JPEG and try again.',
  gif: 'This file is a GIF, not a photo. Use a JPEG, PNG or WebP photo.',
  tiff: 'TIFF images are not supported: save it as JPEG and try again.',
  pdf: 'This file is a PDF, not a photo.',
  bmp: 'BMP images are not supported: save it as JPEG and try again.',
  zip: 'This file is a ZIP archive, not a photo.',
  video: 'This file is a video or other media file, not a photo.',
};

/** Type and header checks only: nothing is decoded, so a decompression bomb costs nothing here. */
export async function probeImage(bytes: Uint8Array): Promise<ProbedImage> {
  if (bytes.length === 0) throw new AppError('invalid-input', 'The file is empty.');
  const type = sniffType(bytes);
  if (type === null) throw new AppError('invalid-input', 'This file is not a photo (JPEG, PNG or WebP).');
  const refusal = REFUSALS[type];
  if (refusal !== undefined) throw new AppError('invalid-input', refusal);
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('invalid-input', `This ${type.toUpperCase()} file is damaged and cannot be read.`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError('invalid-input', 'This photo has no pixels.');
  checkPixels(width, height);
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    format: type as PhotoFormat,
    width: rotated ? height : width,
    height: rotated ? width : height,
    exif: meta.exif,
  };
}

function checkPixels(width: number, height: number): void {
  const pixels = width * height;
  if (pixels > MAX_PIXELS) {
    const mp = Math.round(pixels / 1_000_000);
    throw new AppError(
      'invalid-input',
      `This photo is ${mp} megapixels; the limit is ${MAX_PIXELS / 1_000_000}. Resize it and try again.`,
    );
  }
}

export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const probed = await probeImage(bytes);
  const sharp = await loadSharp();
  const storedMax = opts.storedMaxSide ?? 1600;
  const thumbMax = opts.thumbnailMaxSide ?? 320;
  // One decode of the compressed bytes, straight to the stored size (JPEG shrink-on-load decodes a 12 MP
  // photo at 1/2 scale, far cheaper than full size), oriented and flattened; the stored copy and the
  // thumbnail are both made from those pixels, so the photo is never decoded twice. withoutEnlargement
  // keeps small photos as they are.
  const fit = (max: number): ResizeOptions => ({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
  try {
    const decoded = await sharp(bytes, SHARP_INPUT)
      .rotate()
      .resize(fit(storedMax))
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: decoded.info.width, height: decoded.info.height, channels: 3 as const } };
    const [stored, thumbnail] = await Promise.all([
      // Huffman table optimisation (an extra pass) would save ~5 % of the stored size for ~40 % more
      // encoding time on a 12 MP photo; the photo is stored once and shown in the review at screen size.
      sharp(decoded.data, raw)
        .jpeg({ quality: opts.quality ?? 82, mozjpeg: false, optimiseCoding: false })
        .toBuffer(),
      sharp(decoded.data, raw).resize(fit(thumbMax)).jpeg({ quality: 75 }).toBuffer(),
    ]);
    const taken = probed.exif ? readExifDateTimeOriginal(probed.exif) : null;
    return {
      format: probed.format,
      width: probed.width,
      height: probed.height,
      source: bytes,
      storedJpeg: stored,
      storedWidth: decoded.info.width,
      storedHeight: decoded.info.height,
      thumbnail,
      takenDate: taken?.date ?? null,
      takenTime: taken?.time ?? null,
    };
  } catch (e) {
    throw asDecodeError(e, probed.format);
  }
}

/** sharp's messages are for developers; turn the ones a damaged upload produces into a sentence. */
export function asDecodeError(e: unknown, format: string): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(msg)) return new AppError('invalid-input', `This photo is larger than 64 megapixels.`);
  return new AppError(
    'invalid-input',
    `This ${format.toUpperCase()} photo is damaged or incomplete and cannot be read.`,
  );
}

/**
 * DateTimeOriginal (tag 0x9003, "YYYY:MM:DD HH:MM:SS", EXIF 2.32 §4.6.5) from sharp's `exif` buffer, which
 * starts with "Exif\0\0" and then a TIFF header. Kept minimal: IFD0 → ExifIFD pointer (0x8769) → the tag.
 */
export function readExifDateTimeOriginal(exif: Buffer): { date: string; time: string } | null {
  const base = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  if (exif.length < base + 8) return null;
  const order = exif.subarray(base, base + 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number): number => (le ? exif.readUInt16LE(base + o) : exif.readUInt16BE(base + o));
  const u32 = (o: number): number => (le ? exif.readUInt32LE(base + o) : exif.readUInt32BE(base + o));
  const inRange = (o: number, n: number): boolean => o >= 0 && base + o + n <= exif.length;
  const findTag = (ifd: number, tag: number): number | null => {
    if (!inRange(ifd, 2)) return null;
    const count = u16(ifd);
    for (let i = 0; i < count && inRange(ifd + 2 + i * 12, 12); i++) {
      const entry = ifd + 2 + i * 12;
      if (u16(entry) === tag) return entry;
    }
    return null;
  };
  try {
    const ptr = findTag(u32(4), 0x8769);
    if (ptr === null) return null;
    const entry = findTag(u32(ptr + 8), 0x9003);
    if (entry === null || u32(entry + 4) < 19) return null;
    const at = u32(entry + 8);
    if (!inRange(at, 19)) return null;
    const text = exif.subarray(base + at, base + at + 19).toString('latin1');
    const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2})/.exec(text);
    if (!m || m[1] === '0000') return null;
    return { date: `${m[1]}-${m[2]}-${m[3]}`, time: `${m[4]}:${m[5]}` };
  } catch {
    return null;
  }
}
