import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { readLabel } from './labels-service.ts';
import { labelReader } from './ocr.ts';

/** Nutrition-label photos: read on this machine, nothing stored (the review saves via foods.createCustom). */
export function labelsHandlers({ services }: HandlerContext) {
  // The reads under way (one at a time runs; later ones wait), so labels.cancel can stop them.
  const running = new Set<AbortController>();
  return {
    'labels.read': async ({ dataBase64 }) => {
      // Only while unlocked, like every other photo: the label may be a client's.
      services();
      const controller = new AbortController();
      running.add(controller);
      try {
        return await readLabel(labelReader(), Buffer.from(dataBase64, 'base64'), { signal: controller.signal });
      } finally {
        running.delete(controller);
      }
    },
    'labels.cancel': () => {
      const cancelled = running.size > 0;
      for (const c of running) c.abort();
      running.clear();
      return { cancelled };
    },
  } satisfies HandlersFor<'labels'>;
}
