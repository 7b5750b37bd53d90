import { strToU8, zipSync } from 'fflate';
import type { SavedItem } from './photos-service.ts';

/**
 * Exports reviewed meal photos (boxes + the practitioner's final labels) as a training set for a
 * practice-specific detector, in the two layouts most tools read:
 * - COCO: annotations.json with images, annotations (bbox = [x, y, w, h] in pixels) and categories
 *   (cocodataset.org, "Data format", object detection);
 * - YOLO (Ultralytics): labels/<image>.txt with "class cx cy w h" normalised to 0–1, and data.yaml.
 * Items entered without a box are not annotations; README.txt says how many were left out.
 */
export interface ReviewedPhoto {
  id: string;
  image: Buffer;
  width: number;
  height: number;
  items: SavedItem[];
}

export interface DatasetZip {
  fileName: string;
  data: Uint8Array;
  images: number;
  annotations: number;
}

function categoriesOf(photos: ReviewedPhoto[]): string[] {
  const names = new Set<string>();
  for (const p of photos) for (const i of p.items) if (i.box) names.add(i.label);
  return [...names].sort((a, b) => a.localeCompare(b));
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

export function exportDataset(photos: ReviewedPhoto[], format: 'coco' | 'yolo', now: number): DatasetZip {
  const withImages = photos.filter((p) => p.image.length > 0);
  const categories = categoriesOf(withImages);
  const files: Record<string, Uint8Array> = {};
  let annotations = 0;
  let unboxed = 0;
  const stamp = new Date(now).toISOString().slice(0, 10);

  if (format === 'coco') {
    const images = withImages.map((p, i) => ({
      id: i + 1,
      file_name: `images/${p.id}.jpg`,
      width: p.width,
      height: p.height,
    }));
    const anns: object[] = [];
    withImages.forEach((p, i) => {
      files[`images/${p.id}.jpg`] = new Uint8Array(p.image);
      for (const item of p.items) {
        if (!item.box) {
          unboxed++;
          continue;
        }
        anns.push({
          id: anns.length + 1,
          image_id: i + 1,
          category_id: categories.indexOf(item.label) + 1,
          bbox: [round(item.box.x), round(item.box.y), round(item.box.w), round(item.box.h)],
          area: round(item.box.w * item.box.h),
          iscrowd: 0,
        });
      }
    });
    annotations = anns.length;
    const doc = {
      info: { description: 'BioAI Nutrition reviewed meal photos', date_created: stamp },
      images,
      annotations: anns,
      categories: categories.map((name, i) => ({ id: i + 1, name })),
    };
    files['annotations.json'] = strToU8(JSON.stringify(doc, null, 1));
  } else {
    for (const p of withImages) {
      files[`images/${p.id}.jpg`] = new Uint8Array(p.image);
      const lines: string[] = [];
      for (const item of p.items) {
        if (!item.box) {
          unboxed++;
          continue;
        }
        const cx = (item.box.x + item.box.w / 2) / p.width;
        const cy = (item.box.y + item.box.h / 2) / p.height;
        lines.push(
          [
            categories.indexOf(item.label),
            round(cx),
            round(cy),
            round(item.box.w / p.width),
            round(item.box.h / p.height),
          ].join(' '),
        );
      }
      annotations += lines.length;
      files[`labels/${p.id}.txt`] = strToU8(lines.length ? `${lines.join('\n')}\n` : '');
    }
    const yaml = ['path: .', 'train: images', 'val: images', `nc: ${categories.length}`, 'names:']
      .concat(categories.map((c, i) => `  ${i}: ${JSON.stringify(c)}`))
      .join('\n');
    files['data.yaml'] = strToU8(`${yaml}\n`);
  }
  files['README.txt'] = strToU8(
    [
      `Reviewed meal photos exported by BioAI Nutrition on ${stamp} (${format.toUpperCase()} layout).`,
      `${withImages.length} images, ${annotations} boxes, ${categories.length} classes: ${categories.join(', ') || '(none)'}.`,
      unboxed ? `${unboxed} items were entered without a box and are not annotated.` : 'Every item has a box.',
      "The photos show clients' meals: treat this folder as health data (store it encrypted, share it only under your data-processing agreement).",
      '',
    ].join('\n'),
  );
  return {
    fileName: `bioai-meal-dataset-${format}-${stamp}.zip`,
    data: zipSync(files, { level: 0 }),
    images: withImages.length,
    annotations,
  };
}
