/**
 * EAN-13, UPC-A and EAN-8 symbols read from a grayscale image, on this computer (no network, no
 * native add-on beyond the image library that prepares the pixels).
 *
 * The symbology (ISO/IEC 15420:2009, "EAN/UPC bar code symbology specification"; GS1 General
 * Specifications §5.2): a start guard (bar-space-bar, one module each), digits of 7 modules drawn as
 * two bars and two spaces, a centre guard (space-bar-space-bar-space), more digits, an end guard.
 * Left-half digits use set A ("odd", L) or set B ("even", G, the mirror image of set C), right-half
 * digits set C (R: bar first, same widths as A). In an EAN-13 the pattern of A/B sets of the six left
 * digits encodes the leading 13th digit; a UPC-A is the EAN-13 whose leading digit is 0. An EAN-8 has
 * four digits in each half, all set A on the left.
 *
 * Each digit is matched on its own widths scaled to 7 modules, so a code drawn in perspective (module
 * width changing slowly along the line) still reads. A result is reported only when its check digit
 * is right (GS1 General Specifications §7.9.1, the mod-10 weights 3 and 1) and at least two scan
 * lines agree, so noise that happens to resemble bars is not reported.
 */

export type BarcodeFormat = 'ean13' | 'upca' | 'ean8';

export interface DecodedBarcode {
  /** The digits as printed: 13 (EAN-13), 12 (UPC-A) or 8 (EAN-8). */
  code: string;
  format: BarcodeFormat;
  /** The same number as a GTIN-14 (zero-padded on the left): the key foods are looked up by. */
  gtin: string;
}

/** Set A digit widths (space, bar, space, bar) in modules; set C has the same widths starting with a bar. */
const A_WIDTHS: readonly (readonly number[])[] = [
  [3, 2, 1, 1],
  [2, 2, 2, 1],
  [2, 1, 2, 2],
  [1, 4, 1, 1],
  [1, 1, 3, 2],
  [1, 2, 3, 1],
  [1, 1, 1, 4],
  [1, 3, 1, 2],
  [1, 2, 1, 3],
  [3, 1, 1, 2],
];
/** Set B is set C mirrored: the same widths reversed. */
const B_WIDTHS = A_WIDTHS.map((w) => [...w].reverse());
/** The A/B pattern of the six left digits for each leading digit (A = odd parity, B = even). */
const FIRST_DIGIT_PARITY = [
  'AAAAAA',
  'AABABB',
  'AABBAB',
  'AABBBA',
  'ABAABB',
  'ABBAAB',
  'ABBBAA',
  'ABABAB',
  'ABABBA',
  'ABBABA',
];

/** GS1 mod-10 check: weights 3 and 1 from the right, the check digit itself excluded. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(code: string): boolean {
  return /^\d{8,14}$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * A GTIN-8/12/13/14 (as typed, scanned or given by a data set) as the 14-digit key used for lookup;
 * null when it is not 8 to 14 digits. FoodData Central's gtin_upc gives UPC-A codes as 12 digits and
 * EAN-13 codes as 13 (some with leading zeros up to 14), so every form of one number meets here.
 */
export function toGtin14(code: string): string | null {
  const digits = code.trim();
  if (!/^\d{8,14}$/.test(digits)) return null;
  return digits.padStart(14, '0');
}

function describe(code: string): DecodedBarcode {
  if (code.length === 8) return { code, format: 'ean8', gtin: code.padStart(14, '0') };
  if (code.startsWith('0')) return { code: code.slice(1), format: 'upca', gtin: code.padStart(14, '0') };
  return { code, format: 'ean13', gtin: code.padStart(14, '0') };
}

/** How far (in modules, summed over the four elements) a digit may be from its ideal widths. */
const MAX_DIGIT_DISTANCE = 1.7;

