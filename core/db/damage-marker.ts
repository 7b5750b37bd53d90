import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic-file.ts';

/**
 * `damaged.json` in the data folder: set when the database was seen to be damaged (a page that does
 * not read back at open, during use or in the background integrity check), removed only when the
 * practitioner resolves it (salvage, restore, start empty). It makes the damage persist across
 * launches and commands even when the damaged page is one that opening does not read. It holds no
 * client data: when, where it was seen, and a short sentence.
 */
export const DAMAGE_MARKER_FILE = 'damaged.json';

export const DamageMarker = z.object({
  detectedAt: z.number(),
  source: z.enum(['open', 'use', 'integrity-check']),
  detail: z.string().max(500),
});
export type DamageMarker = z.infer<typeof DamageMarker>;

export function readDamageMarker(dataDir: string): DamageMarker | null {
  const file = path.join(dataDir, DAMAGE_MARKER_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = DamageMarker.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable marker still says the database was found damaged.
  }
  return { detectedAt: fs.statSync(file).mtimeMs, source: 'open', detail: 'The database was found damaged.' };
}

export function writeDamageMarker(dataDir: string, marker: DamageMarker): void {
  if (readDamageMarker(dataDir)) return; // the first sighting is the one to keep
  writeFileAtomic(path.join(dataDir, DAMAGE_MARKER_FILE), `${JSON.stringify(marker)}\n`, 0o600);
}

export function clearDamageMarker(dataDir: string): void {
  fs.rmSync(path.join(dataDir, DAMAGE_MARKER_FILE), { force: true });
}
