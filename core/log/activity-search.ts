import { ACTIVITIES, type ActivityDef } from './activities.ts';

/** Lower case, accents and punctuation removed, words split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Every query word begins a word of the phrase ("jog" begins "jogging"). */
function coversAll(query: readonly string[], phrase: readonly string[]): boolean {
  return query.every((q) => phrase.some((w) => w.startsWith(q)));
}

function sameWords(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/**
 * How well an activity answers the query; 0 when it does not. An everyday word said exactly ("jog")
 * beats the same words inside a longer phrase ("very brisk walk" for "brisk walk"), a synonym beats
 * the Compendium label, and a shorter phrase beats a longer one.
 */
function score(query: readonly string[], activity: ActivityDef): number {
  let best = 0;
  const consider = (phrase: readonly string[], exact: number, partial: number): void => {
    if (sameWords(query, phrase)) best = Math.max(best, exact);
    else if (coversAll(query, phrase)) best = Math.max(best, partial - Math.min(phrase.length, 30) / 100);
  };
  for (const synonym of activity.synonyms) consider(words(synonym), 100, 60);
  consider(words(activity.label), 90, 40);
  if (best === 0 && coversAll(query, words([activity.label, ...activity.synonyms].join(' ')))) best = 20;
  return best;
}

/**
 * The activities that match everyday words, best first (ties keep the list's order, which puts the
 * usual form of an activity first). An empty query returns the whole list.
 */
export function searchActivities(query: string, list: readonly ActivityDef[] = ACTIVITIES): ActivityDef[] {
  const q = words(query);
  if (q.length === 0) return [...list];
  return list
    .map((activity, index) => ({ activity, index, score: score(q, activity) }))
    .filter((m) => m.score > 0)
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .map((m) => m.activity);
}
