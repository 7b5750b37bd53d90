import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../contract/errors.ts';
import { chromiumLaunchOptions, printerChromiumPath } from '../util/chromium.ts';
import { PDF_MARGINS_MM, footerTemplate, headerTemplate, type PdfRenderer } from './pdf.ts';
import { finalizeReportPdf } from './pdf-metadata.ts';

/** The report printer for the CLI and the browser host: headless Chromium through playwright-core. */

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
  /** Defaults to BIOAI_PDF_CHROMIUM, else the headless shell if installed, else CHROMIUM_PATH or /usr/bin/chromium. */
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

/**
 * One headless Chromium, started on the first job (or on prepare()) and reused, since a launch costs far
 * more than a page; closed after an idle while. Each job gets a fresh context so no state (cache,
 * storage) passes from one client's report to the next: the next job's context and page are opened
 * ahead, unused, while nothing is printing, so a job does not wait for Chromium to start a renderer.
 */
export function createChromiumPdfRenderer(options: ChromiumPdfRendererOptions = {}): ChromiumPdfRenderer {
  const executablePath = options.executablePath ?? printerChromiumPath();
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
      const b = await chromium.launch(chromiumLaunchOptions(executablePath));
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
          return await finalizeReportPdf(new Uint8Array(raw), opts, now());
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
