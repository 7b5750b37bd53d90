function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The server's `missing` list as a sentence: profile fields become "Add sex, birth date, height and
 * weight to compute targets."; a requirement on the age (infants are out of scope) is stated as such.
 */
export function missingSentence(missing: string[]): string {
  const requirements = missing.filter((m) => m.startsWith('age '));
  const fields = missing.filter((m) => !m.startsWith('age '));
  const sentences: string[] = [];
  if (fields.length > 0) sentences.push(`Add ${joinList(fields)} to compute targets.`);
  if (requirements.length > 0) sentences.push(`Targets need an ${joinList(requirements)}.`);
  return sentences.join(' ') || 'The profile lacks what the equations need to compute targets.';
}
