/**
 * The personal data the end-to-end specs type in for clients: names, e-mail addresses and phone
 * numbers. The specs take their values from here, and the log scan (e2e/global-teardown.ts) fails if
 * any of them, or any client value a spec types literally (parsed from the specs as a safety net),
 * shows up in a log written during the run.
 */
export const CLIENTS = {
  beatriz: { name: 'Beatriz Quintanilha' },
  carlos: { name: 'Carlos Mendes', email: 'carlos@example.org', invalidEmail: 'carlos-at-example' },
  fatima: { name: 'Fatima Photo' },
  /** photos-pair.spec.ts: before and after photos */
  petra: { name: 'Petra Plate-Example' },
  batch: { name: 'Batch Client' },
  dora: { name: 'Dora Banana' },
  ingrid: { name: 'Ingrid Diary' },
  other: { name: 'Other Person' },
  rita: { name: 'Rita Report' },
  vera: { name: 'Vera Vegan' },
  /** foods-log.spec.ts: favourites and meal templates */
  tess: { name: 'Tess Template-Example' },
  /** targets.spec.ts */
  hilda: { name: 'Hilda Hypertension' },
  clara: { name: 'Clara Expecting' },
  /** allergy.spec.ts */
  alma: { name: 'Alma Allergy-Example' },
  /** backup.spec.ts and sync.spec.ts (their own constants; the log scan also parses them from the specs). */
  rosalind: { name: 'Rosalind Backup-Example' },
  ada: { name: 'Ada Example' },
  unsent: { name: 'Unsent Client' },
  /** client-record.spec.ts: visits, measurements and an intake form (the phone comes back on the form). */
  maya: { name: 'Maya Record-Example', phone: '+44 7700 900461' },
  /** The accessibility spec fills every contact field. */
  amelia: { name: 'Amélie Accessible', email: 'amelie.a11y@example.net', phone: '+44 20 7946 0958' },
} as const;

/** Extra fragments worth finding on their own (a surname that is not an ordinary word). */
export const EXTRA_FRAGMENTS = ['Quintanilha'];

/** Every seeded value, flattened. */
export function piiSeeds(): string[] {
  const values: string[] = [...EXTRA_FRAGMENTS];
  for (const c of Object.values(CLIENTS)) for (const v of Object.values(c)) values.push(v);
  return values;
}
