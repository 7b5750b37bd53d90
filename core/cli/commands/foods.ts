import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { MAX_TABLE_FILE_BYTES, type CsvMapping } from '../../contract/foods.ts';
import { ENCODING_CHOICES } from '../../foods/import/csv.ts';
import { tooLarge } from '../../foods/import/import-service.ts';
import { CliError, rpc } from '../rpc.ts';
import { commandArgs } from '../options.ts';

export async function foodsSearch(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, { text: ['limit'], flags: ['json'], positionals: true });
  const query = positionals.join(' ');
  if (!query.trim()) throw new CliError('foods search needs some words, e.g. bioai foods search banana', 2);
  const limit = values.limit ? Number(values.limit) : 15;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new CliError('--limit must be a whole number from 1 to 100.', 2);
  const hits = await rpc(core, 'foods.search', { query, limit });
  if (values.json) {
    out(JSON.stringify(hits, null, 2));
    return;
  }
  if (hits.length === 0) {
    out(`No food matches "${query}".`);
    return;
  }
  for (const h of hits) {
    const kcal =
      h.energyKcalPer100g === null ? '   ? kcal' : `${String(Math.round(h.energyKcalPer100g)).padStart(4)} kcal`;
    out(`${h.id.padEnd(38)} ${kcal}/100 g  ${h.name}`);
  }
}

export async function foodsImport(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, {
    text: ['format', 'name', 'citation', 'mapping', 'encoding'],
    flags: ['json'],
    positionals: true,
  });
  const file = positionals[0];
  if (!file) throw new CliError('foods import needs a file: bioai foods import <file> [--format fdc|csv]', 2);
  const encoding = values.encoding?.toLowerCase() ?? null;
  const choice = ENCODING_CHOICES.find((e) => e === encoding) ?? null;
  if (encoding !== null && choice === null)
    throw new CliError(`--encoding must be one of ${ENCODING_CHOICES.join(', ')}.`, 2);
  const format = values.format ?? (file.toLowerCase().endsWith('.zip') ? 'fdc' : 'csv');
  if (format !== 'fdc' && format !== 'csv') throw new CliError('--format must be fdc or csv.', 2);
  try {
    // The size is checked before anything is read: a huge file is refused without filling memory.
    const size = fs.statSync(file).size;
    if (size > MAX_TABLE_FILE_BYTES) throw new CliError(tooLarge(path.basename(file), size).message);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  // The core reads the file itself, in chunks: a large table is never held whole (or as base64).
  const upload = { fileName: path.basename(file), filePath: path.resolve(file), encoding: choice };
  let mapping: CsvMapping | null = null;
  if (format === 'csv') {
    if (values.mapping) {
      try {
        mapping = JSON.parse(fs.readFileSync(values.mapping, 'utf8')) as CsvMapping;
      } catch {
        throw new CliError(`Cannot read the mapping file ${values.mapping} (it must be JSON).`);
      }
    } else {
      const preview = await rpc(core, 'foods.previewCsv', upload);
      if (!preview.suggested.name) {
        throw new CliError(
          `Cannot tell which column holds the food name. Give --mapping mapping.json. Columns: ${preview.headers.join(', ')}`,
        );
      }
      mapping = {
        id: null,
        foodGroup: null,
        nutrients: {},
        energyInKj: false,
        delimiter: null,
        decimalComma: false,
        ...preview.suggested,
        name: preview.suggested.name,
      };
    }
  }
  const report = await rpc(core, 'foods.import', {
    ...upload,
    format,
    datasetName: values.name ?? path.basename(file).replace(/\.[^.]+$/, ''),
    citation: values.citation ?? null,
    mapping,
  });
  if (values.json) {
    out(JSON.stringify(report, null, 2));
  } else if (report.committed) {
    out(`Imported ${report.foodsImported} foods and ${report.portionsImported} measures from ${upload.fileName}.`);
  } else {
    for (const e of report.errors) process.stderr.write(`${e.file}:${e.row}: ${e.message}\n`);
    if (report.errorCount > report.errors.length)
      process.stderr.write(`… and ${report.errorCount - report.errors.length} more\n`);
  }
  if (!report.committed)
    throw new CliError(`Nothing was imported: ${upload.fileName} has ${report.errorCount} problem(s).`);
}
