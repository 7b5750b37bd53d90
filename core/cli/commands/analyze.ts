import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { AppError } from '../../contract/errors.ts';
import { createDetector } from '../../vision/detector.ts';
import { decodeImage } from '../../vision/image.ts';
import { estimatePortions } from '../../vision/portions.ts';
import { defaultModelDir } from '../../photos/vision-runtime.ts';
import { CliError, rpc } from '../rpc.ts';
import { resolveClient } from './resolve.ts';
import { commandArgs } from '../options.ts';

/**
 * `bioai analyze photo.jpg …`: runs the meal detector on photos. Without --client nothing is stored
 * (and no passphrase is needed); with --client each photo is kept in the encrypted database for
 * review in the app, exactly as a drop onto the client page does.
 */
export async function analyze(
  core: Core,
  args: string[],
  out: (s: string) => void,
  unlock: () => Promise<void>,
): Promise<number> {
  const { values, positionals } = commandArgs(args, { text: ['client', 'after'], flags: ['json'], positionals: true });
  if (positionals.length === 0) throw new CliError('analyze needs at least one photo: bioai analyze photo.jpg', 2);
  if (values.after !== undefined && positionals.length !== 1) {
    throw new CliError(
      '--after pairs one before photo with one after photo: bioai analyze before.jpg --after after.jpg',
      2,
    );
  }
  let clientId: string | null = null;
  if (values.client) {
    await unlock();
    clientId = (await resolveClient(core, values.client)).id;
  }
  if (values.after !== undefined) {
    const { analyzePair } = await import('./analyze-pair.ts');
    const before = positionals[0] ?? '';
    return analyzePair(core, { before, after: values.after }, clientId, values.json === true, out);
  }
  const detector = clientId ? null : await createDetector({ modelDir: defaultModelDir() });
  const results: unknown[] = [];
  let failures = 0;
  try {
    for (const [n, file] of positionals.entries()) {
      process.stderr.write(`[${n + 1}/${positionals.length}] ${path.basename(file)}\n`);
      try {
        const bytes = fs.readFileSync(file);
        if (clientId) {
          const a = await rpc(core, 'photos.analyze', {
            clientId,
            fileName: path.basename(file),
            dataBase64: bytes.toString('base64'),
          });
          results.push({ file, ...a });
          if (!values.json) printItems(out, file, a.items, a.flags, a.provider, a.timings.totalMs);
        } else if (detector) {
          const t0 = performance.now();
          const image = await decodeImage(bytes);
          const r = await detector.detect(image);
          const { items, flags } = estimatePortions(r.detections, detector.manifest, image);
          results.push({
            file,
            width: image.width,
            height: image.height,
            provider: r.provider,
            items,
            flags,
            timings: r.timings,
          });
          if (!values.json) printItems(out, file, items, flags, r.provider, performance.now() - t0);
        }
      } catch (err) {
        failures++;
        const message =
          err instanceof AppError || err instanceof CliError
            ? err.message
            : (err as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'No such file.'
              : String(err);
        process.stderr.write(`bioai: ${file}: ${message}\n`);
        results.push({ file, error: message });
      }
    }
  } finally {
    await detector?.close();
  }
  if (values.json) out(JSON.stringify(results, null, 2));
  return failures > 0 ? 1 : 0;
}

interface PrintedItem {
  label: string;
  score: number;
  foodName: string | null;
  grams: number | null;
  portionBasis: string | null;
  count: number | null;
  measure: { name: string; grams: number } | null;
  range: { low: number; high: number } | null;
  flag: string | null;
}

/** "2 × medium (131 g) = 260 g" or "~105 g", and the plausible range; "no amount" when flagged. */
export function amountLine(i: PrintedItem): string {
  if (i.grams === null) return 'no amount proposed';
  const amount = i.count !== null && i.measure ? `${i.count} × ${i.measure.name} = ${i.grams} g` : `~${i.grams} g`;
  return i.range ? `${amount} (plausible ${i.range.low}–${i.range.high} g)` : amount;
}

function printItems(
  out: (s: string) => void,
  file: string,
  items: readonly PrintedItem[],
  flags: readonly string[],
  provider: string,
  ms: number,
): void {
  out(
    `${file}: ${items.length === 0 ? 'no foods recognised' : `${items.length} item(s)`} (${provider}, ${Math.round(ms)} ms)`,
  );
  for (const f of flags) out(`  ! ${f}`);
  for (const i of items) {
    out(`  ${i.label.padEnd(10)} ${(i.score * 100).toFixed(0).padStart(3)} %  ${i.foodName ?? '?'}  ${amountLine(i)}`);
    if (i.portionBasis) out(`      basis: ${i.portionBasis}`);
    if (i.flag) out(`      ! ${i.flag}`);
  }
}
