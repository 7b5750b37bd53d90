import fs from 'node:fs';
import { AppError } from '../../contract/errors.ts';
import { MAX_IMPORT_BYTES, MAX_TABLE_FILE_BYTES } from '../../contract/foods.ts';
import { READ_CHUNK, readAll, type CsvReader, type EncodingChoice } from './csv.ts';
import { bytesSource, fileSource, type ZipSource } from './zip.ts';

/**
 * The file a food import reads: its base64 bytes, a completed chunked upload or a path (the CLI host
 * only). Sizes are checked against the import limit before anything is read, and a CSV is fed to its
 * reader 1 MB at a time, never whole.
 */

export interface FoodUploadInput {
  fileName: string;
  /** The file's bytes (the app's upload), or ... */
  dataBase64?: string | undefined;
  /** ... the path of a file this process may read (the CLI host only): read in chunks, never whole, or ... */
  filePath?: string | undefined;
  /** ... a completed chunked upload's open file (read in chunks through its descriptor). */
  uploaded?: { fd: number; size: number } | undefined;
  /** The file's text encoding when it is not UTF-8 (null: UTF-8, refusing any other byte). */
  encoding?: EncodingChoice | null;
}
export function isZip(bytes: Uint8Array): boolean {
  // Local file header "PK\x03\x04", or the end-of-central-directory "PK\x05\x06" of an empty zip.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** The refusal of a file larger than the import limit (checked from its size before reading it). */
export function tooLarge(fileName: string, size: number, limit = MAX_TABLE_FILE_BYTES): AppError {
  const limitText = limit >= 1024 ** 3 ? `${limit / 1024 ** 3} GB` : `${limit / 1024 / 1024} MB`;
  return new AppError(
    'invalid-input',
    `${fileName} is ${(size / 1024 / 1024).toFixed(1)} MB; a food table may be at most ${limitText}. Nothing was imported.`,
  );
}

/** An uploaded file, read either from its base64 bytes or, in 1 MB chunks, from a path. */
export interface UploadSource {
  size: number;
  /** The first 4 bytes (the zip signature). */
  head: Uint8Array;
  /** The bytes by offset (a zip: its central directory, then each file), never all at once from a file. */
  zip(): ZipSource;
  /** Pushes the bytes through a CSV reader chunk by chunk and ends it. */
  feed(reader: CsvReader): void;
}

/** Reads an open file through its descriptor: whole (a zip), or 1 MB at a time into a CSV reader. */
function fdSource(fileName: string, fd: number, size: number, head: Uint8Array): UploadSource {
  return {
    size,
    head,
    zip: () => {
      if (size > MAX_TABLE_FILE_BYTES) throw tooLarge(fileName, size);
      return fileSource(fd, size);
    },
    feed: (reader) => {
      // One buffer for every chunk (the reader copies any tail it keeps). A fresh 1 MB buffer per chunk
      // outlived its use: its small JS handle survives the young-generation collections that run while
      // the chunk's rows are parsed, so it is freed only by a full collection, and ~60 of them piled up.
      const chunk = new Uint8Array(READ_CHUNK);
      let pos = 0;
      for (;;) {
        const n = fs.readSync(fd, chunk, 0, READ_CHUNK, pos);
        if (n === 0) break;
        pos += n;
        if (pos > MAX_TABLE_FILE_BYTES) throw tooLarge(fileName, pos);
        reader.push(chunk.subarray(0, n));
      }
      reader.end();
    },
  };
}

function readHead(fd: number): Uint8Array {
  const head = Buffer.alloc(4);
  const n = fs.readSync(fd, head, 0, 4, 0);
  return head.subarray(0, n);
}

/** Opens the upload (inline bytes, a completed chunked upload, or a path) and runs `use` on it. */
export function withUpload<T>(upload: FoodUploadInput, use: (source: UploadSource) => T): T {
  const given = [upload.dataBase64, upload.filePath, upload.uploaded].filter((x) => x !== undefined).length;
  if (given !== 1)
    throw new AppError(
      'invalid-input',
      `Give ${upload.fileName} either as data or as a file path (or as an upload), exactly one of them.`,
    );
  if (typeof upload.dataBase64 === 'string') {
    const buf = Buffer.from(upload.dataBase64, 'base64');
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(upload.fileName, bytes.length, MAX_IMPORT_BYTES);
    if (bytes.length === 0) throw new AppError('invalid-input', `${upload.fileName} is empty.`);
    return use({
      size: bytes.length,
      head: bytes.subarray(0, 4),
      zip: () => bytesSource(bytes),
      feed: (r) => readAll(r, bytes),
    });
  }
  if (upload.uploaded) {
    const { fd, size } = upload.uploaded;
    return use(fdSource(upload.fileName, fd, size, readHead(fd)));
  }
  const file = upload.filePath ?? '';
  let fd: number;
  let size: number;
  let head: Uint8Array;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new AppError(
      'invalid-input',
      `Cannot read ${upload.fileName}: ${(err as NodeJS.ErrnoException).code ?? 'error'}. Nothing was imported.`,
    );
  }
  try {
    try {
      size = fs.fstatSync(fd).size;
      head = readHead(fd);
    } catch (err) {
      throw new AppError(
        'invalid-input',
        `Cannot read ${upload.fileName}: ${(err as NodeJS.ErrnoException).code ?? 'error'}. Nothing was imported.`,
      );
    }
    // The size is checked before anything is read: a huge file is refused without filling memory.
    if (size > MAX_TABLE_FILE_BYTES) throw tooLarge(upload.fileName, size);
    if (size === 0) throw new AppError('invalid-input', `${upload.fileName} is empty.`);
    return use(fdSource(upload.fileName, fd, size, head));
  } finally {
    fs.closeSync(fd);
  }
}
