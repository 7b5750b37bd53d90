import { and, desc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../contract/errors.ts';
import {
  DetectedItem,
  type Box,
  type PhotoAnalysis,
  type PhotoPairing,
  type ReviewedItem,
} from '../contract/photos.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db } from '../db/open.ts';
import { mealPhotos } from '../db/schema.ts';
import { allergenConflicts, conflictText } from '../foods/allergens.ts';
import type { FoodAmounts, LogService } from '../log/log-service.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { decodeImage, probeImage } from '../vision/image.ts';
import { estimatePortions } from '../vision/portions.ts';
import type { VisionRuntime } from './vision-runtime.ts';
import type { ClientDataChanged } from '../changes.ts';
import { createPhotoPairs, type StoredPairing } from './photo-pairs.ts';

type PhotoRow = typeof mealPhotos.$inferSelect;

/** What is kept per photo in `detections`: the mapped items and the reference objects. */
interface StoredAnalysis {
  items: DetectedItem[];
  references: { label: string; box: Box }[];
  timings: PhotoAnalysis['timings'];
  takenDate: string | null;
  flags?: string[];
  pair?: PhotoAnalysis['pair'];
  pairing?: StoredPairing['pairing'];
}

export interface SavedItem extends ReviewedItem {
  /** Null for an item of a before-and-after pair of which nothing was eaten (nothing logged). */
  entryId: string | null;
}

export interface PhotosService {
  analyze(clientId: string, fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<PhotoAnalysis>;
  get(photoId: string): PhotoAnalysis;
  image(photoId: string, variant: 'full' | 'thumb'): { mime: string; dataBase64: string };
  list(
    clientId: string,
    status?: 'pending' | 'saved' | 'discarded',
  ): {
    id: string;
    clientId: string;
    status: 'pending' | 'saved' | 'discarded';
    localDate: string | null;
    width: number;
    height: number;
    itemCount: number;
    createdAt: number;
    pair: PhotoAnalysis['pair'];
  }[];
  save(input: {
    photoId: string;
    date: string;
    time: string | null;
    meal: 'breakfast' | 'lunch' | 'dinner' | 'snack' | null;
    items: ReviewedItem[];
    confirm: boolean;
  }): { photoId: string; entryIds: string[]; warnings: string[] };
  discard(photoId: string): { photoId: string };
  pair(beforeId: string, afterId: string): Promise<PhotoPairing>;
  pairing(photoId: string): PhotoPairing;
  unpair(photoId: string): { beforeId: string; afterId: string };
  /** Saved photos with their reviewed boxes and labels (for dataset export). */
  reviewed(): { id: string; image: Buffer; width: number; height: number; items: SavedItem[] }[];
}

function toAnalysis(row: PhotoRow): PhotoAnalysis {
  const stored = row.detections as unknown as StoredAnalysis[];
  const a = stored[0] ?? {
    items: [],
    references: [],
    timings: { preprocessMs: 0, inferenceMs: 0, totalMs: 0 },
    takenDate: null,
  };
  return {
    photoId: row.id,
    clientId: row.clientId,
    width: row.width,
    height: row.height,
    // Analyses stored before an item had a basis kind, range or flag read with the contract's defaults.
    items: a.items.map((i) => DetectedItem.parse(i)),
    references: a.references,
    nothingFound: a.items.length === 0,
    modelId: row.modelId,
    provider: row.provider,
    timings: a.timings,
    takenDate: a.takenDate,
    flags: a.flags ?? [],
    pair: a.pair ?? null,
  };
}

export function createPhotosService(
  db: Db,
  deps: {
    vision: VisionRuntime;
    log: LogService;
    foods: Pick<FoodAmounts, 'allergensOf' | 'resolveAmount'>;
    clients: ClientsService;
    audit: Audit;
    now: () => number;
    /** Told after a photo was saved as a meal. */
    changed?: ClientDataChanged;
  },
): PhotosService {
  const { vision, log, foods, clients, audit, now } = deps;

  /**
   * Every item whose food conflicts with the client's allergies and has no reason, checked before anything
   * is saved, so the practitioner sees them all at once; each is named in `fields` under its item.
   */
  const refuseUnconfirmedAllergens = (clientId: string, items: ReviewedItem[]): void => {
    const client = clients.get(clientId);
    const refused: [string, string][] = [];
    items.forEach((item, i) => {
      if ((item.allergyConfirmation?.reason.trim() ?? '') !== '') return;
      const food = foods.allergensOf(item.foodId);
      const conflicts = allergenConflicts(food, client);
      if (conflicts.length > 0)
        refused.push([`items.${i}.allergyConfirmation`, `${food.name} ${conflictText(conflicts)}.`]);
    });
    if (refused.length === 0) return;
    throw new AppError(
      'allergen-conflict',
      `The meal was not saved: ${refused.map(([, m]) => m).join(' ')} Check with the client; to save it anyway, give a reason for each of these items.`,
      Object.fromEntries(refused),
    );
  };

  const load = (photoId: string): PhotoRow => {
    const row = db
      .select()
      .from(mealPhotos)
      .where(and(eq(mealPhotos.id, photoId), isNull(mealPhotos.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'That photo does not exist (it may have been discarded).');
    return row;
  };
  const pairs = createPhotoPairs(db, { load, analysis: toAnalysis, audit, now });

  return {
    async analyze(clientId, fileName, bytes, signal) {
      clients.get(clientId);
      const t0 = performance.now();
      // The header check (type, size, pixel count) comes first, so a file that is not a photo costs
      // nothing more. Then the stored copy is made here while the detector thread decodes its own small
      // copy and infers: the two overlap instead of running in turn.
      await probeImage(bytes);
      const detector = await vision.detector();
      const [image, result] = await Promise.all([decodeImage(bytes), detector.detect(bytes, signal ? { signal } : {})]);
      // Reference plausibility is judged against the analysed image's size, in the same pixels as the boxes.
      const mapped = estimatePortions(result.detections, detector.manifest, {
        width: image.width,
        height: image.height,
      });
      // Boxes come in the oriented original's pixels; the UI shows the stored (downscaled) copy.
      const k = image.storedWidth / image.width;
      const scale = (b: Box): Box => ({ x: b.x * k, y: b.y * k, w: b.w * k, h: b.h * k });
      const items: DetectedItem[] = mapped.items.map((i) => ({
        id: uuidv7(),
        label: i.label,
        score: i.score,
        box: scale(i.box),
        foodId: i.foodId,
        foodName: i.foodName,
        grams: i.grams,
        portionBasis: i.portionBasis,
        confidence: i.confidence,
        basisKind: i.basisKind,
        count: i.count,
        measure: i.measure,
        range: i.range,
        flag: i.flag,
        merged: i.merged,
      }));
      // Only references judged plausible are kept as size references; why the others were not used is in flags.
      const references = mapped.references
        .filter((r) => r.rejected === null)
        .map((r) => ({ label: r.label, box: scale(r.box) }));
      const timings = {
        preprocessMs: result.timings.preprocessMs,
        inferenceMs: result.timings.inferenceMs,
        totalMs: performance.now() - t0,
      };
      const stored: StoredAnalysis = { items, references, timings, takenDate: image.takenDate, flags: mapped.flags };
      const t = now();
      const id = uuidv7(t);
      db.transaction(() => {
        db.insert(mealPhotos)
          .values({
            id,
            clientId,
            localDate: image.takenDate,
            image: Buffer.from(image.storedJpeg),
            thumbnail: Buffer.from(image.thumbnail),
            width: image.storedWidth,
            height: image.storedHeight,
            detections: [stored],
            items: null,
            modelId: detector.manifest.id,
            provider: result.provider,
            status: 'pending',
            createdAt: t,
            updatedAt: t,
            deletedAt: null,
          })
          .run();
        // The file name can carry the client's name: it is not kept, only counted.
        audit.record('photo', clientId, 'analyze', [String(items.length), fileName.length > 0 ? 'file' : '']);
      });
      return toAnalysis(load(id));
    },

    get: (photoId) => toAnalysis(load(photoId)),

    image(photoId, variant) {
      const row = load(photoId);
      return { mime: 'image/jpeg', dataBase64: (variant === 'thumb' ? row.thumbnail : row.image).toString('base64') };
    },

    list(clientId, status) {
      clients.get(clientId);
      return db
        .select()
        .from(mealPhotos)
        .where(
          and(
            eq(mealPhotos.clientId, clientId),
            isNull(mealPhotos.deletedAt),
            status ? eq(mealPhotos.status, status) : undefined,
          ),
        )
        .orderBy(desc(mealPhotos.createdAt))
        .all()
        .map((r) => ({
          id: r.id,
          clientId: r.clientId,
          status: r.status as 'pending' | 'saved' | 'discarded',
          localDate: r.localDate,
          width: r.width,
          height: r.height,
          itemCount: (r.items ?? (r.detections[0] as StoredAnalysis | undefined)?.items ?? []).length,
          createdAt: r.createdAt,
          pair: (r.detections[0] as StoredAnalysis | undefined)?.pair ?? null,
        }));
    },

    save({ photoId, date, time, meal, items, confirm }) {
      const row = load(photoId);
      if (row.status === 'saved') {
        throw new AppError('conflict', 'This photo is already saved as a meal. Edit the entries in the log instead.');
      }
      refuseUnconfirmedAllergens(row.clientId, items);
      // A before photo logs what was eaten (grams × share); its after photo is saved with it.
      const eaten = pairs.eatenAmounts(row, items, foods);
      const entryIds: string[] = [];
      const warnings: string[] = [];
      const saved: SavedItem[] = [];
      // All items or none: one transaction around every diet entry and the photo's new state.
      db.transaction(() => {
        for (const [n, item] of items.entries()) {
          const eatenGrams = eaten.grams ? eaten.grams[n] : undefined;
          if (eatenGrams === null) {
            // Nothing of it eaten: kept with the photo, not logged.
            const { allergyConfirmation: _kept, ...reviewed } = item;
            saved.push({ ...reviewed, entryId: null });
            continue;
          }
          const r = log.add(
            {
              kind: 'diet',
              clientId: row.clientId,
              date,
              time,
              note: null,
              confirm,
              meal,
              foodId: item.foodId,
              grams: eatenGrams ?? item.grams,
              amount: eatenGrams === undefined ? item.amount : null,
              allergyConfirmation: item.allergyConfirmation ?? null,
            },
            'photo',
            { photoId },
          );
          entryIds.push(r.entry.id);
          warnings.push(...r.warnings);
          // The reason stays with the entry only: the photo's items go into dataset exports.
          const { allergyConfirmation: _kept, ...reviewed } = item;
          saved.push({ ...reviewed, entryId: r.entry.id });
        }
        const t = Math.max(now(), row.updatedAt + 1);
        db.update(mealPhotos)
          .set({ status: 'saved', items: saved, localDate: date, updatedAt: t })
          .where(eq(mealPhotos.id, photoId))
          .run();
        if (eaten.afterRow) {
          db.update(mealPhotos)
            .set({ status: 'saved', items: [], localDate: date, updatedAt: Math.max(t, eaten.afterRow.updatedAt + 1) })
            .where(eq(mealPhotos.id, eaten.afterRow.id))
            .run();
        }
        audit.record('photo', row.clientId, 'save', [String(items.length)]);
      });
      deps.changed?.(row.clientId, 'photos');
      return { photoId, entryIds, warnings };
    },

    discard(photoId) {
      const row = load(photoId);
      if (row.status === 'saved') {
        throw new AppError('conflict', 'This photo is saved as a meal; delete its entries in the log first.');
      }
      const t = Math.max(now(), row.updatedAt + 1);
      db.transaction(() => {
        pairs.releasePartner(row);
        // The picture itself is erased; the row stays as a tombstone.
        db.update(mealPhotos)
          .set({ status: 'discarded', image: Buffer.alloc(0), thumbnail: Buffer.alloc(0), deletedAt: t, updatedAt: t })
          .where(eq(mealPhotos.id, photoId))
          .run();
        audit.record('photo', row.clientId, 'discard');
      });
      return { photoId };
    },

    pair: (beforeId, afterId) => pairs.pair(beforeId, afterId),
    pairing: (photoId) => pairs.pairing(photoId),
    unpair: (photoId) => pairs.unpair(photoId),

    reviewed() {
      return db
        .select()
        .from(mealPhotos)
        .where(and(eq(mealPhotos.status, 'saved'), isNull(mealPhotos.deletedAt)))
        .orderBy(mealPhotos.createdAt)
        .all()
        .map((r) => ({
          id: r.id,
          image: r.image,
          width: r.width,
          height: r.height,
          items: (r.items ?? []) as SavedItem[],
        }));
    },
  };
}
