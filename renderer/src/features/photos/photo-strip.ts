import type { MethodOutput } from '@contract/index.ts';
import type { PhotoAnalysis } from '@contract/photos.ts';

export type PhotoSummary = MethodOutput<'photos.list'>[number];
export type StripStatus = 'pending' | 'saved';

export interface StripEntry {
  photoId: string;
  status: StripStatus;
  itemCount: number;
  localDate: string | null;
}

/**
 * The photos strip: this window's analyses in the order they were analysed, then the client's other
 * photos from photos.list (newest first). Changes made here (`local`) win over a list not yet
 * reloaded; discarded photos are left out.
 */
export function stripEntries(
  analysed: readonly PhotoAnalysis[],
  listed: readonly PhotoSummary[] | undefined,
  local: Readonly<Record<string, 'saved' | 'discarded'>>,
): StripEntry[] {
  const byId = new Map((listed ?? []).map((p) => [p.id, p]));
  const out: StripEntry[] = [];
  const seen = new Set<string>();
  const push = (entry: StripEntry, listedStatus: PhotoSummary['status'] | undefined): void => {
    if (seen.has(entry.photoId)) return;
    seen.add(entry.photoId);
    const status = local[entry.photoId] ?? listedStatus ?? entry.status;
    if (status === 'discarded') return;
    out.push({ ...entry, status });
  };
  for (const a of analysed) {
    const listedOne = byId.get(a.photoId);
    push(
      {
        photoId: a.photoId,
        status: 'pending',
        itemCount: listedOne?.itemCount ?? a.items.length,
        localDate: listedOne?.localDate ?? a.takenDate,
      },
      listedOne?.status,
    );
  }
  for (const p of listed ?? []) {
    if (p.status === 'discarded') continue;
    push({ photoId: p.id, status: p.status, itemCount: p.itemCount, localDate: p.localDate }, p.status);
  }
  return out;
}

/**
 * The photo to show: the picked one; when none was picked (or it is gone), the first one to review
 * from the newest drop (`preferred`), else the first one to review, else the first.
 */
export function defaultSelection(
  entries: readonly StripEntry[],
  picked: string | null,
  preferred: readonly string[] = [],
): StripEntry | null {
  const pending = entries.filter((e) => e.status === 'pending');
  return (
    entries.find((e) => e.photoId === picked) ??
    pending.find((e) => preferred.includes(e.photoId)) ??
    pending[0] ??
    entries[0] ??
    null
  );
}

/** The next photo to review after `photoId` (wrapping round), or null when none is left. */
export function nextPending(entries: readonly StripEntry[], photoId: string): string | null {
  const i = entries.findIndex((e) => e.photoId === photoId);
  const order = [...entries.slice(i + 1), ...entries.slice(0, Math.max(i, 0))];
  return order.find((e) => e.status === 'pending' && e.photoId !== photoId)?.photoId ?? null;
}
