import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Tesseract from 'tesseract.js';
import { AppError } from '../contract/errors.ts';

/**
 * On-device text recognition for nutrition labels: tesseract.js (Tesseract 5 compiled to WebAssembly,
 * Apache-2.0) in a worker thread, with the English LSTM model from @tesseract.js-data/eng (MIT), which
 * ships the traineddata file inside the npm package. Nothing is fetched at run time:
 * - `langPath` is the package's own folder on disk (a local path, so tesseract.js reads it with
 *   fs.readFile; it downloads only when langPath is a URL or left unset);
 * - `cacheMethod: 'none'` stops it both reading and writing a traineddata copy in the working folder;
 * - the WebAssembly core is tesseract.js-core, `require`d from node_modules by the worker.
 * One worker is started on first use and reused; a read that runs past its time limit, or is cancelled,
 * ends that worker (the only way to stop a WebAssembly call) and the next read starts a fresh one.
 */

export interface OcrBox {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface OcrWord {
  text: string;
  /** 0–100, as Tesseract reports it. */
  confidence: number;
  box: OcrBox;
}
export interface OcrLine {
  text: string;
  confidence: number;
  box: OcrBox;
  words: OcrWord[];
}

const require = createRequire(import.meta.url);

/** Where the English model lies inside its npm package (the LSTM-only "best_int" build, 2.9 MB gzipped). */
export function bundledLangPath(): string {
  const pkg = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return path.join(unpackedPath(pkg), '4.0.0_best_int');
}

/**
 * In the packaged app these packages are unpacked beside the archive (electron-builder.yml
 * asarUnpack): the worker thread is started, and reads, from there.
 */
function unpackedPath(p: string): string {
  return p.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/** tesseract.js's worker-thread script (its own default, with the unpacked path in the packaged app). */
function workerScript(): string {
  const pkg = path.dirname(require.resolve('tesseract.js/package.json'));
  return path.join(unpackedPath(pkg), 'src', 'worker-script', 'node', 'index.js');
}

export interface OcrReader {
  /** Reads an image (PNG/JPEG bytes); rejects with a 'timeout' AppError past `timeoutMs`, or on abort. */
  read(image: Uint8Array, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<OcrLine[]>;
  close(): Promise<void>;
}

export interface OcrReaderOptions {
  /** The traineddata folder (default: the bundled package's). Tests point it elsewhere. */
  langPath?: string;
  /** Default time limit per image. */
  timeoutMs?: number;
}

const bbox = (b: Tesseract.Bbox): OcrBox => ({
  x: b.x0,
  y: b.y0,
  w: Math.max(1, b.x1 - b.x0),
  h: Math.max(1, b.y1 - b.y0),
});

/** Lines of words with their boxes, in reading order, from Tesseract's block tree. */
export function linesOf(page: Tesseract.Page): OcrLine[] {
  const out: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .filter((w) => w.text.trim() !== '')
          .map((w) => ({ text: w.text.trim(), confidence: w.confidence, box: bbox(w.bbox) }));
        if (words.length === 0) continue;
        out.push({
          text: words.map((w) => w.text).join(' '),
          confidence: line.confidence,
          box: bbox(line.bbox),
          words,
        });
      }
    }
  }
  return out;
}

export function createOcrReader(options: OcrReaderOptions = {}): OcrReader {
  const langPath = options.langPath ?? bundledLangPath();
  const defaultTimeout = options.timeoutMs ?? 60_000;
  let worker: Promise<Tesseract.Worker> | null = null;
  // One read at a time on the one worker: later calls wait their turn.
  let queue: Promise<unknown> = Promise.resolve();

  const start = async (): Promise<Tesseract.Worker> => {
    // Checked here rather than left to the worker: a missing file makes tesseract.js's start never settle.
    if (!fs.existsSync(path.join(langPath, 'eng.traineddata.gz'))) {
      throw new AppError('unavailable', `The text reader's language data is missing (${langPath}): reinstall the app.`);
    }
    const { createWorker, OEM, PSM } = (await import('tesseract.js')).default;
    const w = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath,
      workerPath: workerScript(),
      cacheMethod: 'none',
      gzip: true,
      // Errors from inside the worker reject the call instead of being thrown on the process.
      errorHandler: () => {},
    });
    // One uniform block: a label is a table, and automatic segmentation splits its name and value
    // columns into separate blocks (measured on the label set: most rows lost their values).
    await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: '300' });
    return w;
  };

  const stop = async (): Promise<void> => {
    const w = worker;
    worker = null;
    if (!w) return;
    try {
      // A start still under way is waited for (bounded), so its thread can be ended too.
      const started = await Promise.race([w, new Promise<null>((r) => setTimeout(() => r(null), 10_000).unref())]);
      await started?.terminate();
    } catch {
      // A worker that never started, or was already ended, has nothing to stop.
    }
  };

  const readOnce = async (image: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<OcrLine[]> => {
    if (signal?.aborted) throw new AppError('unavailable', 'Reading the label was cancelled.');
    worker ??= start();
    const current = worker;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(
              'unavailable',
              `Reading the label took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`,
            ),
          ),
        timeoutMs,
      );
      onAbort = () => reject(new AppError('unavailable', 'Reading the label was cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const w = await Promise.race([current, limit]);
      const result = await Promise.race([w.recognize(Buffer.from(image), {}, { blocks: true, text: true }), limit]);
      return linesOf(result.data);
    } catch (err) {
      // Stopped mid-read (or the worker failed): end it so the next read starts clean.
      if (worker === current) await stop();
      if (err instanceof AppError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new AppError('internal', `The text reader failed: ${message}`);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    read(image, opts = {}) {
      const run = queue.then(() => readOnce(image, opts.timeoutMs ?? defaultTimeout, opts.signal));
      queue = run.catch(() => undefined);
      return run;
    },
    close: stop,
  };
}

let shared: OcrReader | null = null;

/** The process's one label reader (started on first use). */
export function labelReader(): OcrReader {
  return (shared ??= createOcrReader());
}

/** Ends the process's label reader, if one was started (the core's close). */
export async function closeLabelReader(): Promise<void> {
  const r = shared;
  shared = null;
  await r?.close();
}
