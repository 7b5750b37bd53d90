import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../contract/log.ts';
import type { PhotoAnalysis, PhotoPairing } from '../contract/photos.ts';
import { eatenGrams } from '../vision/pairing.ts';
import { addClient, coreWithClient } from '../test-utils/clients.ts';
import { ok } from '../test-utils/core-harness.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';

const BEFORE = fs.readFileSync(path.join(PICTURES, 'E009.jpeg'));

/**
 * A derived "after" photo (not a real one): the real before photo with the region of the detected
 * bananas painted over in the median colour of the rest of the photo (the plate or table), as if they
 * had been eaten.
 */
async function paintedAfter(before: PhotoAnalysis): Promise<Buffer> {
  const { data, info } = await sharp(BEFORE).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Analysis boxes are in the stored copy's pixels: scale to the original's.
  const k = info.width / before.width;
  const boxes = before.items.filter((i) => i.label === 'banana').map((i) => i.box);
  const x0 = Math.floor(Math.min(...boxes.map((b) => b.x)) * k);
  const y0 = Math.floor(Math.min(...boxes.map((b) => b.y)) * k);
  const x1 = Math.min(info.width, Math.ceil(Math.max(...boxes.map((b) => b.x + b.w)) * k));
  const y1 = Math.min(info.height, Math.ceil(Math.max(...boxes.map((b) => b.y + b.h)) * k));
  const outside: [number[], number[], number[]] = [[], [], []];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
      const at = (y * info.width + x) * info.channels;
      for (const c of [0, 1, 2] as const) outside[c].push(data[at + c] ?? 0);
    }
  }
  const [r, g, b] = outside.map((v) => v.sort((p, q) => p - q)[Math.floor(v.length / 2)] ?? 0) as [
    number,
    number,
    number,
  ];
  const patch = await sharp({ create: { width: x1 - x0, height: y1 - y0, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();
  return sharp(BEFORE)
    .rotate()
    .composite([{ input: patch, left: x0, top: y0 }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

const setup = async () => {
  const { core, client } = await coreWithClient({ name: 'Pair Client' });
  const analyse = (bytes: Buffer, clientId = client.id) =>
    ok<PhotoAnalysis>(core, 'photos.analyze', { clientId, fileName: 'meal.jpg', dataBase64: bytes.toString('base64') });
  return { core, client, analyse };
};

describe('before-and-after photos through the contract', () => {
  it('proposes nothing eaten for the same plate twice, and the bananas eaten once they are gone from the photo', async () => {
    const { core, analyse } = await setup();
    const before = await analyse(BEFORE);
    const bananas = before.items.filter((i) => i.label === 'banana');
    expect(bananas.length).toBeGreaterThan(0);
    const same = await analyse(BEFORE);
    const unchanged = await ok<PhotoPairing>(core, 'photos.pair', { beforeId: before.photoId, afterId: same.photoId });
    expect(unchanged.items).toHaveLength(before.items.length);
    for (const p of unchanged.items) {
      expect(p.afterItemId).not.toBeNull();
      expect(p.share).toBe(0);
      expect(p.basis).toMatch(/^Matched in the after photo/);
    }
    await ok(core, 'photos.unpair', { photoId: same.photoId });

    const after = await analyse(await paintedAfter(before));
    const pairing = await ok<PhotoPairing>(core, 'photos.pair', { beforeId: before.photoId, afterId: after.photoId });
    expect(pairing).toMatchObject({ beforeId: before.photoId, afterId: after.photoId });
    for (const b of bananas) {
      const p = pairing.items.find((i) => i.beforeItemId === b.id);
      expect(p?.share).toBeGreaterThanOrEqual(0.8);
      expect(p?.basis.length).toBeGreaterThan(10);
      expect(Math.round((p?.share ?? 0) * 10)).toBe((p?.share ?? 0) * 10);
    }
    // Both halves say so, and the pairing reads back from either.
    expect((await ok<PhotoAnalysis>(core, 'photos.get', { photoId: before.photoId })).pair).toEqual({
      role: 'before',
      photoId: after.photoId,
    });
    expect(await ok(core, 'photos.pairing', { photoId: after.photoId })).toEqual(pairing);
  });

  it('saving the before photo logs grams × share (a household measure through its grams) and saves both photos', async () => {
    const { core, client, analyse } = await setup();
    const before = await analyse(BEFORE);
    const after = await analyse(BEFORE);
    await ok(core, 'photos.pair', { beforeId: before.photoId, afterId: after.photoId });
    // The after photo is never saved on its own; shares need a pair.
    expect(
      await core.dispatch('photos.save', {
        photoId: after.photoId,
        date: '2026-03-10',
        items: [{ foodId: 'usda:09040', grams: 100, label: 'banana', origin: 'detected' }],
      }),
    ).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/after photo of a pair/) });
    expect(
      await core.dispatch('photos.save', {
        photoId: before.photoId,
        date: '2026-03-10',
        items: [{ foodId: 'usda:09040', grams: 100, label: 'banana', origin: 'detected', eatenShare: 0 }],
      }),
    ).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringMatching(/nothing was eaten/) });

    // What one medium banana logs on its own, to compare the share with.
    const medium = await ok<{ entry: LogEntry }>(core, 'log.add', {
      kind: 'diet',
      clientId: client.id,
      date: '2026-03-01',
      foodId: 'usda:09040',
      amount: '1 medium',
    });
    const mediumGrams = medium.entry.food?.grams ?? 0;
    expect(mediumGrams).toBeGreaterThan(0);

    const saved = await ok<{ entryIds: string[] }>(core, 'photos.save', {
      photoId: before.photoId,
      date: '2026-03-10',
      meal: 'lunch',
      items: [
        { foodId: 'usda:09040', grams: 150, label: 'banana', origin: 'detected', eatenShare: 0.3 },
        { foodId: 'usda:09040', amount: '1 medium', label: 'banana', origin: 'detected', eatenShare: 0.5 },
        { foodId: 'usda:01077', grams: 200, label: 'milk', origin: 'manual', eatenShare: 0 },
      ],
    });
    expect(saved.entryIds).toHaveLength(2);
    const log = await ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-03-10', to: '2026-03-10' });
    expect(log.map((e) => e.food?.grams)).toEqual([45, eatenGrams(mediumGrams, 0.5)]);
    const list = await ok<{ id: string; status: string }[]>(core, 'photos.list', { clientId: client.id });
    expect(list.filter((p) => [before.photoId, after.photoId].includes(p.id)).map((p) => p.status)).toEqual([
      'saved',
      'saved',
    ]);
    expect(await core.dispatch('photos.unpair', { photoId: before.photoId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('refuses a pair that cannot be one, with a clear reason; discarding one half leaves the other unpaired', async () => {
    const { core, analyse } = await setup();
    const other = { client: await addClient(core, { name: 'Other Client' }) };
    const a = await analyse(BEFORE);
    const b = await analyse(BEFORE);
    const c = await analyse(BEFORE);
    const foreign = await analyse(BEFORE, other.client.id);
    const refuse = async (input: { beforeId: string; afterId: string }, code: string, message: RegExp) =>
      expect(await core.dispatch('photos.pair', input)).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(message),
      });
    await refuse({ beforeId: a.photoId, afterId: a.photoId }, 'invalid-input', /two different photos/);
    await refuse({ beforeId: a.photoId, afterId: foreign.photoId }, 'invalid-input', /different clients/);
    await ok(core, 'photos.pair', { beforeId: a.photoId, afterId: b.photoId });
    await refuse({ beforeId: c.photoId, afterId: b.photoId }, 'conflict', /after photo is already paired/);
    await refuse({ beforeId: a.photoId, afterId: c.photoId }, 'conflict', /before photo is already paired/);
    expect(await core.dispatch('photos.pairing', { photoId: c.photoId })).toMatchObject({
      ok: false,
      code: 'not-found',
    });

    await ok(core, 'photos.discard', { photoId: b.photoId });
    expect((await ok<PhotoAnalysis>(core, 'photos.get', { photoId: a.photoId })).pair).toBeNull();
    // The before photo is an ordinary photo again: it pairs with another and saves whole without shares.
    await ok(core, 'photos.pair', { beforeId: a.photoId, afterId: c.photoId });
    await ok(core, 'photos.unpair', { photoId: c.photoId });
    await ok(core, 'photos.save', {
      photoId: a.photoId,
      date: '2026-03-10',
      items: [{ foodId: 'usda:09040', grams: 120, label: 'banana', origin: 'detected' }],
    });
    await refuse({ beforeId: a.photoId, afterId: c.photoId }, 'conflict', /already saved/);
  });
});
