import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { PICTURES } from './testing/fixtures.ts';
import { decodeImage, probeImage, readExifDateTimeOriginal, sniffType } from './image.ts';

const apple = readFileSync(join(PICTURES, 'E001.jpeg'));

/** Rewrite a baseline/progressive JPEG's SOF dimensions: a header that claims any size, no pixels needed. */
function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9;) {
    if (out[i] !== 0xff) throw new Error('lost JPEG marker sync');
    const marker = out[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + out.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 60-byte PNG whose IHDR declares width × height RGB pixels (a decompression bomb's header). */
function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('refusals with a sentence', () => {
  const refuse = (bytes: Uint8Array): Promise<unknown> => decodeImage(bytes);

  test('empty file', async () => {
    await expect(refuse(new Uint8Array(0))).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The file is empty.',
    });
  });

  test('a PDF named .jpg', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await expect(refuse(pdf)).rejects.toThrow('This file is a PDF, not a photo.');
  });

  test('HEIC and AVIF by their ftyp brand', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    await expect(refuse(heic)).rejects.toThrow(
      'HEIC photos are not supported yet: export it as JPEG from the Photos app.',
    );
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypavif\0\0\0\0mif1', 'latin1')]);
    await expect(refuse(avif)).rejects.toThrow(/AVIF photos are not supported/);
  });

  test('GIF and TIFF made by sharp, and unknown bytes', async () => {
    const img = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } });
    await expect(refuse(await img.clone().gif().toBuffer())).rejects.toThrow(/This file is a GIF, not a photo/);
    await expect(refuse(await img.clone().tiff().toBuffer())).rejects.toThrow(/TIFF images are not supported/);
    await expect(refuse(Buffer.from('hello, this is text'))).rejects.toThrow(
      'This file is not a photo (JPEG, PNG or WebP).',
    );
  });

  test('a truncated JPEG (a real photo cut in half) errors instead of half-decoding', async () => {
    const half = apple.subarray(0, Math.floor(apple.length / 2));
    await expect(refuse(half)).rejects.toThrow('This JPEG photo is damaged or incomplete and cannot be read.');
  });

  test('a 100-megapixel JPEG is refused from its header', async () => {
    const big = jpegClaiming(apple, 10_000, 10_000);
    // The header alone says so: the 100 MP image is never decoded (its data is a small photo's).
    await expect(refuse(big)).rejects.toThrow(
      'This photo is 100 megapixels; the limit is 64. Resize it and try again.',
    );
  });

  test('a PNG bomb (60 bytes declaring 30000×30000) is refused without decoding', async () => {
    const bomb = pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(100);
    await expect(refuse(bomb)).rejects.toThrow(
      'This photo is 900 megapixels; the limit is 64. Resize it and try again.',
    );
  });

  test('magic bytes', () => {
    expect(sniffType(apple)).toBe('jpeg');
    expect(sniffType(pngBomb(1, 1))).toBe('png');
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe('decoding', () => {
  test('a real JPEG: size, stored copy and thumbnail', async () => {
    const d = await decodeImage(apple);
    expect([d.format, d.width, d.height]).toEqual(['jpeg', 307, 172]);
    // Smaller than both limits: kept at its size, never enlarged.
    expect([d.storedWidth, d.storedHeight]).toEqual([307, 172]);
    const thumb = await sharp(d.thumbnail).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 307, 172]);
    expect(d.takenDate).toBeNull();
  });

  test('a 12 MP photo: stored copy 1600 px, thumbnail 320 px, metadata stripped, fast', async () => {
    const big = await sharp(apple)
      .resize(4000, 3000, { fit: 'fill' })
      .withExif({ IFD0: { Make: 'TestCam' }, IFD2: { DateTimeOriginal: '2025:06:01 12:34:56' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const d = await decodeImage(big);
    expect([d.width, d.height, d.storedWidth, d.storedHeight]).toEqual([4000, 3000, 1600, 1200]);
    const stored = await sharp(d.storedJpeg).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    const thumb = await sharp(d.thumbnail).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    expect([d.takenDate, d.takenTime]).toEqual(['2025-06-01', '12:34']);
  });

  test('EXIF orientation 6 swaps width and height, and the stored copy is upright', async () => {
    const rotated = await sharp(apple).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const probed = await probeImage(rotated);
    expect([probed.width, probed.height]).toEqual([172, 307]);
    const d = await decodeImage(rotated);
    expect([d.width, d.height, d.storedWidth, d.storedHeight]).toEqual([172, 307, 172, 307]);
    expect((await sharp(d.storedJpeg).metadata()).orientation).toBeUndefined();
  });

  test('PNG and WebP are accepted', async () => {
    const png = await sharp(apple).png().toBuffer();
    const webp = await sharp(apple).webp().toBuffer();
    expect((await decodeImage(png)).format).toBe('png');
    expect((await decodeImage(webp)).format).toBe('webp');
  });

  test('EXIF parser returns null on junk', () => {
    expect(readExifDateTimeOriginal(Buffer.from('Exif\0\0II*\0\xff\xff\xff\x7f', 'latin1'))).toBeNull();
    expect(readExifDateTimeOriginal(Buffer.alloc(3))).toBeNull();
  });
});
