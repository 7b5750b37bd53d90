import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { exportDataset } from './dataset-export.ts';

const bytes = (dataBase64: string): Uint8Array => Buffer.from(dataBase64, 'base64');

/** Meal photos and the detector that reads them. */
export function photosHandlers({ services, vision, clock }: HandlerContext) {
  return {
    'photos.analyze': ({ clientId, fileName, dataBase64 }) =>
      services().photos.analyze(clientId, fileName, bytes(dataBase64)),
    'photos.get': ({ photoId }) => services().photos.get(photoId),
    'photos.image': ({ photoId, variant }) => services().photos.image(photoId, variant),
    'photos.list': ({ clientId, status }) => services().photos.list(clientId, status),
    'photos.save': (input) => services().photos.save(input),
    'photos.discard': ({ photoId }) => services().photos.discard(photoId),
    'photos.pair': ({ beforeId, afterId }) => services().photos.pair(beforeId, afterId),
    'photos.pairing': ({ photoId }) => services().photos.pairing(photoId),
    'photos.unpair': ({ photoId }) => services().photos.unpair(photoId),
    'photos.exportDataset': ({ format }) => {
      const s = services();
      const zip = exportDataset(s.photos.reviewed(), format, clock.now());
      s.audit.record('photo', 'dataset', 'export', [format]);
      return {
        fileName: zip.fileName,
        dataBase64: Buffer.from(zip.data).toString('base64'),
        images: zip.images,
        annotations: zip.annotations,
      };
    },

    // The detector's files live in the data folder: only while unlocked.
    'vision.status': () => {
      services();
      return vision.status();
    },
    'vision.installModel': ({ dataBase64, name, classes, foodMap, defaultGrams }) => {
      const s = services();
      const foodNames: Record<string, string> = {};
      for (const id of Object.values(foodMap)) foodNames[id] = s.foods.get(id).name;
      return vision.install({ name, modelBytes: bytes(dataBase64), classes, foodMap, defaultGrams, foodNames });
    },
    'vision.setActiveModel': ({ id }) => {
      services();
      return vision.setActive(id);
    },
  } satisfies HandlersFor<'photos' | 'vision'>;
}
