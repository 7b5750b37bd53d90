import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createDetector } from './detector.ts';
import { loadManifest } from './manifest.ts';
import { MEAL_DETECTOR_DIR, resolvePhoto } from './testing/fixtures.ts';

/**
 * The shipped model's accuracy floor on real photos listed by the model engineer in its manifest
 * (accuracyPhotos, accuracyFloor). A photo counts as detected when the expected class is among the
 * detections the app would show: manifest thresholds, after NMS. Nothing is skipped: a manifest without
 * the fields fails with a message saying so.
 */
test('the meal detector finds the expected food on the manifest accuracy photos', async () => {
  expect(existsSync(join(MEAL_DETECTOR_DIR, 'manifest.json')), `no manifest.json in ${MEAL_DETECTOR_DIR}`).toBe(true);
  const manifest = await loadManifest(MEAL_DETECTOR_DIR);
  const photos = manifest.accuracyPhotos ?? [];
  const floor = manifest.accuracyFloor;
  if (photos.length === 0 || floor === undefined) {
    throw new Error('models/meal-detector/manifest.json must list accuracyPhotos and accuracyFloor.');
  }
  for (const p of photos) {
    if (!manifest.classes.includes(p.expected)) throw new Error(`accuracyPhotos: "${p.expected}" is not a class.`);
  }
  const detector = await createDetector({ modelDir: MEAL_DETECTOR_DIR });
  const lines: string[] = [];
  let hits = 0;
  try {
    for (const p of photos) {
      const r = await detector.detect(readFileSync(resolvePhoto(p.file)));
      const best = Math.max(0, ...r.detections.filter((d) => d.label === p.expected).map((d) => d.score));
      if (best > 0) hits++;
      const top = r.detections.slice(0, 3).map((d) => `${d.label} ${d.score.toFixed(2)}`);
      lines.push(
        `${best > 0 ? 'ok  ' : 'MISS'} ${p.file} expected ${p.expected}; found ${top.join(', ') || 'nothing'}`,
      );
    }
  } finally {
    await detector.close();
  }
  const rate = hits / photos.length;
  const report = `${hits}/${photos.length} = ${rate.toFixed(2)} (floor ${floor})\n${lines.join('\n')}`;
  expect(rate, report).toBeGreaterThanOrEqual(floor);
});
