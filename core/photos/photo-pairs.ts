import { eq } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import type { PhotoAnalysis, PhotoPairing, ReviewedItem } from '../contract/photos.ts';
import type { Audit } from '../audit/audit.ts';
import type { Db } from '../db/open.ts';
import { mealPhotos } from '../db/schema.ts';
import type { FoodAmounts } from '../log/log-service.ts';
import { eatenGrams, proposeShares, type PairSide, type RgbImage } from '../vision/pairing.ts';
import { loadSharp } from '../vision/sharp.ts';

type PhotoRow = typeof mealPhotos.$inferSelect;

/** What pairing keeps in a photo's stored analysis (the `detections` JSON; no migration needed). */
export interface StoredPairing {
  pair?: PhotoAnalysis['pair'];
  /** On the before photo only: the proposals made when the two were paired. */
  pairing?: { frame: PhotoPairing['frame']; items: PhotoPairing['items'] };
}

/** The pixels are compared at this size (longest side): enough to see food against plate, and quick. */
const COMPARE_SIDE = 320;

async function rgbOf(bytes: Uint8Array, width: number, height: number): Promise<{ image: RgbImage; k: number }> {
  const sharp = await loadSharp();
  const k = Math.min(1, COMPARE_SIDE / Math.max(width, height));
  // rotate(): the same EXIF orientation the boxes were measured in (a no-op for stored copies).
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize(Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k)), { fit: 'fill' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data: new Uint8Array(data), width: info.width, height: info.height }, k };
}

const scaleSide = (a: PairSide, k: number): PairSide => ({
  width: a.width * k,
  height: a.height * k,
  items: a.items.map((i) => ({ ...i, box: { x: i.box.x * k, y: i.box.y * k, w: i.box.w * k, h: i.box.h * k } })),
  references: a.references.map((r) => ({
    ...r,
    box: { x: r.box.x * k, y: r.box.y * k, w: r.box.w * k, h: r.box.h * k },
  })),
});

/**
 * The proposals for two photos given as image bytes and what was found on each (boxes in the pixels of
 * those bytes after EXIF orientation). Used by the service and by `bioai analyze --after` without a client.
 */
export async function proposeForPhotos(
  before: { bytes: Uint8Array; side: PairSide },
  after: { bytes: Uint8Array; side: PairSide },
): Promise<ReturnType<typeof proposeShares>> {
  const [pb, pa] = await Promise.all([
    rgbOf(before.bytes, before.side.width, before.side.height),
    rgbOf(after.bytes, after.side.width, after.side.height),
  ]);
  // Boxes are measured in each photo's compared pixels (the two photos may differ in size).
  return proposeShares(scaleSide(before.side, pb.k), scaleSide(after.side, pa.k), {
    before: pb.image,
    after: pa.image,
  });
}

/**
 * Pairing of two meal photos, kept in each photo's stored analysis: the before photo records its after
 * photo and the proposals, the after photo records its before photo.
 */
