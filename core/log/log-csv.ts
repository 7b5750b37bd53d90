import type { z } from 'zod';
import { EntryInput } from '../contract/log.ts';
import { isBlankRow, readCsvTable, type CsvRow, type EncodingChoice } from '../foods/import/csv.ts';
import { unguardCell } from '../util/csv-write.ts';

/**
 * The client log CSV (documented in docs/log-csv-format.md): one entry per row, with the columns
 * below; other columns (the nutrient and `source` columns of an export, for instance) are ignored, so
 * the log.csv of a client export can be imported again. Validation is all or nothing: the caller
 * stores the entries only when `errors` is empty (core/log/log-service.ts importEntries).
 */
export const LOG_CSV_COLUMNS = [
  'date',
  'time',
  'kind',
  'meal',
  'food_id',
  'food_name',
  'amount',
  'grams',
  'activity',
  'minutes',
  'hours',
  'quality',
  'note',
] as const;
type Column = (typeof LOG_CSV_COLUMNS)[number];

/** A food's id by exact (case-insensitive) name among foods not deleted; 'ambiguous' when several match. */
export type ResolveFoodName = (name: string) => string | 'ambiguous' | null;

export interface LogCsvError {
  /** 1-based line in the file (the header is line 1). */
  row: number;
  message: string;
}

export interface LogCsvResult {
  entries: { row: number; input: EntryInput }[];
  errors: LogCsvError[];
  rowsRead: number;
}

/** EntryInput field → the CSV column it comes from, for error messages. */
const FIELD_COLUMN: Record<string, Column | 'client'> = {
  clientId: 'client',
  date: 'date',
  time: 'time',
  kind: 'kind',
  meal: 'meal',
  foodId: 'food_id',
  grams: 'grams',
  amount: 'amount',
  activity: 'activity',
  minutes: 'minutes',
  hours: 'hours',
  quality: 'quality',
  note: 'note',
};

const KINDS = new Set(['diet', 'activity', 'sleep']);

/**
 * "1.5" or "1,5" (spreadsheets in comma-decimal locales); '' → null. A comma followed by exactly three
 * digits ("1,500") is refused: it is a thousands separator as often as a decimal comma.
 */
function parseNumber(raw: string): number | null | { error: string } {
  const s = raw.trim();
  if (s === '') return null;
  if (/^\d{1,3},\d{3}$/.test(s))
    return {
      error: `"${raw}" could be ${s.replace(',', '.')} or ${s.replace(',', '')}: write the number without a thousands separator`,
    };
  const normalised = /^\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
  return Number.isFinite(n) ? n : { error: `"${raw}" is not a number` };
}

/** Spreadsheets drop the leading zero ("8:15") or add seconds ("08:15:00"): both mean 08:15. */
function normaliseTime(raw: string): string | null {
  if (raw === '') return null;
  const m = /^(\d{1,2}):(\d{2})(:\d{2})?$/.exec(raw);
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}` : raw;
}

function zodMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const column = FIELD_COLUMN[field];
    return column ? `${column}: ${issue.message}` : issue.message;
  });
}

export function parseLogCsv(
  bytes: Uint8Array,
  clientId: string,
  resolveFoodName: ResolveFoodName,
  options: { fileName?: string; encoding?: EncodingChoice | null } = {},
): LogCsvResult {
  const table = readCsvTable(bytes, null, options);
  const errors: LogCsvError[] = table.errors.map((e) => ({ row: e.line, message: e.message }));
  const entries: LogCsvResult['entries'] = [];
  if (table.headers.length === 0) return { entries, errors: [{ row: 1, message: 'The file is empty.' }], rowsRead: 0 };

  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const key = h.trim().toLowerCase().replace(/\s+/g, '_');
    if (!index.has(key)) index.set(key, i);
  });
  if (!index.has('date')) {
    return {
      entries,
      errors: [
        {
          row: table.headerLine,
          message: `The header row has no "date" column. Expected columns: ${LOG_CSV_COLUMNS.join(', ')}.`,
        },
      ],
      rowsRead: table.rows.length,
    };
  }

  let rowsRead = 0;
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    rowsRead += 1;
    const rowErrors = readRow(row, index, clientId, resolveFoodName, entries);
    for (const message of rowErrors) errors.push({ row: row.line, message });
  }
  return { entries, errors, rowsRead };
}

function readRow(
  row: CsvRow,
  index: Map<string, number>,
  clientId: string,
  resolveFoodName: ResolveFoodName,
  entries: LogCsvResult['entries'],
): string[] {
  const problems: string[] = [];
  const text = (c: Column): string => {
    const i = index.get(c);
    return i === undefined ? '' : unguardCell((row.cells[i] ?? '').trim());
  };
  const orNull = (c: Column): string | null => text(c) || null;
  const num = (c: Column): number | null => {
    const v = parseNumber(text(c));
    if (v !== null && typeof v === 'object') {
      problems.push(`${c}: ${v.error}`);
      return null;
    }
    return v;
  };

  // An empty kind means a diet entry: most rows of a food diary are.
  const kind = (text('kind') || 'diet').toLowerCase();
  if (!KINDS.has(kind)) return [`kind: "${text('kind')}" is not one of diet, activity, sleep`];
  const common = { clientId, date: text('date'), time: normaliseTime(text('time')), note: orNull('note') };

  let candidate: Record<string, unknown>;
  if (kind === 'diet') {
    let foodId = text('food_id');
    const foodName = text('food_name');
    if (foodId === '' && foodName !== '') {
      const found = resolveFoodName(foodName);
      if (found === 'ambiguous')
        problems.push(`food_name: several foods are named "${foodName}"; give its food_id instead`);
      else if (found === null) problems.push(`food_name: no food is named "${foodName}"`);
      else foodId = found;
    } else if (foodId === '') {
      problems.push('food_id: give the food_id or the food_name');
    }
    const grams = num('grams');
    // An export has both the measure label and its grams; the grams are exact, so they win.
    const amount = grams !== null ? null : orNull('amount');
    candidate = { kind, ...common, meal: text('meal').toLowerCase() || null, foodId, grams, amount };
  } else if (kind === 'activity') {
    if (text('activity') === '') problems.push('activity: give the activity (for example "walking")');
    candidate = { kind, ...common, activity: text('activity'), minutes: num('minutes') ?? undefined };
  } else {
    candidate = { kind, ...common, hours: num('hours') ?? undefined, quality: num('quality') ?? undefined };
  }
  const parsed = EntryInput.safeParse(candidate);
  if (parsed.success && problems.length === 0) {
    entries.push({ row: row.line, input: parsed.data });
    return [];
  }
  // Report every problem of the row once: ours first, then zod's for the columns not yet named.
  const named = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
  if (named.has('food_name')) named.add('food_id');
  const more = parsed.success ? [] : zodMessages(parsed.error).filter((m) => !named.has(m.slice(0, m.indexOf(':'))));
  return [...problems, ...more];
}
