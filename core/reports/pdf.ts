/**
 * Printing a report's HTML to PDF. The report HTML is self-contained (inline CSS, data: images), so
 * the printer runs with JavaScript off and every network request refused: a report holds health
 * data, and nothing in it should be able to reach out (a stray <img src="http://…"> in a note, a
 * font URL). Two printers share this interface: headless Chromium via playwright-core for the CLI
 * and the browser host (pdf-chromium.ts), and Electron's own printToPDF (electron/main/pdf.ts) inside
 * the app. Both finish the printed bytes with finalizePdf (pdf-metadata.ts).
 */

export type PageSize = 'A4' | 'Letter';

export interface PdfRenderOptions {
  pageSize: PageSize;
  /** Shown small at the top of every page. */
  title: string;
  author: string;
  /** Shown at the bottom left of every page, before "Page n of m". */
  footerLabel: string;
  /** The PDF's Subject; defaults to the title. */
  subject?: string;
}

export interface PdfRenderer {
  /** The finished PDF (metadata set by finalizePdf). */
  render(html: string, opts: PdfRenderOptions): Promise<Uint8Array>;
  /**
   * Starts what printing needs (a browser) in the background so the next render does not wait for it;
   * never fails (a problem is reported by the render that needs it).
   */
  prepare?(): Promise<void>;
  /** Frees the browser, when the renderer holds one. */
  close?(): Promise<void>;
}

export const PDF_CREATOR = 'BioAI Nutrition';

/** Margins leave room for the header and footer templates, which Chromium draws inside them. */
export const PDF_MARGINS_MM = { top: 16, bottom: 16, left: 14, right: 14 } as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Header and footer templates are rendered by Chromium in their own document with a zero default font
// size, so each sets its own size and margins; they may not load anything (no images, no fonts).
const TEMPLATE_STYLE =
  'font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 8px; color: #555;' +
  ' width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;';

export function headerTemplate(title: string): string {
  return `<div style='${TEMPLATE_STYLE}'><span>${escapeHtml(title)}</span><span></span></div>`;
}

export function footerTemplate(footerLabel: string): string {
  return (
    `<div style='${TEMPLATE_STYLE}'><span>${escapeHtml(footerLabel)}</span>` +
    `<span>Page <span class=pageNumber></span> of <span class=totalPages></span></span></div>`
  );
}