export function createPhotoPairs(
  db: Db,
  deps: {
    load: (photoId: string) => PhotoRow;
    analysis: (row: PhotoRow) => PhotoAnalysis;
    audit: Audit;
    now: () => number;
  },
) {
  const { load, analysis, audit, now } = deps;
  const stored = (row: PhotoRow): StoredPairing & Record<string, unknown> =>
    ((row.detections as unknown[])[0] ?? {}) as StoredPairing & Record<string, unknown>;

  /** Writes a photo's pair fields (null clears them); the caller holds the transaction. */
  const writePair = (row: PhotoRow, pair: StoredPairing['pair'] | null, pairing: StoredPairing['pairing'] | null) => {
    const { pair: _p, pairing: _q, ...rest } = stored(row);
    const next = { ...rest, ...(pair ? { pair } : {}), ...(pairing ? { pairing } : {}) };
    const t = Math.max(now(), row.updatedAt + 1);
    db.update(mealPhotos)
      .set({ detections: [next, ...(row.detections as unknown[]).slice(1)] as PhotoRow['detections'], updatedAt: t })
      .where(eq(mealPhotos.id, row.id))
      .run();
  };

  const pairingOf = (photoId: string): PhotoPairing => {
    const row = load(photoId);
    const pair = stored(row).pair;
    if (!pair) throw new AppError('not-found', 'This photo is not paired with a before or after photo.');
    const beforeRow = pair.role === 'before' ? row : load(pair.photoId);
    const p = stored(beforeRow);
    if (!p.pairing || !p.pair)
      throw new AppError('not-found', 'This photo is not paired with a before or after photo.');
    return { beforeId: beforeRow.id, afterId: p.pair.photoId, frame: p.pairing.frame, items: p.pairing.items };
  };

  return {
    async pair(beforeId: string, afterId: string): Promise<PhotoPairing> {
      if (beforeId === afterId) {
        throw new AppError('invalid-input', 'Choose two different photos: a photo cannot be its own after photo.', {
          afterId: 'Choose a different photo.',
        });
      }
      const before = load(beforeId);
      const after = load(afterId);
      if (before.clientId !== after.clientId) {
        throw new AppError('invalid-input', 'The two photos are of different clients: pair photos of one meal.', {
          afterId: 'This photo is of another client.',
        });
      }
      for (const [row, which] of [
        [before, 'before'],
        [after, 'after'],
      ] as const) {
        if (row.status !== 'pending') {
          throw new AppError(
            'conflict',
            `The ${which} photo is already saved as a meal: only photos still to review can be paired.`,
          );
        }
        if (stored(row).pair) {
          throw new AppError('conflict', `The ${which} photo is already paired: unpair it first.`);
        }
      }
      const proposal = await proposeForPhotos(
        { bytes: before.image, side: analysis(before) },
        { bytes: after.image, side: analysis(after) },
      );
      db.transaction(() => {
        // Read again inside the transaction: another window may have paired or saved them meanwhile.
        const [b2, a2] = [load(beforeId), load(afterId)];
        if (b2.status !== 'pending' || a2.status !== 'pending' || stored(b2).pair || stored(a2).pair) {
          throw new AppError(
            'conflict',
            'One of the photos changed meanwhile (saved or paired elsewhere): reload and try again.',
          );
        }
        writePair(b2, { role: 'before', photoId: afterId }, proposal);
        writePair(a2, { role: 'after', photoId: beforeId }, null);
        audit.record('photo', b2.clientId, 'pair', [String(proposal.items.length)]);
      });
      return pairingOf(beforeId);
    },

    pairing: pairingOf,

    unpair(photoId: string): { beforeId: string; afterId: string } {
      const p = pairingOf(photoId);
      db.transaction(() => {
        const before = load(p.beforeId);
        const after = load(p.afterId);
        if (before.status !== 'pending' || after.status !== 'pending') {
          throw new AppError('conflict', 'These photos are saved as a meal: delete its entries in the log instead.');
        }
        writePair(before, null, null);
        writePair(after, null, null);
        audit.record('photo', before.clientId, 'unpair');
      });
      return { beforeId: p.beforeId, afterId: p.afterId };
    },

    /** Discarding half of a pair leaves the other half pending and unpaired (inside the caller's transaction). */
    releasePartner(row: PhotoRow): void {
      const pair = stored(row).pair;
      if (!pair) return;
      const other = load(pair.photoId);
      writePair(other, null, null);
    },

    /**
     * Saving a photo of a pair: the after photo is never saved on its own; the before photo's items log
     * grams × share eaten. Returns the after photo to mark saved and each item's eaten grams (null: none
     * eaten, nothing logged). A household measure with a share is turned into grams through the food's
     * measures first ("1 cup" × 50 % → half the cup's grams), since "0.5 × 1 cup" is no measure a log
     * entry can carry.
     */
    eatenAmounts(
      row: PhotoRow,
      items: ReviewedItem[],
      foods: Pick<FoodAmounts, 'resolveAmount'>,
    ): { afterRow: PhotoRow | null; grams: (number | null)[] | null } {
      const pair = stored(row).pair;
      const withShare = items.some((i) => i.eatenShare !== null);
      if (pair?.role === 'after') {
        throw new AppError(
          'conflict',
          'This is the after photo of a pair: save the before photo, which logs what was eaten.',
        );
      }
      if (!pair) {
        if (withShare) {
          throw new AppError(
            'invalid-input',
            'A share eaten needs a before-and-after pair: pair this photo with its after photo first.',
          );
        }
        return { afterRow: null, grams: null };
      }
      const afterRow = load(pair.photoId);
      if (afterRow.status !== 'pending') {
        throw new AppError('conflict', 'The after photo of this pair is no longer pending: reload and try again.');
      }
      const grams = items.map((i) => {
        const share = i.eatenShare ?? 1;
        if (share === 0) return null;
        const served = i.grams ?? foods.resolveAmount(i.foodId, { text: i.amount ?? '' }).grams;
        return eatenGrams(served, share);
      });
      if (grams.every((g) => g === null)) {
        throw new AppError(
          'invalid-input',
          'By these shares nothing was eaten: set the share eaten of at least one item, or discard the photos.',
        );
      }
      return { afterRow, grams };
    },
  };
}

export type PhotoPairs = ReturnType<typeof createPhotoPairs>;
