import { parseArgs } from 'node:util';
import type { Core } from '../../app.ts';
import type { ClientFieldsInput } from '../../api/schemas.ts';
import { CliError, rpc } from '../rpc.ts';

const number = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${flag} must be a number, not "${value}".`, 2);
  return n;
};

export async function clientsAdd(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      sex: { type: 'string' },
      'birth-date': { type: 'string' },
      'height-cm': { type: 'string' },
      'weight-kg': { type: 'string' },
      activity: { type: 'string' },
      diet: { type: 'string' },
      allergies: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.name) throw new CliError('clients add needs --name "Full Name".', 2);
  const input: ClientFieldsInput = { name: values.name };
  if (values.sex) input.sex = values.sex as ClientFieldsInput['sex'];
  if (values['birth-date']) input.birthDate = values['birth-date'];
  const height = number(values['height-cm'], 'height-cm');
  const weight = number(values['weight-kg'], 'weight-kg');
  if (height !== undefined) input.heightCm = height;
  if (weight !== undefined) input.weightKg = weight;
  if (values.activity) input.activityLevel = values.activity as ClientFieldsInput['activityLevel'];
  if (values.diet) input.dietPattern = values.diet as ClientFieldsInput['dietPattern'];
  // "Peanut, shellfish": as the practitioner would type them in the app, one per comma.
  if (values.allergies !== undefined) input.allergies = values.allergies.split(',').map((a) => a.trim());
  const client = await rpc(core, 'clients.create', input);
  out(values.json ? JSON.stringify(client, null, 2) : `Created client ${client.name} (${client.id})`);
}

export async function clientsList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      search: { type: 'string' },
      sort: { type: 'string' },
      archived: { type: 'boolean' },
    },
    strict: true,
  });
  const list = await rpc(core, 'clients.list', {
    search: values.search ?? '',
    sort: (values.sort ?? 'name') as 'name',
    includeArchived: values.archived ?? false,
  });
  if (values.json) {
    out(JSON.stringify(list, null, 2));
    return;
  }
  if (list.length === 0) {
    out('No clients.');
    return;
  }
  const rows = list.map((c) => [
    c.id,
    c.name,
    c.ageYears === null ? '' : String(c.ageYears),
    c.sex ?? '',
    c.dietPattern,
    c.archivedAt ? 'archived' : '',
  ]);
  const header = ['ID', 'NAME', 'AGE', 'SEX', 'DIET', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [header, ...rows])
    out(
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}
