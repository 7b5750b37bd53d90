import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../app.ts';
import { INTAKE_PROFILE_FIELDS, type IntakeProfileField, type IntakeReview } from '../../contract/forms.ts';
import { writePrivateFile } from '../private-file.ts';
import { commandArgs } from '../options.ts';
import { promptLine } from '../prompt.ts';
import { CliError, rpc } from '../rpc.ts';
import { printTable } from '../table.ts';
import { resolveClient } from './resolve.ts';

/** bioai form intake --client <id|name> --out form.pdf */
export async function formIntake(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client', 'out'] });
  if (!values.client || !values.out) throw new CliError('form intake needs --client <id|name> --out form.pdf.', 2);
  const client = await resolveClient(core, values.client);
  const file = await rpc(core, 'forms.intake', { clientId: client.id });
  writePrivateFile(values.out, Buffer.from(file.dataBase64, 'base64'));
  out(
    `Wrote an intake form for ${client.name} to ${path.resolve(values.out)} (${file.bytes.toLocaleString('en')} bytes).`,
  );
}

/** A cell of the review table: one line, at most 60 characters. */
const cell = (s: string): string => {
  const one = s.replace(/\s*\n\s*/g, ' / ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
};

/**
 * bioai form import filled.pdf --client <id|name> [--accept a,b] [--yes] [--confirm] [--json]
 * Prints the review (each answer against the profile: new, changed or same); then applies the new and
 * changed answers (or those named by --accept) once confirmed in the terminal or with --yes.
 */
export async function formImport(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, {
    text: ['client', 'accept'],
    flags: ['yes', 'confirm', 'json'],
    positionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || !values.client)
    throw new CliError('form import needs one file: form import filled.pdf --client <id|name> [--yes].', 2);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `No file "${file}".` : `Cannot read "${file}" (${code ?? 'error'}).`);
  }
  const accept = values.accept
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of accept ?? [])
    if (!(INTAKE_PROFILE_FIELDS as readonly string[]).includes(f))
      throw new CliError(`--accept takes ${INTAKE_PROFILE_FIELDS.join(', ')}; not "${f}".`, 2);
  const client = await resolveClient(core, values.client);
  const dataBase64 = bytes.toString('base64');
  const review = await rpc(core, 'forms.reviewIntake', { clientId: client.id, dataBase64 });
  if (values.json) out(JSON.stringify(review, null, 2));
  else printReview(review, client.name, out);

  const chosen =
    (accept as IntakeProfileField[] | undefined) ??
    review.rows.filter((r) => r.status !== 'same' && r.problem === null).map((r) => r.field);
  if (chosen.length === 0) {
    out('Nothing to apply; the profile is unchanged.');
    return;
  }
  if (!review.consent)
    throw new CliError('The client did not tick the consent to data processing on the form; nothing was changed.');
  if (!values.yes) {
    const answer = await promptLine(`Apply ${chosen.join(', ')} to ${client.name}'s profile? Type "yes" to go on: `);
    if (answer === null)
      throw new CliError('Nothing was changed: add --yes to apply without a terminal to confirm in.', 2);
    if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not applied; nothing was changed.');
  }
  const result = await rpc(core, 'forms.applyIntake', {
    clientId: client.id,
    dataBase64,
    accept: chosen,
    ...(values.confirm ? { confirm: true } : {}),
  });
  out(
    result.applied.length === 0
      ? 'Nothing changed: the profile already says what the form says.'
      : `Applied to ${client.name}'s profile: ${result.applied.join(', ')}.`,
  );
}

function printReview(review: IntakeReview, name: string, out: (s: string) => void): void {
  out(
    `Intake form issued ${review.issuedOn} for ${name}. Consent to data processing: ${review.consent ? 'given' : 'NOT given'}.`,
  );
  if (review.rows.length === 0) {
    out('The form has no answers.');
    return;
  }
  printTable(
    out,
    ['field', 'status', 'profile now', 'form says', 'problem'],
    review.rows.map((r) => [r.field, r.status, cell(r.current), cell(r.proposed), r.problem ?? '']),
  );
}
