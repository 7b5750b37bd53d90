import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/errors.ts';
import { MAX_TABLE_FILE_BYTES, UPLOAD_CHUNK_BYTES } from '../../contract/foods.ts';
import { tooLarge } from './upload-source.ts';

/**
 * Files the app's window uploads in chunks for a food import (the CLI names a path instead). Each
 * upload is a private temp file in the data folder's `uploads/` (folder 0700, file 0600, a random
 * name), written chunk by chunk at the offset its index gives, so the whole file is never held in
 * memory; the import then reads it from disk like a path. An upload is deleted when its import ends
 * (committed or not), when the window discards it, when it has been idle for UPLOAD_IDLE_MS, when the
 * session locks or the core closes, and, as leftovers of a crash, when a core starts.
 *
 * The file stays open while the upload lives and is read through that descriptor, so another process
 * clearing leftovers from the same folder cannot take it away mid-import (the name goes; the data stays
 * readable until closed).
 */

/** An upload neither written nor read for this long is abandoned (the window closed mid-way). */
export const UPLOAD_IDLE_MS = 30 * 60 * 1000;
/** Uploads held at once; a new one beyond this is refused until one ends. */
export const MAX_OPEN_UPLOADS = 4;
const FOLDER = 'uploads';
const SUFFIX = '.upload';

interface Upload {
  id: string;
  fileName: string;
  file: string;
  fd: number;
  size: number;
  received: number;
  nextIndex: number;
  touched: number;
}

/** A completed upload, opened for reading. */
export interface UploadedFile {
  fd: number;
  size: number;
}

export interface UploadStore {
  begin(input: { fileName: string; size: number }): { uploadId: string; chunkBytes: number; chunks: number };
  chunk(input: { uploadId: string; index: number; dataBase64: string }): {
    received: number;
    size: number;
    complete: boolean;
  };
  /** The completed upload's open file, for reading; refuses one still missing chunks. */
  completed(uploadId: string, fileName: string): UploadedFile;
  discard(uploadId: string): void;
  discardAll(): void;
  /** Removes upload files a crashed process left in the data folder. */
  removeLeftovers(): void;
}

const notFound = (): AppError =>
  new AppError(
    'not-found',
    'That upload is no longer here (it was finished, discarded, or left idle too long). Choose the file again.',
  );

export function createUploadStore(deps: { dataDir: () => string; now: () => number }): UploadStore {
  const uploads = new Map<string, Upload>();
  let partBuffer: Buffer | undefined;

  const drop = (u: Upload): void => {
    uploads.delete(u.id);
    try {
      fs.closeSync(u.fd);
    } catch {
      // already closed
    }
    try {
      fs.unlinkSync(u.file);
    } catch {
      // already gone (another process cleared leftovers)
    }
  };

  const pruneIdle = (): void => {
    const now = deps.now();
    for (const u of [...uploads.values()]) if (now - u.touched > UPLOAD_IDLE_MS) drop(u);
  };

  const get = (uploadId: string): Upload => {
    pruneIdle();
    const u = uploads.get(uploadId);
    if (!u) throw notFound();
    return u;
  };

  return {
    begin({ fileName, size }) {
      pruneIdle();
      if (size > MAX_TABLE_FILE_BYTES) throw tooLarge(fileName, size);
      if (size <= 0) throw new AppError('invalid-input', `${fileName} is empty.`);
      if (uploads.size >= MAX_OPEN_UPLOADS)
        throw new AppError(
          'conflict',
          `${MAX_OPEN_UPLOADS} files are already being uploaded or waiting to be imported; finish or cancel one first.`,
        );
      const dir = path.join(deps.dataDir(), FOLDER);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const id = crypto.randomBytes(16).toString('hex');
      const file = path.join(dir, `${id}${SUFFIX}`);
      // 'wx+': a new file only (never an existing one, never through a link), readable and writable.
      const fd = fs.openSync(file, 'wx+', 0o600);
      uploads.set(id, { id, fileName, file, fd, size, received: 0, nextIndex: 0, touched: deps.now() });
      return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES, chunks: Math.ceil(size / UPLOAD_CHUNK_BYTES) };
    },

    chunk({ uploadId, index, dataBase64 }) {
      const u = get(uploadId);
      // A chunk out of order or of the wrong size ends the upload: the file on disk would not be the user's.
      if (index !== u.nextIndex) {
        drop(u);
        throw new AppError(
          'invalid-input',
          `Part ${index + 1} of ${u.fileName} arrived out of order (part ${u.nextIndex + 1} was expected). The upload was cancelled; choose the file again.`,
        );
      }
      // Decoded into one buffer kept for all parts: a new buffer per part is freed only when a
      // collection finds its handle, and many of them piled up during a 62 MB upload.
      const length = Buffer.byteLength(dataBase64, 'base64');
      const expected = Math.min(UPLOAD_CHUNK_BYTES, u.size - u.received);
      if (length !== expected) {
        drop(u);
        if (u.received + length > u.size)
          throw new AppError(
            'invalid-input',
            `${u.fileName} is larger than the ${u.size.toLocaleString('en-US')} bytes announced for it. The upload was cancelled; choose the file again.`,
          );
        throw new AppError(
          'invalid-input',
          `Part ${index + 1} of ${u.fileName} holds ${length.toLocaleString('en-US')} bytes; ${expected.toLocaleString('en-US')} were expected. The upload was cancelled; choose the file again.`,
        );
      }
      const bytes = (partBuffer ??= Buffer.alloc(UPLOAD_CHUNK_BYTES));
      const decoded = bytes.write(dataBase64, 0, length, 'base64');
      try {
        if (decoded !== length)
          throw new AppError('invalid-input', `Part ${index + 1} of ${u.fileName} is not valid base64.`);
        let written = 0;
        while (written < length) {
          written += fs.writeSync(u.fd, bytes, written, length - written, u.received + written);
        }
      } catch (err) {
        drop(u);
        throw err;
      }
      u.received += length;
      u.nextIndex += 1;
      u.touched = deps.now();
      return { received: u.received, size: u.size, complete: u.received === u.size };
    },

    completed(uploadId, fileName) {
      const u = get(uploadId);
      if (u.received !== u.size)
        throw new AppError(
          'invalid-input',
          `The upload of ${fileName} is incomplete (${u.received.toLocaleString('en-US')} of ${u.size.toLocaleString('en-US')} bytes). Choose the file again.`,
        );
      u.touched = deps.now();
      return { fd: u.fd, size: u.size };
    },

    discard(uploadId) {
      const u = uploads.get(uploadId);
      if (u) drop(u);
    },

    discardAll() {
      for (const u of [...uploads.values()]) drop(u);
      partBuffer = undefined;
    },

    removeLeftovers() {
      const dir = path.join(deps.dataDir(), FOLDER);
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        return; // no folder yet
      }
      const mine = new Set([...uploads.values()].map((u) => path.basename(u.file)));
      for (const name of names) {
        if (!name.endsWith(SUFFIX) || mine.has(name)) continue;
        try {
          fs.unlinkSync(path.join(dir, name));
        } catch {
          // removed meanwhile, or not ours to remove: left for the next start
        }
      }
    },
  };
}
