import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { AppError } from '../../contract/errors.ts';
import type {
  DiaryFormat,
  DiaryImportReport,
  DiaryPreview,
  DiaryPreviewRow,
  EntryInput,
  GivenDiaryChoice,
} from '../../contract/log.ts';
import { BOUNDS } from '../../contract/log.ts';
import type { Audit } from '../../audit/audit.ts';
import type { ClientDataChanged } from '../../changes.ts';
import type { ClientsService } from '../../clients/clients.ts';
import type { Db } from '../../db/open.ts';
import { events } from '../../db/schema.ts';
import { deriveAllergens } from '../../foods/allergen-table.ts';
import { confirmAllergy } from '../../foods/allergens.ts';
import { pickFood } from '../../foods/food-match.ts';
import type { FoodsService } from '../../foods/foods-service.ts';
import { localIsoDate } from '../../util/clock.ts';
import { logDateWarning } from '../../util/plausible-date.ts';
import { createEntryBuilder } from '../entry-builder.ts';
import { eventNutrientValues } from '../event-columns.ts';
import { occurredAt, type GivenConfirmation, type ReportedDietDetail } from '../log-entry.ts';
import { parseDiary, type ReportedRow } from './formats.ts';

/** Candidates looked at for a row's food name (the best and the next decide; see pickFood). */
const SEARCH_LIMIT = 10;
/** Errors a report carries (the count says how many there were in all). */
const REPORTED_ERRORS = 200;
/** One reported row above this energy cannot be right (a typing slip in the other app, or a unit mix-up). */
const MAX_ROW_KCAL = 10_000;

/**
 * The id an imported row is stored under: the same client, format and row identity always give the
 * same id, so importing an export that overlaps an earlier one finds the rows already stored and skips
 * them. A name-based UUID (RFC 9562 version 8) from SHA-256, so it cannot collide with the app's own
 * version-7 ids.
 */
