import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test-utils/temp-dir.ts';
import { PICTURES } from '../../vision/testing/fixtures.ts';
import { runCli } from '../run-for-test.ts';

/** `bioai analyze before.jpg --after after.jpg` through the real CLI and the shipped detector. */

const env = { BIOAI_PASSPHRASE: 'cli passphrase 123' };
const BEFORE = path.join(PICTURES, 'E009.jpeg');

afterEach(() => vi.restoreAllMocks());

interface PairJson {
  before: { items: { id: string; label: string }[] };
  after: { items: unknown[] };
  pairing: {
    frame: string;
    items: { beforeItemId: string; share: number; basis: string; eatenGrams: number | null }[];
  };
}

describe('bioai analyze --after', () => {
  it('pairs a photo with an emptied copy of it: every food eaten, with its basis, in JSON and in text', async () => {
    const dir = tempDir();
    // A derived "after" photo (not a real one): the before photo's centre painted over in the colour of its
    // left edge, where the bananas of E009 lie.
    const meta = await sharp(BEFORE).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    const { data } = await sharp(BEFORE)
      .extract({ left: 0, top: 0, width: 4, height: h })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const colour = { r: data[0] ?? 255, g: data[1] ?? 255, b: data[2] ?? 255 };
    const patch = await sharp({ create: { width: Math.round(w * 0.8), height: h, channels: 3, background: colour } })
      .png()
      .toBuffer();
    const after = path.join(dir, 'after.jpg');
    fs.writeFileSync(
      after,
      await sharp(BEFORE)
        .composite([{ input: patch, left: Math.round(w * 0.1), top: 0 }])
        .jpeg()
        .toBuffer(),
    );

    const json = await runCli(['--data-dir', dir, 'analyze', BEFORE, '--after', after, '--json'], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as PairJson;
    expect(parsed.before.items.length).toBeGreaterThan(0);
    expect(parsed.pairing.items.map((i) => i.beforeItemId)).toEqual(parsed.before.items.map((i) => i.id));
    for (const p of parsed.pairing.items) {
      expect(p.share).toBeGreaterThanOrEqual(0.8);
      expect(p.basis).not.toBe('');
    }

    const text = await runCli(['--data-dir', dir, 'analyze', BEFORE, '--after', after], env);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/banana .* eaten \d+ %/);

    const same = await runCli(['--data-dir', dir, 'analyze', BEFORE, '--after', BEFORE, '--json'], env);
    expect((JSON.parse(same.out) as PairJson).pairing.items.every((p) => p.share === 0)).toBe(true);

    const two = await runCli(['--data-dir', dir, 'analyze', BEFORE, BEFORE, '--after', after], env);
    expect(two).toMatchObject({ code: 2, err: expect.stringMatching(/one before photo with one after photo/) });
    const missing = await runCli(['--data-dir', dir, 'analyze', BEFORE, '--after', path.join(dir, 'nope.jpg')], env);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/nope\.jpg: No such file/) });
  });

  it('with --client keeps both photos in the encrypted database, paired for review in the app', async () => {
    const dir = tempDir();
    const at = (...args: string[]) => runCli(['--data-dir', dir, ...args], env);
    expect((await at('init')).code).toBe(0);
    expect(
      (await at('clients', 'add', '--name', 'Cli Pair-Example', '--sex', 'female', '--birth-date', '1990-01-01')).code,
    ).toBe(0);
    const r = await at('analyze', BEFORE, '--after', BEFORE, '--client', 'Cli Pair-Example', '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as PairJson & {
      before: { photoId: string };
      after: { photoId: string };
    };
    expect(parsed.before.photoId).not.toBe(parsed.after.photoId);
    expect(parsed.pairing.items.map((i) => i.share)).toEqual(parsed.before.items.map(() => 0));
    // In text, it says where the photos went.
    const again = await at('analyze', BEFORE, '--after', BEFORE, '--client', 'Cli Pair-Example');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Both photos are kept for review in the app/);
  });
});
