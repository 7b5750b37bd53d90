import fs from 'node:fs';
import { readCsvTable } from '../../foods/import/csv.ts';
import { parseXgbModel, predictBatch, XgbModelError } from '../../scoring/xgboost.ts';
import type { XgbModel } from '../../scoring/xgboost.ts';
import { CliError } from '../rpc.ts';
import { commandArgs } from '../options.ts';

function loadModel(file: string): XgbModel {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new CliError(`Cannot read the model ${file}: ${err instanceof Error ? err.message : String(err)}`, 2);
  }
  try {
    return parseXgbModel(json);
  } catch (err) {
    if (err instanceof XgbModelError) throw new CliError(`${file}: ${err.message}`, 2);
    throw err;
  }
}

/**
 * Reads the CSV into a row-major Float32Array in the model's feature order. Columns are matched by the
 * model's feature_names (any order, extra columns ignored); an empty cell is a missing value (NaN), which the
 * model sends down each split's learned default side; anything else must be a finite number.
 */
function readRows(file: string, model: XgbModel): { rows: Float32Array; n: number } {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, 2);
  }
  const table = readCsvTable(bytes);
  const syntax = table.errors[0];
  if (syntax) throw new CliError(`${file}:${syntax.line}: ${syntax.message}`);
  const columns = model.featureNames.map((name) => {
    const i = table.headers.indexOf(name);
    if (i < 0)
      throw new CliError(
        `${file}: the column "${name}" is missing (the model needs ${model.featureNames.join(', ')}).`,
      );
    return i;
  });
  const n = table.rows.length;
  const rows = new Float32Array(n * model.numFeature);
  table.rows.forEach((row, r) => {
    columns.forEach((c, f) => {
      const cell = (row.cells[c] ?? '').trim();
      const v = cell === '' ? NaN : Number(cell);
      if (cell !== '' && !Number.isFinite(v))
        throw new CliError(
          `${file}: row ${r + 1} (line ${row.line}), column "${model.featureNames[f]}": "${cell}" is not a number.`,
        );
      rows[r * model.numFeature + f] = v;
    });
  });
  return { rows, n };
}

/**
 * `bioai model predict --model <model.json> --csv <rows.csv>`: scores every CSV row with an XGBoost
 * model.json (the TypeScript scorer, bit-identical to XGBoost) and prints one prediction per row, in order.
 * The values are printed exactly (the float32 result as a decimal), so they can be compared with XGBoost's.
 */
export async function modelPredict(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = commandArgs(args, { text: ['model', 'csv'], positionals: true });
  if (!values.model || !values.csv || positionals.length)
    throw new CliError('Usage: bioai model predict --model <model.json> --csv <rows.csv>', 2);
  const model = loadModel(values.model);
  const { rows, n } = readRows(values.csv, model);
  for (const p of predictBatch(model, rows, n)) out(String(p));
  return 0;
}
