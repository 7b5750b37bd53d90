import fs from 'node:fs';
import { Inflate } from 'fflate';
import { AppError } from '../../contract/errors.ts';

/**
 * Reads a zip archive without trusting it (PKWARE APPNOTE 6.3.10: end of central directory, the
 * zip64 end record, central directory headers, local headers). The central directory is read first,
 * and the number of entries and their declared uncompressed sizes are checked against the limits
 * BEFORE anything is inflated; each entry is then inflated chunk by chunk, and an entry that inflates
 * to more than it declared is stopped at once (a lying header cannot get through). Memory stays
 * bounded by the chunk size whatever the archive claims or holds.
 */

/** Entries an archive may list (a FoodData Central download has about thirty). */
export const MAX_ZIP_ENTRIES = 10_000;
/** Uncompressed bytes of the files read from one archive, together. */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;
/** Compressed bytes inflated at a time (deflate expands at most about 1,032 times: 16 MB out). */
const INFLATE_CHUNK = 16 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as the central directory states it. */
  size: number;
  localOffset: number;
}

const GiB = (n: number): string => `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 === 0 ? 0 : 2)} GiB`;
export const formatBytes = (n: number): string =>
  n >= 1024 ** 3 ? GiB(n) : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${n.toLocaleString('en-US')} bytes`;

export function damaged(why: string): AppError {
  return new AppError(
    'invalid-input',
    `The file is not a readable zip archive (${why}): it may be damaged or incomplete. Download it again from FoodData Central.`,
  );
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (u16(b, o) + u16(b, o + 2) * 0x10000) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;
}

/**
 * Where an archive's bytes are read from: memory (a small inline upload) or an open file, by offset
 * (a chunked upload or a path), so a multi-gigabyte archive is never held whole.
 */
export interface ZipSource {
  size: number;
  /** Read from a file (memory does not grow with the archive), not from bytes in memory. */
  fromFile: boolean;
  /**
   * Up to `length` bytes at `offset` (fewer at the end of the file). With `reuse`, the answer may be
   * a buffer the next read overwrites (the caller is done with it by then).
   */
  read(offset: number, length: number, reuse?: boolean): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    fromFile: false,
    read: (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(bytes.length, offset + length)),
  };
}

/** Bytes read from the file in one go when inflating (then fed to the inflater 16 KiB at a time). */
const FILE_READ = 1024 * 1024;

export function fileSource(fd: number, size: number): ZipSource {
  // One buffer for the inflating reads (see upload-source.ts: fresh 1 MB buffers piled up until a full GC).
  const shared = Buffer.allocUnsafe(FILE_READ);
  return {
    size,
    fromFile: true,
    read(offset, length, reuse = false) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buf = reuse && want <= shared.length ? shared : Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const n = fs.readSync(fd, buf, got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    },
  };
}

const asSource = (src: Uint8Array | ZipSource): ZipSource => (src instanceof Uint8Array ? bytesSource(src) : src);

/** The central directory's largest size read (10,000 entries with long names and extras fit easily). */
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;

/** The central directory's entries; throws when the archive is damaged or lists too many entries. */
export function readCentralDirectory(input: Uint8Array | ZipSource): ZipEntry[] {
  const src = asSource(input);
  // The end of central directory record is in the last 22 + 65,535 (comment) bytes.
  const tailStart = Math.max(0, src.size - 22 - 0xffff);
  const tail = src.read(tailStart, src.size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (u32(tail, i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at === -1) throw damaged('its end record is missing');
  let count = u16(tail, at + 10);
  let cdSize = u32(tail, at + 12);
  let cdOffset = u32(tail, at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = at - 20;
    if (loc < 0 || u32(tail, loc) !== 0x07064b50) throw damaged('its zip64 end record is missing');
    const z = u64(tail, loc + 8);
    const rec = z + 56 <= src.size ? src.read(z, 56) : new Uint8Array(0);
    if (rec.length < 56 || u32(rec, 0) !== 0x06064b50) throw damaged('its zip64 end record is missing');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new AppError(
      'invalid-input',
      `The archive lists ${count.toLocaleString('en-US')} files; at most ${MAX_ZIP_ENTRIES.toLocaleString('en-US')} are read. It is not a FoodData Central download.`,
    );
  }
  if (cdOffset + cdSize > src.size) throw damaged('its list of files lies beyond the end of the file');
  if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES) throw damaged('its list of files is implausibly large');
  const bytes = src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k += 1) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw damaged('its list of files is cut short');
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    let localOffset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = new TextDecoder('utf-8').decode(nameBytes);
    // Zip64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) [size, q] = [u64(bytes, q), q + 8];
        if (compressedSize === 0xffffffff) [compressedSize, q] = [u64(bytes, q), q + 8];
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method: u16(bytes, p + 10), flags: u16(bytes, p + 8), compressedSize, size, localOffset });
    p = extraEnd + commentLen;
  }
  // A damaged central directory gives names of garbage.
  if (entries.some((x) => x.name.length > 260 || [...x.name].some((c) => c.charCodeAt(0) < 0x20 || c === '\ufffd')))
    throw damaged('its list of files is garbled');
  return entries;
}

/** Refuses, before inflating anything, entries whose declared sizes together pass the limit. */
export function checkDeclaredSizes(entries: ZipEntry[], limit = MAX_UNZIPPED_BYTES): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limit) {
      throw new AppError(
        'invalid-input',
        `The archive's ${e.name} unpacks to ${formatBytes(e.size)}${entries.length > 1 ? ' (with the other files read, ' + formatBytes(total) + ')' : ''}; at most ${formatBytes(limit)} of files are read from one archive. Nothing was imported.`,
      );
    }
  }
}

