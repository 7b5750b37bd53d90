import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../contract/errors.ts';

/**
 * Printing a report's HTML to PDF. The report HTML is self-contained (inline CSS, data: images), so
 * the printer runs with JavaScript off and every network request refused: a report holds health
 * data, and nothing in it should be able to reach out (a stray <img src="http://…"> in a note, a
 * font URL). Two printers share this interface: headless Chromium via playwright-core for the CLI
 * and the browser host, and Electron's own printToPDF (electron/main/pdf.ts) inside the app.
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

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  creator: string;
  /** The creation date written into the PDF; defaults to now. */
  now?: Date;
}

/**
 * Writes the document information (Chromium sets Title from the page's <title> but leaves Author and
 * Subject unset and names itself the Creator) and counts pages. Chromium's PDFs end in one classic
 * cross-reference table, so the information is written as an incremental update: a new Info object,
 * a one-entry table and a trailer appended after the printed bytes, which are left as they are. Loading
 * and saving the whole document (pdf-lib) is kept for any PDF not of that shape.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const when = meta.now ?? new Date();
  const appended = appendInfo(bytes, meta, when);
  if (appended) {
    pageCounts.set(appended.bytes, appended.pages);
    return appended;
  }
  // pdf-lib is loaded only for a PDF the incremental update does not handle.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(meta.creator);
  doc.setProducer(`${PDF_CREATOR} (pdf-lib)`);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const out = await doc.save();
  const pages = doc.getPageCount();
  pageCounts.set(out, pages);
  return { bytes: out, pages };
}

/** A PDF text string as UTF-16BE with its byte-order mark, in hex: any character, nothing to escape. */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

/** Latin-1 view of PDF bytes (one character per byte, so string offsets are byte offsets). */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString(
    'latin1',
  );
}

/**
 * The incremental update for a PDF whose last section is a classic cross-reference table with no
 * earlier section and no encryption (what Chromium writes), with its page count read from the page
 * tree's root; null for any other PDF.
 */
function appendInfo(bytes: Uint8Array, meta: PdfMetadata, when: Date): { bytes: Uint8Array; pages: number } | null {
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return null;
  const xrefAt = Number(sx[1]);
  if (!(xrefAt > 0 && xrefAt < bytes.length)) return null;
  const section = latin1(bytes, xrefAt, bytes.length);
  if (!section.startsWith('xref')) return null;
  const trailerAt = section.indexOf('trailer');
  if (trailerAt < 0) return null;
  const trailer = section.slice(trailerAt, section.indexOf('startxref', trailerAt));
  if (/\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) return null;
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer);
  if (!size || !root) return null;

  // Object offsets from the table's subsections ("first count" then 20-byte entries).
  const offsets = new Map<number, number>();
  const table = section.slice(4, trailerAt);
  const sub = /(\d+)\s+(\d+)\s*\r?\n/y;
  let at = table.search(/\S/);
  while (at >= 0 && at < table.length) {
    sub.lastIndex = at;
    const m = sub.exec(table);
    if (!m) return null;
    const first = Number(m[1]);
    const count = Number(m[2]);
    at = sub.lastIndex;
    for (let i = 0; i < count; i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(table.slice(at, at + 20));
      if (!entry) return null;
      if (entry[3] === 'n') offsets.set(first + i, Number(entry[1]));
      at += 20;
    }
    while (at < table.length && /\s/.test(table.charAt(at))) at++;
  }
  const object = (num: number): string | null => {
    const offset = offsets.get(num);
    if (offset === undefined) return null;
    const text = latin1(bytes, offset, offset + 4096);
    const head = new RegExp(`^${num}\\s+\\d+\\s+obj\\b`).exec(text);
    if (!head) return null;
    const endAt = text.indexOf('endobj');
    return endAt < 0 ? null : text.slice(head[0].length, endAt);
  };
  const catalog = object(Number(root[1]));
  const pagesRef = catalog && /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog);
  const pagesObj = pagesRef ? object(Number(pagesRef[1])) : null;
  const count = pagesObj && /\/Type\s*\/Pages\b/.test(pagesObj) ? /\/Count\s+(\d+)/.exec(pagesObj) : null;
  if (!count) return null;

  const infoNum = Number(size[1]);
  const date = pdfDate(when);
  const lead = bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  const info =
    `${lead}${infoNum} 0 obj\n<</Title ${pdfTextString(meta.title)}\n/Author ${pdfTextString(meta.author)}` +
    `\n/Subject ${pdfTextString(meta.subject)}\n/Creator ${pdfTextString(meta.creator)}` +
    `\n/Producer ${pdfTextString(`${PDF_CREATOR} (Chromium)`)}\n/CreationDate ${date}\n/ModDate ${date}>>\nendobj\n`;
  const infoAt = bytes.length + lead.length;
  const newXrefAt = bytes.length + info.length;
  const update =
    info +
    `xref\n0 1\n0000000000 65535 f \n${infoNum} 1\n${String(infoAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${infoNum + 1}\n/Root ${root[1]} ${root[2]} R\n/Info ${infoNum} 0 R` +
    `${id ? `\n/ID ${id[1]}` : ''}\n/Prev ${xrefAt}>>\nstartxref\n${newXrefAt}\n%%EOF\n`;
  const out = new Uint8Array(bytes.length + update.length);
  out.set(bytes, 0);
  out.set(Buffer.from(update, 'latin1'), bytes.length);
  return { bytes: out, pages: Number(count[1]) };
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/**
 * Chromium's headless shell (Debian's chromium-headless-shell, the "old" headless mode as its own
 * program): it has no browser UI layer, so it starts in about half the time of the full browser in
 * headless mode and prints a report with about a third of its CPU time. Same Blink, so the same layout
 * and PDF output; printing prefers it when it is installed.
 */
