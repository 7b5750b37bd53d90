import type { LineCounter, Scalar } from 'yaml';

/**
 * Positions for rule-file errors: a file offset → 1-based line and column with an excerpt, and a
 * map from a character of a YAML scalar's *value* back to its offset in the file (so a CEL error at
 * offset 12 of a folded `when: >-` block lands on the right line and column).
 */

export interface Position {
  line: number;
  column: number;
  excerpt: string;
}

/** Characters of a source line shown in an excerpt; a longer line is cut around the column with "…". */
export const EXCERPT_WIDTH = 120;

/** The source line at `offset` with a caret under the column (a long line cut to EXCERPT_WIDTH). */
export function positionAt(text: string, lines: LineCounter, offset: number): Position {
  const safe = Math.max(0, Math.min(offset, text.length));
  const { line, col } = lines.linePos(safe);
  const start = lines.lineStarts[line - 1] ?? 0;
  const nl = text.indexOf('\n', start);
  let source = text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
  let caret = Math.max(0, col - 1);
  if (source.length > EXCERPT_WIDTH) {
    const from = Math.max(0, Math.min(caret - 20, source.length - EXCERPT_WIDTH));
    const to = from + EXCERPT_WIDTH;
    source = `${from > 0 ? '…' : ''}${source.slice(from, to)}${to < source.length ? '…' : ''}`;
    caret = caret - from + (from > 0 ? 1 : 0);
  }
  return { line, column: col, excerpt: `${source}\n${' '.repeat(caret)}^` };
}

const WS = /\s/;

/**
 * For each index i of the scalar's parsed value (and i = value.length), the file offset it came
 * from. YAML folds line breaks and indentation (plain, quoted and `>` scalars), strips indentation
 * (`|`), and unescapes `''` and `\"`: every non-space character of the value still appears in the
 * source in order, so a forward scan that skips indentation, folding and escape characters aligns
 * them. Whitespace in the value maps to the current source position.
 */
export function scalarOffsets(text: string, node: Scalar): number[] {
  const value = String(node.value ?? '');
  const range = node.range ?? [0, text.length, text.length];
  const end = range[1];
  let p = range[0];
  if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') p += 1;
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    // Skip the header line (`>-`, `|+2`, possibly with a comment).
    const nl = text.indexOf('\n', p);
    p = nl === -1 || nl >= end ? end : nl + 1;
  }
  const out: number[] = new Array<number>(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (WS.test(c)) {
      out[i] = p;
      if (p < end && WS.test(text[p] ?? '')) p++;
      continue;
    }
    let q = p;
    while (q < end && text[q] !== c) q++;
    if (q < end) {
      out[i] = q;
      p = q + 1;
    } else {
      out[i] = p; // not found (an escape like \x41): keep the last good position
    }
  }
  out[value.length] = p;
  return out;
}

/** Damerau–Levenshtein (optimal string alignment) distance: a swapped pair ("tragets") counts once. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The closest candidate within a third of the word's length (at least 2 edits), or null. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}