/** The best digit for four widths among the given width tables; null when none is close. */
function matchDigit(
  w: readonly number[],
  tables: readonly (readonly (readonly number[])[])[],
): { digit: number; set: number } | null {
  const sum = (w[0] ?? 0) + (w[1] ?? 0) + (w[2] ?? 0) + (w[3] ?? 0);
  if (sum <= 0) return null;
  let best = Infinity;
  let second = Infinity;
  let out: { digit: number; set: number } | null = null;
  for (let s = 0; s < tables.length; s += 1) {
    const table = tables[s] ?? [];
    for (let d = 0; d < 10; d += 1) {
      const p = table[d] ?? [];
      let dist = 0;
      for (let k = 0; k < 4; k += 1) dist += Math.abs(((w[k] ?? 0) * 7) / sum - (p[k] ?? 0));
      if (dist < best) {
        second = best;
        best = dist;
        out = { digit: d, set: s };
      } else if (dist < second) second = dist;
    }
  }
  // Too far from every digit, or two digits equally likely: not a reading.
  if (best > MAX_DIGIT_DISTANCE || second - best < 0.15) return null;
  return out;
}

/** Widths near the module size m (guards). */
function guardOk(runs: ArrayLike<number>, at: number, count: number, m: number): boolean {
  for (let k = 0; k < count; k += 1) {
    const r = runs[at + k] ?? 0;
    if (r < m * 0.4 || r > m * 2) return false;
  }
  return true;
}

/**
 * Tries to read a symbol from run lengths (alternating colours; `firstBlack` tells the colour of
 * runs[0]). Returns the digits (13 for EAN-13/UPC-A, 8 for EAN-8) with a right check digit, or null.
 */
export function decodeRuns(runs: readonly number[], firstBlack: boolean): string | null {
  for (let i = firstBlack ? 2 : 1; i + 42 < runs.length; i += 2) {
    // runs[i] is a bar: the start guard would be runs[i..i+2], with a quiet zone before it.
    const m = ((runs[i] ?? 0) + (runs[i + 1] ?? 0) + (runs[i + 2] ?? 0)) / 3;
    if (!guardOk(runs, i, 3, m)) continue;
    const quiet = runs[i - 1] ?? 0;
    if (quiet < m * 3 && i - 1 > 0) continue;
    const found = tryEan13(runs, i, m) ?? tryEan8(runs, i, m);
    if (found) return found;
  }
  return null;
}

function quietAfter(runs: readonly number[], at: number, m: number): boolean {
  // The run after the end guard is the quiet zone, or the line ends there (a tightly cropped photo).
  return at >= runs.length - 1 || (runs[at] ?? 0) >= m * 3;
}

function tryEan13(runs: readonly number[], start: number, m0: number): string | null {
  if (start + 59 > runs.length) return null;
  let p = start + 3;
  let m = m0;
  let digits = '';
  let parity = '';
  for (let k = 0; k < 6; k += 1, p += 4) {
    const w = [runs[p] ?? 0, runs[p + 1] ?? 0, runs[p + 2] ?? 0, runs[p + 3] ?? 0];
    const sum = w[0]! + w[1]! + w[2]! + w[3]!;
    if (sum < m * 7 * 0.6 || sum > m * 7 * 1.6) return null;
    const hit = matchDigit(w, [A_WIDTHS, B_WIDTHS]);
    if (!hit) return null;
    digits += String(hit.digit);
    parity += hit.set === 0 ? 'A' : 'B';
    m = sum / 7;
  }
  if (!guardOk(runs, p, 5, m)) return null;
  p += 5;
  for (let k = 0; k < 6; k += 1, p += 4) {
    const w = [runs[p] ?? 0, runs[p + 1] ?? 0, runs[p + 2] ?? 0, runs[p + 3] ?? 0];
    const sum = w[0]! + w[1]! + w[2]! + w[3]!;
    if (sum < m * 7 * 0.6 || sum > m * 7 * 1.6) return null;
    const hit = matchDigit(w, [A_WIDTHS]);
    if (!hit) return null;
    digits += String(hit.digit);
    m = sum / 7;
  }
  if (!guardOk(runs, p, 3, m) || !quietAfter(runs, p + 3, m)) return null;
  const first = FIRST_DIGIT_PARITY.indexOf(parity);
  if (first < 0) return null;
  const code = String(first) + digits;
  return hasValidCheckDigit(code) ? code : null;
}

