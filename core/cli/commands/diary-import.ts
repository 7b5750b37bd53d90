import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { MAX_IMPORT_BYTES } from '../../contract/foods.ts';
import { DIARY_FORMATS, type DiaryPreview, type DiaryFormat } from '../../contract/log.ts';
import { toCsv } from '../../util/csv-write.ts';
import { commandArgs } from '../options.ts';
import { writePrivateFile } from '../private-file.ts';
import { CliError, rpc } from '../rpc.ts';
import { resolveClient } from './resolve.ts';

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The preview as a CSV (one line per row, with its match) for review in a spreadsheet. */
function previewCsv(preview: DiaryPreview): string {
  return toCsv(
    [
      'row',
      'date',
      'time',
      'meal',
      'name',
      'amount',
      'match',
      'match_score',
      'match_grams',
      'note',
      'already_imported',
    ],
    preview.rows.map((r) => [
      r.row,
      r.date,
      r.time,
      r.meal,
      r.name,
      r.amountText,
      r.match?.foodName ?? null,
      r.match?.score ?? null,
      r.match?.grams ?? null,
      r.matchNote,
      r.alreadyImported,
    ]),
    { bom: true },
  );
}

/**
 * `bioai log import FILE --client X --format cronometer|mfp|ont`: a diary exported from another app,
 * previewed (every row with its match) and then imported whole, or nothing when a row is bad. Rows
 * matched to a database food are stored as that food; the others as the other app reported them.
 */
export async function logImport(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, {
    text: ['client', 'format', 'reason', 'preview-out'],
    flags: ['dry-run', 'confirm-dates', 'as-reported', 'json'],
    positionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.client || !values.format) {
    throw new CliError(`log import needs one FILE, --client and --format (${DIARY_FORMATS.join(', ')}).`, 2);
  }
  const format = DIARY_FORMATS.find((f) => f === values.format);
  if (!format) throw new CliError(`--format must be one of ${DIARY_FORMATS.join(', ')}, not "${values.format}".`, 2);
  let bytes: Buffer;
  try {
    // The size first: a file over the import limit is refused before it is read.
    if (fs.statSync(file).size > MAX_IMPORT_BYTES) throw new CliError(`${file} is too large (at most 64 MB).`);
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}.`, 2);
  }
  const client = await resolveClient(core, values.client);
  const upload = {
    clientId: client.id,
    format: format satisfies DiaryFormat,
    fileName: path.basename(file),
    dataBase64: bytes.toString('base64'),
  };
  const preview = await rpc(core, 'log.diaryPreview', upload);
  if (values['preview-out']) {
    // The preview names what the client ate: owner-only, like every file the CLI writes about a client.
    writePrivateFile(values['preview-out'], new TextEncoder().encode(previewCsv(preview)));
  }
  const matched = preview.rows.filter((r) => r.match && !r.alreadyImported).length;
  const fresh = preview.rows.filter((r) => !r.alreadyImported).length;
  if (!values.json) {
    out(
      `${upload.fileName}: ${count(preview.rowsRead, 'row')} read; ${count(matched, 'row')} matched to a database food, ` +
        `${count(fresh - matched, 'row')} to keep as reported, ${preview.alreadyImported.toLocaleString('en-US')} already imported.`,
    );
    if (values['dry-run']) {
      for (const r of preview.rows) {
        const what = r.alreadyImported
          ? 'already imported'
          : r.match
            ? `→ ${r.match.foodName} (${r.match.amountLabel}; ${r.match.how}, score ${r.match.score ?? '–'})`
            : `as reported (${r.matchNote ?? ''})`;
        out(
          `  row ${r.row}  ${r.date}${r.time ? ` ${r.time}` : ''}  ${r.name}${r.amountText ? `, ${r.amountText}` : ''}  ${what}`,
        );
      }
    }
  }
  if (preview.errorCount > 0) {
    for (const e of preview.errors) out(`${e.file} row ${e.row}: ${e.message}`);
    throw new CliError(
      `${count(preview.errorCount, 'row')} cannot be read: nothing was imported. Correct the file and import it again.`,
    );
  }
  if (values['dry-run']) {
    if (values.json) out(JSON.stringify(preview, null, 2));
    return;
  }
  const reason = values.reason?.trim();
  const report = await rpc(core, 'log.diaryImport', {
    ...upload,
    choices: values['as-reported'] ? preview.rows.map((r) => ({ row: r.row, use: 'reported' as const })) : [],
    allergyConfirmation: reason ? { reason } : null,
    confirmDates: values['confirm-dates'] ?? false,
  });
  if (values.json) {
    out(JSON.stringify(report, null, 2));
  } else if (report.committed) {
    out(
      `Imported ${count(report.imported, 'entry', 'entries')} for ${client.name} (${report.matched.toLocaleString('en-US')} matched, ` +
        `${report.asReported.toLocaleString('en-US')} as reported); ${report.alreadyImported.toLocaleString('en-US')} already imported were skipped.`,
    );
  } else {
    for (const e of report.errors) out(`${e.file} row ${e.row}: ${e.message}`);
  }
  if (!report.committed) {
    const allergy = report.allergyConflicts > 0 ? ' A food the client is allergic to needs --reason "why".' : '';
    throw new CliError(`${count(report.errorCount, 'row')} refused: nothing was imported.${allergy}`);
  }
}
