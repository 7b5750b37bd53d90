/**
 * What the app says about the online barcode lookup, written once for Settings and the scan panel.
 * It must stay true to core/barcodes/off.ts: one GET of the product by its number, nothing else.
 */
export const OFF_DISCLOSURE =
  'Off by default. When on, and a scanned barcode is not among the foods on this computer, the app sends only the barcode number (no client, no name, nothing else) over HTTPS to world.openfoodfacts.org, the free Open Food Facts database, and keeps the answer in this computer’s encrypted data, so each barcode is asked about once.';

export const FORMAT_NAMES: Readonly<Record<string, string>> = {
  ean13: 'EAN-13',
  upca: 'UPC-A',
  ean8: 'EAN-8',
};
