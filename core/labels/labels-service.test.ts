import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';
import { NO_PANEL, PANEL_UNREADABLE, readLabel } from './labels-service.ts';
import { bundledLangPath, createOcrReader } from './ocr.ts';
import { fieldAccuracy, LABEL_SET, loadTruth } from './testing/label-set.ts';

const reader = createOcrReader();
afterAll(() => reader.close());

const label = (file: string): Buffer => fs.readFileSync(path.join(LABEL_SET, file));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('reading a nutrition label photo (real OCR, on this machine)', () => {
  it('reads a US label into fields with crops, and per-100 g values from the serving size', async () => {
    const r = await readLabel(reader, label('us-granola.jpg'));
    expect(r.layout).toBe('us');
    expect(r.basis).toBe('serving');
    expect(r.serving?.grams).toBe(55);
    const byKey = Object.fromEntries(r.fields.map((f) => [f.key, f]));
    expect(byKey.energyKcal?.value).toBe(230);
    expect(byKey.sodiumMg?.value).toBe(160);
    // Every field comes with a JPEG crop of the line it was read from, inside the photo.
    for (const f of r.fields) {
      const crop = Buffer.from(f.crop.jpegBase64, 'base64');
      expect(crop.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(f.crop.box.x + f.crop.box.w).toBeLessThanOrEqual(r.width + 1);
      expect(f.crop.box.y + f.crop.box.h).toBeLessThanOrEqual(r.height + 1);
    }
    expect(r.per100g?.energyKcal).toBeCloseTo((230 * 100) / 55, 2);
  });

  it('reads an EU table per 100 g and turns salt into sodium (÷ 2.5)', async () => {
    const r = await readLabel(reader, label('eu-rye-bread.jpg'));
    expect(r.basis).toBe('100g');
    const salt = r.fields.find((f) => f.key === 'saltG');
    expect(salt?.value).toBe(1.2);
    expect(r.per100g?.sodiumMg).toBeCloseTo(480, 6);
  });

  it('says "No nutrition panel found" for a photo that is not a label', async () => {
    const meal = fs.readFileSync(path.join(PICTURES, 'E009.jpeg'));
    const err = await refusal(readLabel(reader, meal));
    expect(err.code).toBe('invalid-input');
    expect(err.message).toBe(NO_PANEL);
  });

  it('says so for a bad crop holding only the title of a panel', async () => {
    const src = label('us-granola.jpg');
    const meta = await sharp(src).metadata();
    const top = await sharp(src)
      .extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! * 0.22) })
      .jpeg()
      .toBuffer();
    const err = await refusal(readLabel(reader, top));
    expect(err.message).toMatch(/^No nutrition panel found in this photo/);
    expect([NO_PANEL, PANEL_UNREADABLE]).toContain(err.message);
  });

  it('refuses a damaged photo with the photo intake’s sentence', async () => {
    const src = label('us-granola.jpg');
    const err = await refusal(readLabel(reader, src.subarray(0, Math.round(src.length / 2))));
    expect(err.message).toMatch(/^This JPEG photo is damaged/);
    const notPhoto = await refusal(readLabel(reader, Buffer.from('%PDF-1.7 not a photo')));
    expect(notPhoto.message).toBe('This file is a PDF, not a photo.');
  });

  it('reads the model from a local folder only (its npm package), writing no copy: nothing to fetch', async () => {
    expect(bundledLangPath()).toContain(path.join('node_modules', '@tesseract.js-data', 'eng'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-model-'));
    const empty = createOcrReader({ langPath: dir });
    try {
      // No model in the folder: a clear refusal, not a download.
      const err = await refusal(empty.read(label('us-granola.jpg')));
      expect(err.message).toMatch(/language data is missing/);
      // The package's file copied to a folder of our own is what gets read.
      fs.copyFileSync(path.join(bundledLangPath(), 'eng.traineddata.gz'), path.join(dir, 'eng.traineddata.gz'));
      const local = createOcrReader({ langPath: dir });
      try {
        const read = await local.read(label('us-granola.jpg'));
        expect(read.some((l) => /Nutrition/i.test(l.text))).toBe(true);
      } finally {
        await local.close();
      }
      // cacheMethod 'none': no copy of the model is written into the working folder.
      expect(fs.existsSync(path.join(process.cwd(), 'eng.traineddata'))).toBe(false);
    } finally {
      await empty.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a read past its time limit, and the reader works again afterwards', async () => {
    const timed = createOcrReader();
    try {
      const err = await refusal(timed.read(label('us-soup.jpg'), { timeoutMs: 1 }));
      expect(err.message).toMatch(/took longer than/);
      const again = await timed.read(label('us-granola.jpg'));
      expect(again.some((l) => /Nutrition/i.test(l.text))).toBe(true);
    } finally {
      await timed.close();
    }
  });

  it(
    'reads at least 65% of the label set’s fields correctly (measured 76%: bench/labels.bench.ts)',
    { timeout: 600_000 },
    async () => {
      const truth = loadTruth();
      const results = [];
      for (const t of truth) {
        const r = await readLabel(reader, label(t.file)).catch(() => null);
        results.push({ truth: t, reading: r });
      }
      const acc = fieldAccuracy(results);
      expect(acc.share).toBeGreaterThanOrEqual(0.65);
    },
  );
});

describe('stopping a label read', () => {
  it('ends the read when its signal aborts, with a clear sentence, and the next read works', async () => {
    const r = createOcrReader();
    try {
      const controller = new AbortController();
      const reading = readLabel(r, label('us-soup.jpg'), { signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      const err = await refusal(reading);
      expect(err.message).toBe('Reading the label was cancelled.');
      const again = await readLabel(r, label('us-granola.jpg'));
      expect(again.fields.find((f) => f.key === 'energyKcal')?.value).toBe(230);
    } finally {
      await r.close();
    }
  });
});