/**
 * Inflates one entry chunk by chunk into `onData`. Stops with an error as soon as the output passes
 * the entry's declared size, and when it ends short of it.
 */
export function inflateEntry(
  input: Uint8Array | ZipSource,
  entry: ZipEntry,
  onData: (chunk: Uint8Array) => void,
): void {
  const src = asSource(input);
  const lh = entry.localOffset;
  const header = lh + 30 <= src.size ? src.read(lh, 30) : new Uint8Array(0);
  if (header.length < 30 || u32(header, 0) !== 0x04034b50) throw damaged(`the header of ${entry.name} is missing`);
  if (entry.flags & 1) throw damaged(`${entry.name} is encrypted`);
  const start = lh + 30 + u16(header, 26) + u16(header, 28);
  const end = start + entry.compressedSize;
  if (end > src.size) throw damaged(`${entry.name} is cut short`);
  let out = 0;
  const take = (chunk: Uint8Array): void => {
    out += chunk.length;
    if (out > entry.size) {
      throw new AppError(
        'invalid-input',
        `The archive's ${entry.name} unpacks to more than the ${formatBytes(entry.size)} its header states: the archive is damaged or crafted. Nothing was imported.`,
      );
    }
    if (chunk.length > 0) onData(chunk);
  };
  /** The entry's stored bytes, a file read at a time, in pieces of at most INFLATE_CHUNK. */
  const pieces = (visit: (piece: Uint8Array, last: boolean) => void): void => {
    for (let o = start; o < end; o += FILE_READ) {
      const block = src.read(o, Math.min(FILE_READ, end - o), true);
      if (block.length < Math.min(FILE_READ, end - o)) throw damaged(`${entry.name} is cut short`);
      for (let q = 0; q < block.length; q += INFLATE_CHUNK) {
        const piece = block.subarray(q, Math.min(block.length, q + INFLATE_CHUNK));
        visit(piece, o + q + piece.length >= end);
      }
    }
  };
  if (entry.method === 0) {
    // Stored: copied out, as the buffer it is read into is used again.
    pieces((piece) => take(piece.slice()));
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      pieces((piece, last) => inflate.push(piece, last));
      if (end === start) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw damaged(`${entry.name} cannot be inflated: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    throw damaged(`${entry.name} uses compression method ${entry.method}, which is not supported`);
  }
  if (out !== entry.size)
    throw damaged(`${entry.name} unpacks to ${formatBytes(out)}, not the ${formatBytes(entry.size)} its header states`);
}
