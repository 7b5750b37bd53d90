import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DayView, LogEntry } from '../contract/log.ts';
import type { PhotoAnalysis } from '../contract/photos.ts';
import { coreWithClient } from '../test-utils/clients.ts';
import { ok } from '../test-utils/core-harness.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';
import { buildTinyYolo } from '../vision/testing/tiny-yolo.ts';

const photo = (file: string): string => fs.readFileSync(path.join(PICTURES, file)).toString('base64');

const setup = () => coreWithClient({ name: 'Photo Client' });

describe('meal photos through the contract', () => {
  it('analyses a real banana photo, keeps it only inside the encrypted database, and saves the reviewed meal', async () => {
    const { core, client } = await setup();
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'E009.jpeg',
      dataBase64: photo('E009.jpeg'),
    });
    expect(a.provider).toBe('cpu');
    expect(a.nothingFound).toBe(false);
    const banana = a.items.find((i) => i.label === 'banana');
    expect(banana).toMatchObject({ foodId: 'usda:09040', foodName: 'Bananas, raw' });
    // The bunch's overlapping detections are counted as its separate bananas, of a USDA household measure
    // (medium 118 g; small 101 g, large 136 g give the range), never one per box.
    expect(banana).toMatchObject({
      basisKind: 'count',
      count: 3,
      measure: { name: 'medium', grams: 118 },
      grams: 354,
      range: { low: 303, high: 408 },
      flag: null,
    });
    expect(banana!.merged).toBeGreaterThan(3);
    expect(banana!.portionBasis).toMatch(/^3 × medium \(118 g\), counted in the photo/);
    expect(a.items.filter((i) => i.label === 'banana')).toHaveLength(1);
    expect(a.flags).toEqual([]);
    expect(await ok<PhotoAnalysis>(core, 'photos.get', { photoId: a.photoId })).toEqual(a);
    expect(banana?.box.x).toBeGreaterThanOrEqual(0);
    expect((banana?.box.x ?? 0) + (banana?.box.w ?? 0)).toBeLessThanOrEqual(a.width + 0.01);

    // Review: keep one banana at 150 g, add a glass of milk by hand, save as breakfast.
    const saved = await ok<{ entryIds: string[] }>(core, 'photos.save', {
      photoId: a.photoId,
      date: '2026-03-10',
      meal: 'breakfast',
      items: [
        { foodId: 'usda:09040', grams: 150, box: banana?.box, label: 'banana', origin: 'detected' },
        { foodId: 'usda:01077', amount: '1 cup', label: 'milk', origin: 'manual' },
      ],
    });
    expect(saved.entryIds).toHaveLength(2);
    const log = await ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-03-10', to: '2026-03-10' });
    expect(log.map((e) => [e.source, e.meal, e.food?.name])).toEqual([
      ['photo', 'breakfast', 'Bananas, raw'],
      ['photo', 'breakfast', expect.stringMatching(/^Milk/)],
    ]);
    const day = await ok<DayView>(core, 'dashboard.day', { clientId: client.id, date: '2026-03-10' });
    expect(day.totals.energyKcal).toBeGreaterThan(89 * 1.5);
    const rows = core.session.database().sqlite.prepare('SELECT photo_id FROM events').all();
    expect(rows).toEqual([{ photo_id: a.photoId }, { photo_id: a.photoId }]);
    expect(
      await core.dispatch('photos.save', {
        photoId: a.photoId,
        date: '2026-03-10',
        items: [{ foodId: 'usda:09040', grams: 10, label: 'banana', origin: 'manual' }],
      }),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    // The stored copy is a metadata-free JPEG; the database file holds none of its bytes in the clear.
    const img = await ok<{ mime: string; dataBase64: string }>(core, 'photos.image', {
      photoId: a.photoId,
      variant: 'thumb',
    });
    const meta = await sharp(Buffer.from(img.dataBase64, 'base64')).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);
    const { sqlite } = core.session.database();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(sqlite.name);
    const full = Buffer.from(
      (await ok<{ dataBase64: string }>(core, 'photos.image', { photoId: a.photoId })).dataBase64,
      'base64',
    );
    // 32-byte windows of the real JPEG (a random 32-byte match in ciphertext is impossible in practice).
    for (const at of [0, Math.floor(full.length / 2), full.length - 32]) {
      expect(file.includes(full.subarray(at, at + 32))).toBe(false);
    }
  });

  it('an implausible item stops the whole meal until confirmed; nothing is half-saved', async () => {
    const { core, client } = await setup();
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'E009.jpeg',
      dataBase64: photo('E009.jpeg'),
    });
    const items = [
      { foodId: 'usda:09040', grams: 120, label: 'banana', origin: 'detected' },
      { foodId: 'usda:09040', grams: 2500, label: 'banana', origin: 'detected' },
    ];
    expect(await core.dispatch('photos.save', { photoId: a.photoId, date: '2026-03-10', items })).toMatchObject({
      ok: false,
      code: 'implausible',
    });
    expect(
      await ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-03-10', to: '2026-03-10' }),
    ).toEqual([]);
    expect((await ok<{ status: string }[]>(core, 'photos.list', { clientId: client.id }))[0]?.status).toBe('pending');
    await ok(core, 'photos.save', { photoId: a.photoId, date: '2026-03-10', items, confirm: true });
    expect(
      await ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-03-10', to: '2026-03-10' }),
    ).toHaveLength(2);
  });

  it('says when nothing is recognised, and bad files get a clear error while the app keeps working', async () => {
    const { core, client } = await setup();
    const grey = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 128, g: 128, b: 128 } },
    })
      .jpeg()
      .toBuffer();
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'wall.jpg',
      dataBase64: grey.toString('base64'),
    });
    expect(a.nothingFound).toBe(true);
    const cases: [string, Buffer, RegExp][] = [
      ['empty.jpg', Buffer.alloc(0), /empty/],
      ['doc.jpg', Buffer.from('%PDF-1.4\n1 0 obj\n'), /PDF, not a photo/],
      ['half.jpg', fs.readFileSync(path.join(PICTURES, 'E009.jpeg')).subarray(0, 2500), /damaged or incomplete/],
    ];
    for (const [fileName, bytes, message] of cases) {
      const r = await core.dispatch('photos.analyze', {
        clientId: client.id,
        fileName,
        dataBase64: bytes.toString('base64'),
      });
      expect(r).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringMatching(message) });
    }
    expect(
      (
        await ok<PhotoAnalysis>(core, 'photos.analyze', {
          clientId: client.id,
          fileName: 'E009.jpeg',
          dataBase64: photo('E009.jpeg'),
        })
      ).nothingFound,
    ).toBe(false);
    await ok(core, 'photos.discard', { photoId: a.photoId });
    expect(await core.dispatch('photos.image', { photoId: a.photoId })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('exports reviewed photos as COCO and YOLO datasets with the final labels and boxes', async () => {
    const { core, client } = await setup();
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'E009.jpeg',
      dataBase64: photo('E009.jpeg'),
    });
    const box = { x: 10, y: 20, w: 100, h: 50 };
    await ok(core, 'photos.save', {
      photoId: a.photoId,
      date: '2026-03-10',
      items: [
        { foodId: 'usda:09040', grams: 100, box, label: 'plantain', origin: 'detected' },
        { foodId: 'usda:09040', grams: 100, label: 'banana', origin: 'manual' },
      ],
    });
    const coco = await ok<{ dataBase64: string; images: number; annotations: number }>(core, 'photos.exportDataset', {
      format: 'coco',
    });
    expect(coco).toMatchObject({ images: 1, annotations: 1 });
    const files = unzipSync(Buffer.from(coco.dataBase64, 'base64'));
    const ann = JSON.parse(strFromU8(files['annotations.json'] ?? new Uint8Array())) as {
      images: { width: number }[];
      annotations: { bbox: number[]; category_id: number }[];
      categories: { id: number; name: string }[];
    };
    expect(ann.categories).toEqual([{ id: 1, name: 'plantain' }]);
    expect(ann.annotations[0]).toMatchObject({ bbox: [10, 20, 100, 50], category_id: 1 });
    expect(files[`images/${a.photoId}.jpg`]?.length).toBeGreaterThan(1000);
    const yolo = await ok<{ dataBase64: string }>(core, 'photos.exportDataset', { format: 'yolo' });
    const yfiles = unzipSync(Buffer.from(yolo.dataBase64, 'base64'));
    const line = strFromU8(yfiles[`labels/${a.photoId}.txt`] ?? new Uint8Array())
      .trim()
      .split(' ')
      .map(Number);
    expect(line[0]).toBe(0);
    expect(line[1]).toBeCloseTo(60 / a.width, 5);
    expect(line[2]).toBeCloseTo(45 / a.height, 5);
    expect(strFromU8(yfiles['data.yaml'] ?? new Uint8Array())).toContain('0: "plantain"');
  });

  it('installs a custom YOLO detector after validating it, and refuses one that does not fit its class list', async () => {
    const { core, client } = await setup();
    // A tiny real ONNX model in the Ultralytics layout: one box at the centre, class 1 ("plantain") at 0.9.
    const model = buildTinyYolo({ inputSize: 64, rows: [[32], [32], [20], [16], [0.05], [0.9]] });
    const wrong = await core.dispatch('vision.installModel', {
      fileName: 'tiny.onnx',
      dataBase64: Buffer.from(model).toString('base64'),
      name: 'Wrong',
      classes: ['a', 'b', 'c'],
      foodMap: {},
    });
    expect(wrong).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: expect.stringMatching(/3 classes were listed/),
    });
    const garbage = await core.dispatch('vision.installModel', {
      fileName: 'x.onnx',
      dataBase64: Buffer.from('not a model').toString('base64'),
      name: 'X',
      classes: ['a'],
      foodMap: {},
    });
    expect(garbage).toMatchObject({ ok: false, message: expect.stringMatching(/not an ONNX model/) });
    const status = await ok<{ model: { kind: string; foodClasses: string[] } }>(core, 'vision.installModel', {
      fileName: 'tiny.onnx',
      dataBase64: Buffer.from(model).toString('base64'),
      name: 'Practice plantains',
      classes: ['rice', 'plantain'],
      foodMap: { plantain: 'usda:09277' },
      defaultGrams: { plantain: 150 },
    });
    expect(status.model).toMatchObject({ kind: 'yolov8', foodClasses: ['plantain'] });
    const grey = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .png()
      .toBuffer();
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'p.png',
      dataBase64: grey.toString('base64'),
    });
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({
      label: 'plantain',
      foodId: 'usda:09277',
      grams: 150,
      basisKind: 'default',
      range: { low: 75, high: 375 },
      count: null,
    });
    expect(a.items[0]?.box).toMatchObject({ x: 22, y: 24, w: 20, h: 16 });
    const back = await ok<{ model: { kind: string } }>(core, 'vision.setActiveModel', { id: 'nanodet-g-coco-v1' });
    expect(back.model.kind).toBe('nanodet');
  });
});
