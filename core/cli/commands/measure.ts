import type { Core } from '../../app.ts';
import { MeasureKind, type Measurement } from '../../contract/measures.ts';
import { MEASURE_KINDS } from '../../measures/kinds.ts';
import { commandArgs } from '../options.ts';
import { CliError, rpc } from '../rpc.ts';
import { dateArg, numberArg } from './profile-args.ts';
import { resolveClient } from './resolve.ts';

/**
 * `bioai measure add --client X --kind weight --value 72.4 [--unit kg] [--date YYYY-MM-DD]` records a
 * measurement (blood pressure: --value systolic --value2 diastolic; a custom kind: --kind custom --name
 * "Grip strength" --unit kg); `bioai measure list --client X [--kind K] [--json]` lists them, newest first.
 * The service checks everything (unit, plausible value, date) and refuses with the reason, writing nothing.
 */

function kindArg(value: string): MeasureKind {
  const parsed = MeasureKind.safeParse(value.trim());
  if (!parsed.success)
    throw new CliError(`Unknown measurement kind "${value}". Use one of: ${MEASURE_KINDS.join(', ')}.`, 2);
  return parsed.data;
}

/** "72.4 kg", "128/82 mmHg": the reading as it was entered. */
export function readingText(m: Measurement): string {
  const v = m.enteredValue2 === null ? `${m.enteredValue}` : `${m.enteredValue}/${m.enteredValue2}`;
  return `${v} ${m.unit}`;
}

export async function measureAdd(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, {
    text: ['client', 'kind', 'value', 'value2', 'unit', 'date', 'name', 'method', 'note'],
    flags: ['json'],
  });
  if (!values.client || !values.kind || values.value === undefined)
    throw new CliError('measure add needs --client <id|name>, --kind (e.g. weight) and --value.', 2);
  const kind = kindArg(values.kind);
  const value = numberArg(values.value, 'value');
  const value2 = values.value2 === undefined ? undefined : numberArg(values.value2, 'value2');
  const date = values.date === undefined ? undefined : dateArg(values.date, 'date');
  const client = await resolveClient(core, values.client);
  // Today as the core's clock has it (the day targets.get answers for when given no date).
  const today = (await rpc(core, 'targets.get', { clientId: client.id })).asOf;
  const m = await rpc(core, 'measures.add', {
    clientId: client.id,
    kind,
    value,
    date: date ?? today,
    ...(value2 !== undefined ? { value2 } : {}),
    ...(values.unit !== undefined ? { unit: values.unit } : {}),
    ...(values.name !== undefined ? { customName: values.name } : {}),
    ...(values.method !== undefined ? { method: values.method } : {}),
    ...(values.note !== undefined ? { note: values.note } : {}),
  });
  if (values.json) {
    out(JSON.stringify(m, null, 2));
    return;
  }
  out(`Recorded ${m.label} ${readingText(m)} for ${client.name} on ${m.date}.`);
}

export async function measureList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['client', 'kind'], flags: ['json'] });
  if (!values.client) throw new CliError('measure list needs --client <id|name>.', 2);
  const kind = values.kind === undefined ? undefined : kindArg(values.kind);
  const client = await resolveClient(core, values.client);
  const list = await rpc(core, 'measures.list', { clientId: client.id, ...(kind ? { kind } : {}) });
  if (values.json) {
    out(JSON.stringify(list, null, 2));
    return;
  }
  if (list.length === 0) {
    out(`No measurements recorded for ${client.name}.`);
    return;
  }
  for (const m of list) {
    const extra = [m.method, m.note].filter((x): x is string => Boolean(x));
    out([m.date, m.label, readingText(m), ...extra].join('  ·  '));
  }
}