function tryEan8(runs: readonly number[], start: number, m0: number): string | null {
  if (start + 43 > runs.length) return null;
  let p = start + 3;
  let m = m0;
  let digits = '';
  for (let half = 0; half < 2; half += 1) {
    for (let k = 0; k < 4; k += 1, p += 4) {
      const w = [runs[p] ?? 0, runs[p + 1] ?? 0, runs[p + 2] ?? 0, runs[p + 3] ?? 0];
      const sum = w[0]! + w[1]! + w[2]! + w[3]!;
      if (sum < m * 7 * 0.6 || sum > m * 7 * 1.6) return null;
      const hit = matchDigit(w, [A_WIDTHS]);
      if (!hit) return null;
      digits += String(hit.digit);
      m = sum / 7;
    }
    if (half === 0) {
      if (!guardOk(runs, p, 5, m)) return null;
      p += 5;
    }
  }
  if (!guardOk(runs, p, 3, m) || !quietAfter(runs, p + 3, m)) return null;
  return hasValidCheckDigit(digits) ? digits : null;
}

/**
 * Run lengths of one scan line after thresholding at the middle of the local darkest and lightest
 * values (a window of about a tenth of the line, so uneven light across a package still reads). A
 * pixel changes colour only past a small margin around the threshold, which keeps sensor noise in a
 * plain quiet zone from splitting it. Sub-pixel edges: none; modules narrower than ~1.5 px do not read.
 */
export function scanlineRuns(line: Uint8Array | Float32Array): { runs: number[]; firstBlack: boolean } {
  const n = line.length;
  const r = Math.max(6, Math.round(n / 20));
  const lo = new Float32Array(n);
  const hi = new Float32Array(n);
  // Sliding min/max by blocks (van Herk/Gil-Werman would be faster; the windows here are small).
  const step = Math.max(1, Math.floor(r / 4));
  for (let x = 0; x < n; x += step) {
    let mn = 255;
    let mx = 0;
    const a = Math.max(0, x - r);
    const b = Math.min(n - 1, x + r);
    for (let k = a; k <= b; k += 1) {
      const v = line[k] ?? 0;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    for (let k = x; k < Math.min(n, x + step); k += 1) {
      lo[k] = mn;
      hi[k] = mx;
    }
  }
  const runs: number[] = [];
  let black = false;
  let firstBlack = false;
  let len = 0;
  for (let x = 0; x < n; x += 1) {
    const range = (hi[x] ?? 0) - (lo[x] ?? 0);
    const t = ((hi[x] ?? 0) + (lo[x] ?? 0)) / 2;
    const v = line[x] ?? 0;
    const margin = range * 0.08;
    let next: boolean = black;
    if (range < 24) next = false;
    else if (v < t - margin) next = true;
    else if (v > t + margin) next = false;
    if (x === 0) {
      black = next;
      firstBlack = next;
      len = 1;
      continue;
    }
    if (next === black) len += 1;
    else {
      runs.push(len);
      black = next;
      len = 1;
    }
  }
  runs.push(len);
  return { runs, firstBlack };
}

/** Reads one line both ways (a code upside down reads right to left). */
export function decodeLine(line: Uint8Array | Float32Array): string | null {
  const { runs, firstBlack } = scanlineRuns(line);
  const forward = decodeRuns(runs, firstBlack);
  if (forward) return forward;
  const lastBlack = runs.length % 2 === 1 ? firstBlack : !firstBlack;
  return decodeRuns([...runs].reverse(), lastBlack);
}

/**
 * Scans horizontal lines (each the mean of three pixel rows) across a grayscale image; returns the
 * code read on the most lines, when at least two lines agree on it.
 */
export function decodeGray(gray: Uint8Array, width: number, height: number, lines = 48): DecodedBarcode | null {
  const votes = new Map<string, number>();
  const line = new Float32Array(width);
  for (let k = 1; k <= lines; k += 1) {
    const y = Math.round((k * (height - 1)) / (lines + 1));
    const y0 = Math.max(0, y - 1);
    const y1 = Math.min(height - 1, y + 1);
    for (let x = 0; x < width; x += 1) {
      let s = 0;
      for (let yy = y0; yy <= y1; yy += 1) s += gray[yy * width + x] ?? 0;
      line[x] = s / (y1 - y0 + 1);
    }
    const code = decodeLine(line);
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 1;
  for (const [code, n] of votes) if (n > bestVotes) [best, bestVotes] = [code, n];
  return best === null ? null : describe(best);
}
