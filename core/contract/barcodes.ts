import { z } from 'zod';
import { Food, FoodId, Nutrients } from './foods.ts';
import { method } from './rpc.ts';

/**
 * Barcodes on packages (EAN-13, UPC-A, EAN-8): read from a photo on this computer, looked up among
 * imported foods (FoodData Central Branded Foods carry them) and, only when the practitioner turned it
 * on in Settings, in Open Food Facts (only the barcode number is sent; answers are kept locally).
 */

/** The largest photo read for a barcode (a 50-megapixel JPEG is about 25 MB). */
export const MAX_BARCODE_PHOTO_BYTES = 40 * 1024 * 1024;

export const BarcodeFormat = z.enum(['ean13', 'upca', 'ean8']);
export type BarcodeFormat = z.infer<typeof BarcodeFormat>;

/** GS1 mod-10 check (weights 3 and 1 from the right): a mistyped digit is refused with a clear message. */
function checkDigitOk(code: string): boolean {
  let sum = 0;
  for (let i = 1; i < code.length; i += 1) {
    const d = code.charCodeAt(code.length - 1 - i) - 48;
    sum += i % 2 === 1 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(code.at(-1));
}

/** A barcode number typed or read: 8, 12, 13 or 14 digits with a right check digit (spaces ignored). */
export const BarcodeNumber = z
  .string({ message: 'Enter the barcode number.' })
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^(\d{8}|\d{12,14})$/, { message: 'A barcode number has 8, 12, 13 or 14 digits.' })
      .refine(checkDigitOk, { message: 'The last digit (the check digit) does not match: check the number.' }),
  );

/** A food among those stored whose barcode is the one read. */
export const BarcodeFood = z.object({
  id: FoodId,
  name: z.string(),
  brand: z.string().nullable(),
  /** Where it comes from, in words: the dataset's name ("USDA Branded Foods"), "Custom food". */
  sourceName: z.string(),
});
export type BarcodeFood = z.infer<typeof BarcodeFood>;

/** A product as Open Food Facts describes it, mapped to the app's nutrients per 100 g. */
export const OnlineProduct = z.object({
  gtin: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  /** The package's net quantity as printed ("250 g"). */
  quantity: z.string().nullable(),
  /** The label's serving, when Open Food Facts gives it in grams. */
  serving: z.object({ label: z.string(), grams: z.number().positive() }).nullable(),
  nutrients: Nutrients,
  ingredients: z.string().nullable(),
  /** The product's page on Open Food Facts. */
  url: z.string(),
});
export type OnlineProduct = z.infer<typeof OnlineProduct>;

/** What Open Food Facts said, or why it was not asked. */
export const OnlineLookup = z.discriminatedUnion('status', [
  /** The lookup is off in Settings (the default): nothing was sent. */
  z.object({ status: z.literal('disabled') }),
  /** The barcode was found among stored foods: nothing was sent. */
  z.object({ status: z.literal('not-needed') }),
  z.object({ status: z.literal('found'), product: OnlineProduct, cached: z.boolean(), fetchedAt: z.number() }),
  z.object({ status: z.literal('not-found'), cached: z.boolean(), fetchedAt: z.number() }),
  /** Asking failed (no network, a timeout, an unreadable answer): the message says which. */
  z.object({ status: z.literal('failed'), message: z.string() }),
]);
export type OnlineLookup = z.infer<typeof OnlineLookup>;

export const BarcodeLookup = z.object({
  /** The digits as printed (13, 12 or 8; 14 when typed as a GTIN-14). */
  code: z.string(),
  format: BarcodeFormat.nullable(),
  gtin: z.string(),
  matches: z.array(BarcodeFood),
  online: OnlineLookup,
});
export type BarcodeLookup = z.infer<typeof BarcodeLookup>;

const photoBase64 = z
  .string()
  .min(1, { message: 'The photo is empty.' })
  .max(Math.ceil(MAX_BARCODE_PHOTO_BYTES / 3) * 4, { message: 'The photo is too large (at most 40 MB).' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'The photo data is not valid base64.' });

export const barcodesMethods = {
  /** Reads the barcode in a photo (on this computer) and looks it up; "No barcode found" when none reads. */
  'barcodes.scan': method(
    z.object({ fileName: z.string().trim().min(1).max(255), dataBase64: photoBase64 }).strict(),
    BarcodeLookup,
  ),
  /** Looks up a barcode number typed from the package. */
  'barcodes.lookup': method(z.object({ code: BarcodeNumber }).strict(), BarcodeLookup),
  /**
   * Saves the Open Food Facts product kept for this barcode as a custom food (from the local copy:
   * nothing is sent), linked to the barcode so the next scan finds it among stored foods.
   */
  'barcodes.saveOnline': method(z.object({ code: BarcodeNumber }).strict(), Food),
} as const;
