import path from 'node:path';
import type { Core } from '../../app.ts';
import { NOTE_SECTIONS, NoteFormat, VisitType, VISIT_TYPES, type Visit } from '../../contract/visits.ts';
import { VISIT_TYPE_WORDS } from '../../visits/words.ts';
import { commandArgs } from '../options.ts';
import { writePrivateFile } from '../private-file.ts';
import { CliError, rpc } from '../rpc.ts';
import { dateArg, numberArg } from './profile-args.ts';
import { resolveClient } from './resolve.ts';

/**
 * `bioai visit add --client X --type follow-up [--date D] [--duration 45] [--next D] [--format adime|soap]
 * [--assessment TEXT …]` records a visit (the note's sections as options; the format defaults to the
 * practitioner's setting); `bioai visit list --client X` lists a client's visits, newest first;
 * `bioai visit overdue` the clients whose follow-up date has passed; `bioai visit pdf ID --out file.pdf
 * [--audience client|doctor] [--to "Dr Lee"]` prints one. The service checks everything and refuses with
 * the reason, writing nothing.
 */

const SECTIONS = ['assessment', 'diagnosis', 'intervention', 'monitoring', 'subjective', 'objective', 'plan'] as const;

function typeArg(value: string): VisitType {
  const parsed = VisitType.safeParse(value.trim());
  if (!parsed.success) throw new CliError(`Unknown visit type "${value}". Use one of: ${VISIT_TYPES.join(', ')}.`, 2);
  return parsed.data;
}

/** "2026-12-04  ·  Follow-up visit  ·  45 min  ·  next 2027-01-10  ·  2 goals" */
export function visitLine(v: Visit): string {
  const parts = [v.date, VISIT_TYPE_WORDS[v.type]];
  if (v.durationMin !== null) parts.push(`${v.durationMin} min`);
  if (v.nextFollowUp !== null) parts.push(`next ${v.nextFollowUp}`);
  if (v.goals.length > 0) parts.push(`${v.goals.length} goal${v.goals.length === 1 ? '' : 's'}`);
  parts.push(v.id);
  return parts.join('  ·  ');
}

export async function visitAdd(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, {
    text: ['client', 'date', 'type', 'duration', 'next', 'format', ...SECTIONS],
    flags: ['json'],
  });
  if (!values.client || !values.type)
    throw new CliError('visit add needs --client <id|name> and --type (first, follow-up or phone).', 2);
  const type = typeArg(values.type);
  const date = values.date === undefined ? undefined : dateArg(values.date, 'date');
  const next = values.next === undefined ? null : dateArg(values.next, 'next');
  const durationMin = values.duration === undefined ? null : numberArg(values.duration, 'duration');
  const client = await resolveClient(core, values.client);
  let format: NoteFormat;
  if (values.format !== undefined) {
    const parsed = NoteFormat.safeParse(values.format.trim().toLowerCase());
    if (!parsed.success) throw new CliError(`--format must be adime or soap, not "${values.format}".`, 2);
    format = parsed.data;
  } else format = (await rpc(core, 'settings.get', {})).visitNoteFormat;
  const own: readonly string[] = NOTE_SECTIONS[format];
  const note: Record<string, string> = { format };
  for (const s of SECTIONS) {
    const text = values[s];
    if (text === undefined) continue;
    if (!own.includes(s))
      throw new CliError(`The ${format.toUpperCase()} note has no ${s} section (it has ${own.join(', ')}).`, 2);
    note[s] = text;
  }
  // Today as the core's clock has it (the day targets.get answers for when given no date).
  const today = (await rpc(core, 'targets.get', { clientId: client.id })).asOf;
  const v = await rpc(core, 'visits.add', {
    clientId: client.id,
    date: date ?? today,
    type,
    durationMin,
    note: note as Visit['note'],
    nextFollowUp: next,
  });
  if (values.json) {
    out(JSON.stringify(v, null, 2));
    return;
  }
  out(
    `Recorded a ${VISIT_TYPE_WORDS[v.type].toLowerCase()} for ${client.name} on ${v.date}` +
      `${v.nextFollowUp ? `, next follow-up ${v.nextFollowUp}` : ''} (${v.id}).`,
  );
}

export async function visitList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client'], flags: ['json'] });
  if (!values.client) throw new CliError('visit list needs --client <id|name>.', 2);
  const client = await resolveClient(core, values.client);
  const list = await rpc(core, 'visits.list', { clientId: client.id });
  if (values.json) {
    out(JSON.stringify(list, null, 2));
    return;
  }
  if (list.length === 0) {
    out(`No visits recorded for ${client.name}.`);
    return;
  }
  for (const v of list) out(visitLine(v));
}

export async function visitOverdue(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { flags: ['json'] });
  const list = await rpc(core, 'visits.overdue', {});
  if (values.json) {
    out(JSON.stringify(list, null, 2));
    return;
  }
  if (list.length === 0) {
    out('No follow-ups are overdue.');
    return;
  }
  for (const o of list)
    out(
      [
        o.clientName,
        `due ${o.due} (${o.daysOverdue} day${o.daysOverdue === 1 ? '' : 's'} overdue)`,
        `last visit ${o.lastVisit}`,
      ].join('  ·  '),
    );
}

export async function visitPdf(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, {
    text: ['out', 'audience', 'to', 'page-size'],
    positionals: true,
  });
  const id = positionals[0];
  if (!id || positionals.length > 1 || !values.out)
    throw new CliError('visit pdf needs the visit id and --out file.pdf (bioai visit pdf ID --out visit.pdf).', 2);
  const audience = values.audience ?? 'client';
  if (audience !== 'client' && audience !== 'doctor')
    throw new CliError(`--audience must be client or doctor, not "${audience}".`, 2);
  if (values.to !== undefined && audience !== 'doctor')
    throw new CliError('--to names the doctor a letter is for: use it with --audience doctor.', 2);
  const pageSize = values['page-size'] ?? 'A4';
  if (pageSize !== 'A4' && pageSize !== 'Letter')
    throw new CliError(`--page-size must be A4 or Letter, not "${pageSize}".`, 2);
  const result = await rpc(core, 'visits.pdf', {
    id,
    audience,
    pageSize,
    ...(values.to !== undefined ? { recipient: values.to } : {}),
  });
  writePrivateFile(values.out, Buffer.from(result.dataBase64, 'base64'));
  out(
    `Wrote the visit ${audience === 'client' ? 'summary' : 'letter'} to ${path.resolve(values.out)} ` +
      `(${result.pages} ${result.pages === 1 ? 'page' : 'pages'}, ${result.bytes.toLocaleString('en')} bytes).`,
  );
}
