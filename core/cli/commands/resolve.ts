import type { Core } from '../../app.ts';
import { UUID_RE } from '../../util/uuidv7.ts';
import { CliError, rpc } from '../rpc.ts';

/** A client by id, or by name: an exact (case-insensitive) name, else the only search match. */
export async function resolveClient(core: Core, ref: string): Promise<{ id: string; name: string }> {
  if (UUID_RE.test(ref)) {
    const c = await rpc(core, 'clients.get', { id: ref });
    return { id: c.id, name: c.name };
  }
  const hits = await rpc(core, 'clients.list', { search: ref, sort: 'name', includeArchived: true });
  const exact = hits.filter((c) => c.name.toLowerCase() === ref.trim().toLowerCase());
  const pick = exact.length === 1 ? exact : hits;
  if (pick.length === 1 && pick[0]) return { id: pick[0].id, name: pick[0].name };
  if (pick.length === 0) throw new CliError(`No client matches "${ref}". Run "bioai clients list".`);
  throw new CliError(
    `"${ref}" matches ${pick.length} clients (${pick.map((c) => c.name).join(', ')}). Use the client's id.`,
  );
}

/** A food by id ('usda:09040' or a UUID), or the best search hit for the words given. */
export async function resolveFood(core: Core, ref: string, clientId?: string): Promise<{ id: string; name: string }> {
  if (/^usda:\d+$/.test(ref) || UUID_RE.test(ref)) {
    const f = await rpc(core, 'foods.get', { id: ref });
    return { id: f.id, name: f.name };
  }
  const hits = await rpc(core, 'foods.search', { query: ref, limit: 1, ...(clientId ? { clientId } : {}) });
  if (!hits[0]) throw new CliError(`No food matches "${ref}". Try other words, or "bioai foods search".`);
  return { id: hits[0].id, name: hits[0].name };
}
