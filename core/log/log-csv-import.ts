import type { MethodOutput, ParsedInput } from '../contract/index.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { FoodsService } from '../foods/foods-service.ts';
import { parseLogCsv } from './log-csv.ts';
import type { LogService } from './log-service.ts';

/** The errors a report carries (the count says how many there were in all). */
const REPORTED_ERRORS = 200;

/**
 * A client's diary from a CSV file, all or nothing: the file is parsed (foods matched by name), then
 * every row is imported in one transaction, or none when any row is refused.
 */
export function importLogCsv(
  s: { clients: ClientsService; foods: FoodsService; log: LogService },
  input: ParsedInput<'log.importCsv'>,
): MethodOutput<'log.importCsv'> {
  const { clientId, fileName, dataBase64, allergyConfirmation, encoding, confirmDates } = input;
  s.clients.get(clientId);
  const parsed = parseLogCsv(Buffer.from(dataBase64, 'base64'), clientId, (name) => s.foods.idByName(name), {
    fileName,
    encoding,
  });
  const fileErrors = parsed.errors.map((e) => ({ row: e.row, message: e.message }));
  const result = fileErrors.length
    ? { imported: 0, errors: fileErrors, allergyConflicts: 0 }
    : s.log.importEntries(parsed.entries, allergyConfirmation, confirmDates);
  return {
    committed: result.errors.length === 0,
    rowsRead: parsed.rowsRead,
    entriesImported: result.imported,
    errors: result.errors.slice(0, REPORTED_ERRORS),
    errorCount: result.errors.length,
    allergyConflicts: result.allergyConflicts,
  };
}
