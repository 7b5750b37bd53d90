import type { Core } from '../../app.ts';
import type { ClientFieldsInput } from '../../contract/clients.ts';
import { CliError, rpc } from '../rpc.ts';
import { PROFILE_OPTIONS, profilePatch } from './profile-args.ts';
import { resolveClient } from './resolve.ts';
import { printTable } from '../table.ts';
import { commandArgs } from '../options.ts';

const CHANGED_WORDS: Record<string, string> = {
  birthDate: 'birth date',
  heightCm: 'height',
  weightKg: 'weight',
  activityLevel: 'activity',
  dietPattern: 'diet',
  lifeStage: 'life stage',
  lifeStageDetail: 'trimester or months post-partum',
  edSensitive: 'eating-disorder-sensitive care',
  goalRateKgWeek: 'goal rate',
  ckdStage: 'CKD stage',
  energyEquation: 'energy equation',
};

export async function clientsAdd(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: PROFILE_OPTIONS, flags: ['json', 'confirm'] });
  const { json, confirm, ...profile } = values;
  if (!profile.name) throw new CliError('clients add needs --name "Full Name".', 2);
  const input = { ...profilePatch(profile, null), name: profile.name } as ClientFieldsInput;
  const client = await rpc(core, 'clients.create', { ...input, confirm: confirm ?? false });
  out(json ? JSON.stringify(client, null, 2) : `Created client ${client.name} (${client.id})`);
}

/** `clients edit <id|name> --goal sport …`: sets the fields given, leaves the others as they are. */
export async function clientsEdit(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = commandArgs(args, {
    text: PROFILE_OPTIONS,
    flags: ['json', 'confirm'],
    positionals: true,
  });
  const { json, confirm, ...profile } = values;
  const ref = positionals.join(' ').trim();
  if (ref === '') throw new CliError('clients edit needs the client: bioai clients edit "Ana Example" --goal sport', 2);
  if (Object.keys(profile).length === 0)
    throw new CliError('Nothing to change: give at least one option, such as --goal sport. See "bioai --help".', 2);
  const { id } = await resolveClient(core, ref);
  const current = await rpc(core, 'clients.get', { id });
  const patch = profilePatch(profile, current);
  const client = await rpc(core, 'clients.update', { id, patch, confirm: confirm ?? false });
  if (json) {
    out(JSON.stringify(client, null, 2));
    return;
  }
  const changed = Object.keys(patch).map((k) => CHANGED_WORDS[k] ?? k);
  out(`Updated ${client.name}: ${changed.join(', ')}.`);
}

export async function clientsList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { text: ['search', 'sort'], flags: ['json', 'archived'] });
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
  printTable(out, ['ID', 'NAME', 'AGE', 'SEX', 'DIET', ''], rows);
}