const DEFAULT_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** The Chromium that prints: BIOAI_PDF_CHROMIUM, else the headless shell if installed, else the browser. */
export function defaultChromiumPath(): string {
  const chosen = process.env.BIOAI_PDF_CHROMIUM;
  if (chosen) return chosen;
  if (fs.existsSync(DEFAULT_HEADLESS_SHELL)) return DEFAULT_HEADLESS_SHELL;
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function missingChromium(executablePath: string): AppError {
  return new AppError(
    'unsupported',
    `Cannot print the report: Chromium was not found at ${executablePath}. ` +
      'Install it (apt-get install chromium-headless-shell) or set BIOAI_PDF_CHROMIUM.',
  );
}

function printFailed(cause: unknown): AppError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  const err = new AppError('internal', `Cannot print the report: the PDF printer failed (${why}).`);
  err.cause = cause;
  return err;
}

export interface ChromiumPdfRendererOptions {
  /** Defaults to CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** Used for the PDF's creation date; defaults to the system clock. */
  now?: () => number;
  /** The browser is closed after this long without a job or a prepare() (default five minutes). */
  idleMs?: number;
}

export interface ChromiumPdfRenderer extends PdfRenderer {
  prepare(): Promise<void>;
  close(): Promise<void>;
  /** Whether a browser is started (or starting) now. */
  running(): boolean;
}

interface PrintSlot {
  context: BrowserContext;
  page: Page;
}

const DEFAULT_IDLE_MS = 5 * 60_000;

/** Page counts of the PDFs finalizePdf wrote in this process, so they need not be parsed again. */
const pageCounts = new WeakMap<Uint8Array, number>();

/** The page count finalizePdf found for these exact bytes, if it wrote them. */
export function knownPageCount(bytes: Uint8Array): number | undefined {
  return pageCounts.get(bytes);
}

/**
 * One headless Chromium, started on the first job (or on prepare()) and reused, since a launch costs far
 * more than a page; closed after an idle while. Each job gets a fresh context so no state (cache,
 * storage) passes from one client's report to the next: the next job's context and page are opened
 * ahead, unused, while nothing is printing, so a job does not wait for Chromium to start a renderer.
 */