export function diaryRowId(clientId: string, format: DiaryFormat, identity: string): string {
  const h = createHash('sha256').update(`bioai-diary-import\u0000${clientId}\u0000${format}\u0000${identity}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface DiaryImportInput {
  clientId: string;
  format: DiaryFormat;
  fileName: string;
  bytes: Uint8Array;
}

export interface DiaryImport {
  preview(input: DiaryImportInput): DiaryPreview;
  commit(
    input: DiaryImportInput & {
      choices: GivenDiaryChoice[];
      allergyConfirmation?: GivenConfirmation;
      confirmDates: boolean;
    },
  ): DiaryImportReport;
}

export function createDiaryImport(
  db: Db,
  deps: { foods: FoodsService; clients: ClientsService; audit: Audit; now: () => number; changed?: ClientDataChanged },
): DiaryImport {
  const { foods, clients, audit, now } = deps;
  const { build } = createEntryBuilder(db, { foods, clients, now });

  /** The database food for a row, when the name leaves no doubt and the amount is one the food knows. */
  const matchRow = (r: ReportedRow, clientId: string): Pick<DiaryPreviewRow, 'match' | 'matchNote'> => {
    if (!r.matchable) return { match: null, matchNote: 'A whole meal’s total: kept as reported.' };
    const picked = pickFood(r.name, foods.search(r.name, clientId, SEARCH_LIMIT));
    if (picked.kind !== 'match') {
      const why = picked.kind === 'ambiguous' ? 'several foods fit the name equally' : 'no food clearly fits the name';
      return { match: null, matchNote: `No confident match (${why}): kept as reported.` };
    }
    const hit = picked.hit;
    const amount = r.grams !== null ? { grams: r.grams } : r.amountText ? { text: r.amountText } : null;
    if (amount === null) return { match: null, matchNote: 'No amount is given: kept as reported.' };
    try {
      const resolved = foods.resolveAmount(hit.id, amount);
      return {
        match: {
          foodId: hit.id,
          foodName: resolved.foodName,
          score: hit.score ?? null,
          how: picked.how,
          grams: resolved.grams,
          amountLabel: resolved.label,
          nutrients: resolved.nutrients,
        },
        matchNote: null,
      };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return {
        match: null,
        matchNote: `${hit.name} fits the name, but "${r.amountText ?? ''}" is not one of its measures: kept as reported.`,
      };
    }
  };

  const read = (input: DiaryImportInput) => {
    clients.get(input.clientId);
    // Months of a diary name the same foods again and again: each name and amount is matched once.
    const matches = new Map<string, Pick<DiaryPreviewRow, 'match' | 'matchNote'>>();
    const matchOnce = (r: ReportedRow): Pick<DiaryPreviewRow, 'match' | 'matchNote'> => {
      const key = JSON.stringify([r.matchable, r.name, r.grams, r.amountText]);
      let m = matches.get(key);
      if (!m) {
        m = matchRow(r, input.clientId);
        matches.set(key, m);
      }
      return m;
    };
    const parsed = parseDiary(input.format, input.bytes, input.fileName);
    const ids = parsed.rows.map((r) => diaryRowId(input.clientId, input.format, r.identity));
    const stored = new Set<string>();
    // Deleted entries count too: an entry the practitioner removed is not brought back by a re-import.
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      for (const e of db.select({ id: events.id }).from(events).where(inArray(events.id, part)).all()) stored.add(e.id);
    }
    const rows: (DiaryPreviewRow & { id: string; source: ReportedRow })[] = parsed.rows.map((r, i) => {
      const id = ids[i] ?? '';
      return {
        id,
        source: r,
        row: r.row,
        date: r.date,
        time: r.time,
        meal: r.meal,
        name: r.name,
        amountText: r.amountText,
        grams: r.grams,
        reported: r.nutrients,
        ...matchOnce(r),
        alreadyImported: stored.has(id),
      };
    });
    return { parsed, rows };
  };

  return {
    preview(input) {
      const { parsed, rows } = read(input);
      return {
        format: input.format,
        rowsRead: parsed.rowsRead,
        rows: rows.map(({ id: _id, source: _source, ...r }) => r),
        errors: parsed.errors.slice(0, REPORTED_ERRORS),
        errorCount: parsed.errors.length,
        alreadyImported: rows.filter((r) => r.alreadyImported).length,
      };
    },

    commit(input) {
      const { parsed, rows } = read(input);
      const report: DiaryImportReport = {
        committed: false,
        imported: 0,
        matched: 0,
        asReported: 0,
        alreadyImported: 0,
        skipped: 0,
        errors: [],
        errorCount: 0,
        allergyConflicts: 0,
      };
      const fail = (errors: DiaryImportReport['errors']): DiaryImportReport => ({
        ...report,
        imported: 0,
        matched: 0,
        asReported: 0,
        errors: errors.slice(0, REPORTED_ERRORS),
        errorCount: errors.length,
      });
      if (parsed.errors.length > 0) return fail(parsed.errors);
      const client = clients.get(input.clientId);
      const choices = new Map(input.choices.map((c) => [c.row, c.use]));
      const known = new Set(rows.map((r) => r.row));
      const errors: DiaryImportReport['errors'] = [];
      for (const row of choices.keys()) {
        if (!known.has(row)) errors.push({ file: input.fileName, row, message: 'There is no such row to choose.' });
      }
      if (errors.length > 0) return fail(errors);
      const t = now();
      const today = localIsoDate(t);
      // The allergens a reported name implies, worked out once per name (a diary repeats its foods).
      const derived = new Map<string, ReturnType<typeof deriveAllergens>>();
      const allergensOf = (name: string): ReturnType<typeof deriveAllergens> => {
        let a = derived.get(name);
        if (!a) {
          a = deriveAllergens({ name, foodGroup: null });
          derived.set(name, a);
        }
        return a;
      };
      class Rollback extends Error {}
      try {
        db.transaction(() => {
          for (const r of rows) {
            const rowError = (message: string): void => {
              errors.push({ file: input.fileName, row: r.row, message });
            };
            if (r.alreadyImported) {
              report.alreadyImported++;
              continue;
            }
            const use = choices.get(r.row) ?? (r.match ? 'match' : 'reported');
            if (use === 'skip') {
              report.skipped++;
              continue;
            }
            const farDate = logDateWarning(r.date, today);
            if (farDate && !input.confirmDates) {
              rowError(`${farDate} Check it, or confirm the dates to import them.`);
              continue;
            }
            const importInfo = { format: input.format, key: r.source.identity };
            let values: Record<string, unknown>;
            try {
              if (use === 'match') {
                if (!r.match) {
                  rowError('No database food was matched to this row: keep it as reported or leave it out.');
                  continue;
                }
                const entry: EntryInput = {
                  kind: 'diet',
                  clientId: input.clientId,
                  date: r.date,
                  time: r.time,
                  note: null,
                  confirm: true,
                  meal: r.meal,
                  foodId: r.match.foodId,
                  grams: r.match.grams,
                  amount: null,
                  allergyConfirmation: null,
                };
                const built = build(entry, null, { given: input.allergyConfirmation, advice: '' });
                values = { ...built.values, detail: { ...built.values.detail, import: importInfo } };
                report.matched++;
              } else {
                const kcal = r.reported.energyKcal ?? 0;
                if (kcal > MAX_ROW_KCAL) {
                  rowError(`${Math.round(kcal).toLocaleString('en-US')} kcal in one row cannot be right.`);
                  continue;
                }
                if (r.grams !== null && r.grams > BOUNDS.grams.reject[1]) {
                  rowError('More than 5 kg in one entry cannot be right.');
                  continue;
                }
                // The other app's food is checked against the client's allergies by its name's words.
                const confirmation = confirmAllergy({ name: r.name, allergens: allergensOf(r.name) }, client, {
                  given: input.allergyConfirmation,
                  at: t,
                  carried: null,
                  advice: '',
                });
                const detail: ReportedDietDetail = {
                  time: r.time,
                  note: null,
                  foodId: null,
                  foodName: r.name,
                  grams: r.grams,
                  amountLabel: r.amountText ?? '',
                  amountText: r.amountText,
                  nutrients: r.reported,
                  reported: { name: r.name, amount: r.amountText, format: input.format },
                  import: importInfo,
                  ...(confirmation ? { allergyConfirmation: confirmation } : {}),
                };
                values = { kind: 'diet', foodId: null, meal: r.meal, ...eventNutrientValues(r.reported), detail };
                report.asReported++;
              }
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              if (err.code === 'allergen-conflict') report.allergyConflicts++;
              rowError(err.message);
              continue;
            }
            db.insert(events)
              .values({
                ...eventNutrientValues({}),
                ...values,
                kind: 'diet',
                detail: values.detail as Record<string, unknown>,
                id: r.id,
                clientId: input.clientId,
                occurredAt: occurredAt(r.date, r.time),
                localDate: r.date,
                source: 'import',
                createdAt: t,
                updatedAt: t,
                deletedAt: null,
              })
              .run();
            report.imported++;
          }
          if (errors.length > 0) throw new Rollback();
          if (report.imported > 0) {
            audit.record('event', input.clientId, 'log-diary-import', [input.format, String(report.imported)]);
          }
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
        return { ...fail(errors), allergyConflicts: report.allergyConflicts };
      }
      if (report.imported > 0) deps.changed?.(input.clientId, 'log');
      return { ...report, committed: true };
    },
  };
}
