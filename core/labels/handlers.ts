import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { readLabel } from './labels-service.ts';
import { labelReader } from './ocr.ts';

/** Nutrition-label photos: read on this machine, nothing stored (the review saves via foods.createCustom). */
export function labelsHandlers({ services }: HandlerContext) {
  return {
    'labels.read': ({ dataBase64 }) => {
      // Only while unlocked, like every other photo: the label may be a client's.
      services();
      return readLabel(labelReader(), Buffer.from(dataBase64, 'base64'));
    },
  } satisfies HandlersFor<'labels'>;
}
