/**
 * The text encodings the CSV imports read: UTF-8 (with or without BOM) unless the user names another
 * encoding, UTF-16LE with its BOM (Excel's "Unicode text"), and windows-1252. A byte that is not
 * UTF-8 is found exactly (firstInvalidUtf8) so that the error can name its row and column: guessing
 * another encoding for the whole file would silently turn every accented name into something else.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'windows-1252';

/** Encodings a user may choose for a file that is not UTF-8 (Latin-1 is read as its superset windows-1252). */
export const ENCODING_CHOICES = ['utf-8', 'windows-1252', 'latin1'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

/** `code` in upper-case hex, zero-padded to `width` digits (for error messages). */
export function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/**
 * Index of the first byte of `bytes[0..end)` that is not part of valid UTF-8, or -1. A sequence cut
 * by `end` counts as invalid: callers pass only complete sequences (see completeUtf8).
 */
export function firstInvalidUtf8(bytes: Uint8Array, end = bytes.length): number {
  let i = 0;
  while (i < end) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
export function completeUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back += 1) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

/** `a` followed by `b`, in a new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
