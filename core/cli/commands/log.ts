import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { MEALS, type EntryInput } from '../../contract/log.ts';
import { storageError } from '../../db/storage-errors.ts';
import { localIsoDate } from '../../util/clock.ts';
import { CliError, rpc } from '../rpc.ts';
import { resolveClient, resolveFood } from './resolve.ts';
import { commandArgs } from '../options.ts';

export async function logAdd(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, {
    text: ['client', 'food', 'amount', 'grams', 'date', 'time', 'meal', 'reason'],
    flags: ['confirm', 'json'],
  });
  if (!values.client || !values.food) throw new CliError('log add needs --client and --food.', 2);
  const reason = values.reason?.trim() ?? '';
  if (values.reason !== undefined && (!values.confirm || reason === '')) {
    throw new CliError(
      '--reason goes with --confirm and must say why, e.g. --confirm --reason "Cleared by allergist".',
      2,
    );
  }
  if ((values.amount === undefined) === (values.grams === undefined)) {
    throw new CliError('Give either --amount "1 medium" or --grams 118.', 2);
  }
  const grams = values.grams === undefined ? null : Number(values.grams);
  if (grams !== null && !Number.isFinite(grams))
    throw new CliError(`--grams must be a number, not "${values.grams}".`, 2);
  const meal = values.meal === undefined ? null : (MEALS.find((m) => m === values.meal) ?? null);
  if (values.meal !== undefined && meal === null) throw new CliError(`--meal must be one of ${MEALS.join(', ')}.`, 2);
  const client = await resolveClient(core, values.client);
  const food = await resolveFood(core, values.food, client.id);
  // Checked here first so the refusal can say how to log it from the command line; the core refuses too.
  const check = await rpc(core, 'foods.allergyCheck', { clientId: client.id, foodIds: [food.id] });
  const conflict = check.conflicts[0];
  if (conflict && reason === '') {
    throw new CliError(
      `${conflict.message} Not logged: check with ${client.name}. To log it anyway, add --confirm --reason "why it is all right" (the reason is kept with the entry).`,
    );
  }
  const input: EntryInput = {
    kind: 'diet',
    clientId: client.id,
    date: values.date ?? localIsoDate(Date.now()),
    time: values.time ?? null,
    note: null,
    confirm: values.confirm ?? false,
    meal,
    foodId: food.id,
    grams,
    amount: values.amount ?? null,
    allergyConfirmation: conflict ? { reason } : null,
  };
  const { entry, warnings } = await rpc(core, 'log.add', input);
  if (values.json) {
    out(JSON.stringify({ entry, warnings }, null, 2));
    return;
  }
  // As on the app's screens, an eating-disorder-sensitive client's entry is confirmed without its energy.
  const kcal = (await rpc(core, 'clients.get', { id: client.id })).edSensitive ? undefined : entry.nutrients.energyKcal;
  out(
    `Logged ${entry.food?.amountLabel ?? ''} of ${entry.food?.name ?? food.name} for ${client.name} on ${entry.date}` +
      (kcal === undefined ? '.' : ` (${Math.round(kcal)} kcal).`),
  );
  for (const w of warnings) out(`Note: ${w}`);
  if (entry.allergyConfirmation) {
    out(`Saved despite the allergy warning (${conflict?.message ?? entry.allergyConfirmation.allergens.join(', ')}).`);
  }
}

export async function exportRecord(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client', 'out'] });
  if (!values.client || !values.out) throw new CliError('export needs --client <id|name> and --out file.zip.', 2);
  const client = await resolveClient(core, values.client);
  const result = await rpc(core, 'export.client', { clientId: client.id });
  // Owner-only: the export holds the client's whole record in the clear, by design (portability).
  try {
    fs.writeFileSync(values.out, Buffer.from(result.dataBase64, 'base64'), { mode: 0o600 });
  } catch (err) {
    // A full or read-only disk is named by the folder written to; a half-written file is removed.
    fs.rmSync(values.out, { force: true });
    throw storageError(err, path.dirname(path.resolve(values.out))) ?? err;
  }
  out(
    `Wrote ${client.name}'s record to ${values.out} (${result.bytes.toLocaleString('en')} bytes). It is not encrypted: keep it safe.`,
  );
}
