import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { allergyCheck, deriveAllergens } from './allergens.ts';
import type { FoodUploadInput } from './import/import-service.ts';

/** The food database: search, custom foods and recipes, allergen checks, and table imports. */
export function foodsHandlers({ services, session, uploads }: HandlerContext) {
  /** A path on this machine is read only for the CLI: the app's window and the browser host upload bytes. */
  const localFileOnlyForCli = <T extends { filePath?: string | undefined; fileName: string }>(input: T): T => {
    if (input.filePath !== undefined && session.status().host !== 'cli')
      throw new AppError(
        'invalid-input',
        `${input.fileName}: upload the file's contents; a file path is not accepted here.`,
      );
    return input;
  };
  /** The upload named by uploadId as an open file for the importer (other inputs pass through). */
  const fromUpload = <T extends FoodUploadInput & { uploadId?: string | undefined }>(input: T): T => {
    const { uploadId, ...rest } = localFileOnlyForCli(input);
    if (uploadId === undefined) return input;
    if (rest.dataBase64 !== undefined || rest.filePath !== undefined)
      throw new AppError(
        'invalid-input',
        `Give ${input.fileName} either as data or as a file path (or as an upload), exactly one of them.`,
      );
    return { ...rest, uploaded: uploads.completed(uploadId, input.fileName) } as T;
  };

  return {
    'foods.search': ({ query, clientId, limit }) => services().foods.search(query, clientId, limit),
    'foods.get': ({ id }) => services().foods.get(id),
    'foods.deriveAllergens': ({ name, foodGroup }) => ({ allergens: deriveAllergens({ name, foodGroup }) }),
    'foods.allergyCheck': ({ clientId, foodIds }) => {
      const s = services();
      return allergyCheck(
        s.clients.get(clientId),
        foodIds.map((id) => ({ id, ...s.foods.allergensOf(id) })),
      );
    },
    'foods.usage': ({ id }) => services().foods.usage(id),
    'foods.createCustom': (input) => services().foods.createCustom(input),
    'foods.updateCustom': ({ id, food, applyToPast }) => services().foods.updateCustom(id, food, applyToPast),
    'foods.createRecipe': (input) => services().foods.createRecipe(input),
    'foods.updateRecipe': ({ id, recipe, applyToPast }) => services().foods.updateRecipe(id, recipe, applyToPast),
    'foods.delete': ({ id }) => services().foods.remove(id),
    'foods.upload.begin': (input) => {
      services(); // only while unlocked: the file goes into the data folder
      return uploads.begin(input);
    },
    'foods.upload.chunk': (input) => {
      services();
      return uploads.chunk(input);
    },
    'foods.upload.discard': ({ uploadId }) => {
      uploads.discard(uploadId);
      return { uploadId };
    },
    'foods.previewCsv': (upload) => services().importer.preview(fromUpload(upload)),
    // The upload is deleted once the import ends, committed or not (a retry uploads the file again).
    'foods.import': (input) => {
      try {
        return services().importer.import(fromUpload(input));
      } finally {
        if (input.uploadId !== undefined) uploads.discard(input.uploadId);
      }
    },
    'foods.datasets': () => services().foods.datasets(),
  } satisfies HandlersFor<'foods'>;
}
