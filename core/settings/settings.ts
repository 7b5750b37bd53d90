import { eq } from 'drizzle-orm';
import { Settings } from '../contract/settings.ts';
import type { Db } from '../db/open.ts';
import { settings as settingsTable } from '../db/schema.ts';

const DEFAULTS: Settings = {
  theme: 'auto',
  practitionerName: '',
  practitionerCredentials: '',
  practitionerContact: '',
  practiceLogo: '',
  units: 'metric',
  edShowEnergyToMe: false,
  // Client records should not stay open on an unattended screen: lock after 15 idle minutes unless the
  // practitioner chooses otherwise (the default of most clinical record systems' session timeouts).
  autoLockMinutes: 15,
  // ADIME is the note format of the Nutrition Care Process (Academy of Nutrition and Dietetics), the one
  // dietitians are trained in; SOAP is offered for practices that share notes with medical colleagues.
  visitNoteFormat: 'adime',
  // Nothing leaves the computer unless the practitioner asks for it (issue 20): the online lookup is off.
  openFoodFactsLookup: false,
};
const KEY = 'app';

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsService(db: Db, now: () => number): SettingsService {
  const get = (): Settings => {
    const row = db.select().from(settingsTable).where(eq(settingsTable.key, KEY)).get();
    // Unknown or missing keys fall back to defaults, so older rows keep working after upgrades.
    const parsed = Settings.partial().safeParse(row?.value ?? {});
    return { ...DEFAULTS, ...(parsed.success ? parsed.data : {}) };
  };
  return {
    get,
    update(patch) {
      const next = { ...get(), ...patch };
      db.insert(settingsTable)
        .values({ key: KEY, value: next, updatedAt: now() })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedAt: now() } })
        .run();
      return next;
    },
  };
}
