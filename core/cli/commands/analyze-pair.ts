import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import type { PairProposal } from '../../contract/photos.ts';
import { eatenGrams } from '../../vision/pairing.ts';
import { proposeForPhotos } from '../../photos/photo-pairs.ts';
import { defaultModelDir } from '../../photos/vision-runtime.ts';
import { createDetector } from '../../vision/detector.ts';
import { decodeImage } from '../../vision/image.ts';
import { estimatePortions } from '../../vision/portions.ts';
import { CliError, rpc } from '../rpc.ts';

interface PairedItem {
  id: string;
  label: string;
  foodName: string | null;
  grams: number | null;
}

const read = (file: string): Buffer => {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(`${file}: ${missing ? 'No such file.' : String(err)}`, 1);
  }
};

/**
 * `bioai analyze before.jpg --after after.jpg`: a before-and-after pair. The foods are matched across
 * the two photos and the share of each eaten is proposed from the visible change (as photos.pair does in
 * the app). With a client both photos are kept (encrypted) and paired for review in the app; without
 * one nothing is stored.
 */
export async function analyzePair(
  core: Core,
  files: { before: string; after: string },
  clientId: string | null,
  json: boolean,
  out: (s: string) => void,
): Promise<number> {
  const before = read(files.before);
  const after = read(files.after);
  let result: {
    before: { photoId?: string; items: PairedItem[] } & Record<string, unknown>;
    after: { photoId?: string; items: PairedItem[] } & Record<string, unknown>;
    frame: 'plate' | 'image';
    items: PairProposal[];
  };
  if (clientId) {
    const analyse = (file: string, bytes: Buffer) =>
      rpc(core, 'photos.analyze', { clientId, fileName: path.basename(file), dataBase64: bytes.toString('base64') });
    const b = await analyse(files.before, before);
    const a = await analyse(files.after, after);
    const pairing = await rpc(core, 'photos.pair', { beforeId: b.photoId, afterId: a.photoId });
    result = { before: b, after: a, frame: pairing.frame, items: pairing.items };
  } else {
    const detector = await createDetector({ modelDir: defaultModelDir() });
    try {
      const detect = async (bytes: Buffer, prefix: string) => {
        const image = await decodeImage(bytes);
        const r = await detector.detect(image);
        const mapped = estimatePortions(r.detections, detector.manifest);
        return {
          width: image.width,
          height: image.height,
          provider: r.provider,
          items: mapped.items.map((i, n) => ({ ...i, id: `${prefix}${n + 1}` })),
          references: mapped.references,
        };
      };
      const b = await detect(before, 'b');
      const a = await detect(after, 'a');
      const p = await proposeForPhotos({ bytes: before, side: b }, { bytes: after, side: a });
      result = { before: b, after: a, frame: p.frame, items: p.items };
    } finally {
      await detector.close();
    }
  }
  const pairing = result.items.map((p) => {
    const item = result.before.items.find((i) => i.id === p.beforeItemId);
    return {
      ...p,
      label: item?.label ?? '?',
      foodName: item?.foodName ?? null,
      grams: item?.grams ?? null,
      eatenGrams: item?.grams !== undefined && item.grams !== null ? eatenGrams(item.grams, p.share) : null,
    };
  });
  if (json) {
    out(
      JSON.stringify(
        {
          before: { file: files.before, ...result.before },
          after: { file: files.after, ...result.after },
          pairing: { frame: result.frame, items: pairing },
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const frame = result.frame === 'plate' ? 'the plate seen in both' : 'the whole photo (no plate in both)';
  out(`${files.before} → ${files.after}: ${pairing.length} item(s) before, measured against ${frame}`);
  for (const p of pairing) {
    const amount = p.grams === null ? '' : `  ~${p.grams} g → eaten ~${p.eatenGrams} g`;
    out(`  ${p.label.padEnd(10)} ${p.foodName ?? '?'}  eaten ${Math.round(p.share * 100)} %${amount}`);
    out(`    ${p.basis}`);
  }
  if (clientId) out('Both photos are kept for review in the app; saving the before photo logs the eaten amounts.');
  return 0;
}
