import type { Core } from '../../app.ts';
import { pickFood } from '../../foods/food-match.ts';
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

/**
 * A food by id ('usda:09040' or a UUID), or by words when they name one food exactly or clearly
 * (core/foods/food-match.ts); weak or ambiguous words are refused with the candidates and their ids.
 */
export async function resolveFood(core: Core, ref: string, clientId?: string): Promise<{ id: string; name: string }> {
  if (/^usda:\d+$/.test(ref) || UUID_RE.test(ref)) {
    const f = await rpc(core, 'foods.get', { id: ref });
    return { id: f.id, name: f.name };
  }
  const hits = await rpc(core, 'foods.search', { query: ref, limit: 8, ...(clientId ? { clientId } : {}) });
  const match = pickFood(ref, hits);
  if (match.kind === 'match') return { id: match.hit.id, name: match.hit.name };
  if (match.kind === 'none') throw new CliError(`No food matches "${ref}". Try other words, or "bioai foods search".`);
  const list = match.candidates
    .slice(0, 5)
    .map((h) => `  ${h.id}  ${h.name}`)
    .join('\n');
  const why =
    match.kind === 'weak'
      ? `No food is clearly named "${ref}"; the closest are:`
      : `"${ref}" matches several foods equally well:`;
  throw new CliError(`${why}\n${list}\nNothing was logged. Give the food's id (--food <id>) or more exact words.`);
}
