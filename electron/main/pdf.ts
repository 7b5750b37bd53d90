import { randomUUID } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { footerTemplate, headerTemplate, PDF_MARGINS_MM, type PdfRenderer } from '../../core/reports/pdf.ts';
import { finalizeReportPdf } from '../../core/reports/pdf-metadata.ts';
import { AppError } from '../../core/contract/errors.ts';

/**
 * The app's PDF printer: Electron's own Chromium, so the desktop app needs no second browser. A hidden
 * window with JavaScript off, sandboxed, in an in-memory session that refuses every request except the
 * report itself. The HTML is served from memory by this session's https handler at a one-time URL, not
 * from a temporary file (no client data on disk in the clear) and not as a data: URL (Chromium refuses
 * URLs over 2 MiB, which a report with meal photos can pass).
 */

// No "persist:" prefix: an in-memory session, so nothing (cache, cookies) outlives the app.
const PARTITION = 'bioai-report-print';
const MM_PER_INCH = 25.4;

const ORIGIN = 'https://bioai-report.invalid';
/** One-time URL → the HTML being printed there. */
const jobs = new Map<string, string>();

let configured = false;
function printSession(): Electron.Session {
  const ses = session.fromPartition(PARTITION, { cache: false });
  if (!configured) {
    configured = true;
    ses.webRequest.onBeforeRequest((details, callback) => {
      // The report document itself is the only thing that may load (data: images never reach here).
      callback({ cancel: !jobs.has(details.url) });
    });
    // Every https request of this session is answered from memory: a report URL gets its HTML, anything
    // else a network error, so nothing leaves the machine even if a request slipped past the filter above.
    ses.protocol.handle('https', (request) => {
      const html = jobs.get(request.url);
      if (html === undefined) return Response.error();
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    });
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  }
  return ses;
}

export function createElectronPdfRenderer(options: { now?: () => number } = {}): PdfRenderer {
  const now = options.now ?? Date.now;
  return {
    async render(html, opts) {
      const win = new BrowserWindow({
        show: false,
        width: 900,
        height: 1200,
        webPreferences: {
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          images: true,
          spellcheck: false,
          // No middle-click new windows from a link in the report (JavaScript is off too).
          disableBlinkFeatures: 'Auxclick',
          session: printSession(),
        },
      });
      // No navigation away from the report, and no pop-ups, whatever the HTML contains.
      win.webContents.on('will-navigate', (e) => e.preventDefault());
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      const url = `${ORIGIN}/${randomUUID()}`;
      jobs.set(url, html);
      let raw: Buffer;
      try {
        await win.loadURL(url);
        raw = await win.webContents.printToPDF({
          pageSize: opts.pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(opts.title),
          footerTemplate: footerTemplate(opts.footerLabel),
          margins: {
            top: PDF_MARGINS_MM.top / MM_PER_INCH,
            bottom: PDF_MARGINS_MM.bottom / MM_PER_INCH,
            left: PDF_MARGINS_MM.left / MM_PER_INCH,
            right: PDF_MARGINS_MM.right / MM_PER_INCH,
          },
        });
      } catch (e) {
        const err = new AppError(
          'internal',
          `Cannot print the report: the PDF printer failed (${e instanceof Error ? e.message : String(e)}).`,
        );
        err.cause = e;
        throw err;
      } finally {
        jobs.delete(url);
        win.destroy();
      }
      return await finalizeReportPdf(new Uint8Array(raw), opts, now());
    },
  };
}