export function createChromiumPdfRenderer(options: ChromiumPdfRendererOptions = {}): ChromiumPdfRenderer {
  const executablePath = options.executablePath ?? defaultChromiumPath();
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let browser: Promise<Browser> | null = null;
  let spare: Promise<PrintSlot> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let busy = 0;

  const launch = (): Promise<Browser> => {
    if (browser) return browser;
    if (!fs.existsSync(executablePath)) return Promise.reject(missingChromium(executablePath));
    const started = (async (): Promise<Browser> => {
      // Imported on demand so hosts that never print (and the Electron bundle) do not load playwright-core.
      const { chromium } = await import('playwright-core');
      const b = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
      // A crashed browser is started again on the next job rather than failing every later one.
      b.on('disconnected', () => {
        if (browser === started) {
          browser = null;
          spare = null;
        }
      });
      return b;
    })();
    browser = started;
    started.catch(() => {
      if (browser === started) browser = null;
    });
    return started;
  };

  const openSlot = async (b: Browser): Promise<PrintSlot> => {
    // Both the route below and offline: page.route does not see <link rel=prefetch> (the browser process
    // fetches it), offline does; pdf.test.ts checks each request kind against a live local server.
    const context = await b.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', offline: true });
    try {
      const page = await context.newPage();
      // Bounds a hung print (page.pdf takes no timeout of its own).
      page.setDefaultTimeout(60_000);
      // setContent does not fetch the document; anything else the page asks for is refused here.
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      return { context, page };
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
  };

  /** Opens the next job's context in the background (never used before that job). */
  const refill = (b: Browser): void => {
    if (spare || !b.isConnected()) return;
    const next = openSlot(b);
    spare = next;
    next.catch(() => {
      if (spare === next) spare = null;
    });
  };

  const takeSlot = async (b: Browser): Promise<PrintSlot> => {
    const ready = spare;
    spare = null;
    if (ready) {
      const slot = await ready.catch(() => null);
      if (slot && slot.context.browser() === b && !slot.page.isClosed()) return slot;
      if (slot) await slot.context.close().catch(() => undefined);
    }
    return openSlot(b);
  };

  const closeAll = async (): Promise<void> => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const b = browser;
    browser = null;
    spare = null;
    if (b) await (await b.catch(() => null))?.close();
  };

  const touch = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (busy === 0) void closeAll();
      else touch();
    }, idleMs);
    // A waiting idle timer never keeps the process alive.
    idleTimer.unref();
  };

  return {
    async prepare() {
      // The idle while counts from when the browser is up, not from when it was asked for.
      busy++;
      try {
        refill(await launch());
      } catch {
        // Reported by the job that needs the browser, with its message.
      } finally {
        busy--;
        touch();
      }
    },
    async render(html, opts) {
      busy++;
      touch();
      try {
        let b: Browser;
        try {
          b = await launch();
        } catch (e) {
          if (e instanceof AppError) throw e;
          if (e instanceof Error && /ENOENT|Failed to launch|doesn't exist/i.test(e.message)) {
            throw missingChromium(executablePath);
          }
          throw printFailed(e);
        }
        let raw: Buffer;
        let slot: PrintSlot;
        try {
          slot = await takeSlot(b);
        } catch (e) {
          throw printFailed(e);
        }
        try {
          await slot.page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
          raw = await slot.page.pdf({
            format: opts.pageSize,
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: headerTemplate(opts.title),
            footerTemplate: footerTemplate(opts.footerLabel),
            margin: {
              top: `${PDF_MARGINS_MM.top}mm`,
              bottom: `${PDF_MARGINS_MM.bottom}mm`,
              left: `${PDF_MARGINS_MM.left}mm`,
              right: `${PDF_MARGINS_MM.right}mm`,
            },
          });
        } catch (e) {
          throw printFailed(e);
        } finally {
          // Closed in the background: the report's page is gone before the next job takes its own.
          void slot.context.close().catch(() => undefined);
          refill(b);
        }
        try {
          const done = await finalizePdf(new Uint8Array(raw), {
            title: opts.title,
            author: opts.author,
            subject: opts.subject ?? opts.title,
            creator: PDF_CREATOR,
            now: new Date(now()),
          });
          return done.bytes;
        } catch (e) {
          throw printFailed(e);
        }
      } finally {
        busy--;
        touch();
      }
    },
    close: closeAll,
    running: () => browser !== null,
  };
}
