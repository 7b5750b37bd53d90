import { AppError } from '../contract/errors.ts';
import type { LabelField, LabelReading } from '../contract/food-labels.ts';
import { decodeImage } from '../vision/image.ts';
import { loadSharp } from '../vision/sharp.ts';
import { toPer100g } from './convert.ts';
import type { OcrBox, OcrReader } from './ocr.ts';
import { FIELD_INFO, looksLikePanel, parseLabel, type LabelFieldKey, type ParsedLabel } from './parse.ts';
import { prepareForOcr } from './prepare.ts';

/** Fields that say a panel was read (energy, the macronutrients, fibre, sugars, salt or sodium). */
const MIN_FIELDS = 2;
/** Time limit for each of the two OCR passes. */
export const OCR_TIMEOUT_MS = 60_000;

export const NO_PANEL =
  'No nutrition panel found in this photo. Photograph the nutrition table straight on, filling most of the photo, in focus.';
export const PANEL_UNREADABLE =
  'No nutrition panel found in this photo that could be read: its title is there, but fewer than two values could be read. Photograph the whole table straight on, closer and in focus.';

/**
 * Two readings of the same photo, merged field by field: as it is, and with the table's rules removed
 * (prepare.ts). Each loses different rows on a photo taken at an angle; on the label set the merge read
 * 78% of fields where the better single pass read 70% (bench/labels.bench.ts measures both).
 */
export function mergeReadings(first: ParsedLabel, second: ParsedLabel): ParsedLabel {
  const keys = new Set(first.fields.map((f) => f.key));
  return {
    layout: first.fields.length >= second.fields.length ? first.layout : second.layout,
    basis: first.fields.length >= second.fields.length ? first.basis : second.basis,
    serving: first.serving ?? second.serving,
    fields: [...first.fields, ...second.fields.filter((f) => !keys.has(f.key))],
  };
}

export interface ReadOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** One pass only (the bench's baseline): the photo as it is. */
  singlePass?: boolean;
}

/** Reads a nutrition panel from photo bytes; throws a clear AppError when there is none. */
export async function readLabel(
  reader: OcrReader,
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<LabelReading> {
  const t0 = performance.now();
  // Refuses what is not a photo, or a damaged one, with the photo intake's own sentences.
  const decoded = await decodeImage(bytes, { storedMaxSide: 2400, thumbnailMaxSide: 64 });
  const { width, height } = decoded;
  const timeoutMs = options.timeoutMs ?? OCR_TIMEOUT_MS;
  const tOcr = performance.now();
  const plain = await prepareForOcr(decoded.source, width, height, { rules: false });
  const firstLines = await reader.read(plain.png, { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  const first = parseLabel(firstLines);
  let parsed = first;
  if (!options.singlePass) {
    const cleaned = await prepareForOcr(decoded.source, width, height, { rules: true });
    const second = parseLabel(
      await reader.read(cleaned.png, { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) }),
    );
    parsed = mergeReadings(first, second);
  }
  const ocrMs = performance.now() - tOcr;
  const nutrientFields = parsed.fields.filter(
    (f) => f.key !== 'energyKj' || !parsed.fields.some((g) => g.key === 'energyKcal'),
  );
  if (nutrientFields.length < MIN_FIELDS) {
    const titled = parsed.fields.length > 0 || parsed.serving !== null || looksLikePanel(firstLines);
    throw new AppError('invalid-input', titled ? PANEL_UNREADABLE : NO_PANEL);
  }
  // Boxes are in the prepared image's pixels: back to the photo's.
  const scale = plain.scale;
  const toPhoto = (b: OcrBox): OcrBox => ({ x: b.x / scale, y: b.y / scale, w: b.w / scale, h: b.h / scale });
  const crop = await cropper(decoded.storedJpeg, decoded.storedWidth / width);
  const fields: LabelField[] = [];
  for (const f of parsed.fields) {
    const box = toPhoto(f.box);
    fields.push({
      key: f.key,
      name: FIELD_INFO[f.key].name,
      value: f.value,
      unit: f.unit,
      text: f.text,
      confidence: Math.round(f.confidence),
      crop: { jpegBase64: await crop(box), box: roundBox(box) },
      stored: f.key !== 'transFatG' && f.key !== 'energyKj',
    });
  }
  const order = Object.keys(FIELD_INFO) as LabelFieldKey[];
  fields.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  const serving = parsed.serving
    ? {
        grams: parsed.serving.grams,
        text: parsed.serving.text,
        crop: { jpegBase64: await crop(toPhoto(parsed.serving.box)), box: roundBox(toPhoto(parsed.serving.box)) },
      }
    : null;
  const values = Object.fromEntries(parsed.fields.map((f) => [f.key, f.value])) as Partial<
    Record<LabelFieldKey, number>
  >;
  return {
    layout: parsed.layout,
    basis: parsed.basis,
    serving,
    fields,
    per100g: toPer100g(values, parsed.basis, serving?.grams ?? null),
    width,
    height,
    timings: { ocrMs: Math.round(ocrMs), totalMs: Math.round(performance.now() - t0) },
  };
}

const roundBox = (b: OcrBox): OcrBox => ({
  x: Math.round(b.x),
  y: Math.round(b.y),
  w: Math.round(b.w),
  h: Math.round(b.h),
});

/** Small JPEG crops of the stored (oriented) copy, padded a little, at most 480 × 96 px. */
async function cropper(stored: Buffer, storedPerPhoto: number): Promise<(box: OcrBox) => Promise<string>> {
  const sharp = await loadSharp();
  const meta = await sharp(stored).metadata();
  const W = meta.width ?? 1;
  const H = meta.height ?? 1;
  return async (box) => {
    const pad = Math.max(4, box.h * 0.25) * storedPerPhoto;
    const left = Math.max(0, Math.floor(box.x * storedPerPhoto - pad));
    const top = Math.max(0, Math.floor(box.y * storedPerPhoto - pad));
    const right = Math.min(W, Math.ceil((box.x + box.w) * storedPerPhoto + pad));
    const bottom = Math.min(H, Math.ceil((box.y + box.h) * storedPerPhoto + pad));
    const out = await sharp(stored)
      .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
      .resize(480, 96, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return out.toString('base64');
  };
}
