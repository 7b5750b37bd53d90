import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Open Food Facts answers kept on this computer (only looked up when the practitioner turned the
 * lookup on in Settings): one row per barcode asked about, found or not, so the same barcode is not
 * sent again. Holds product data only, never anything about a client.
 */
export const offProducts = sqliteTable('off_products', {
  /** The barcode as a GTIN-14 (core/barcodes/ean.ts toGtin14). */
  gtin: text('gtin').primaryKey(),
  /** 1 = Open Food Facts knows the product (product holds it), 0 = "product not found". */
  found: integer('found').notNull(),
  /** The product as mapped (core/barcodes/off.ts OffProduct), null when not found. */
  product: text('product', { mode: 'json' }),
  fetchedAt: integer('fetched_at').notNull(),
});
