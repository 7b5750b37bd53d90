import { z } from 'zod';
import { Empty, method } from './rpc.ts';
import { NoteFormat } from './visits.ts';
export const THEMES = ['light', 'dark', 'auto'] as const;
export const UNIT_SYSTEMS = ['metric', 'us'] as const;
export const Settings = z.object({
  theme: z.enum(THEMES),
  practitionerName: z.string().trim().max(200, { message: 'The name is too long (at most 200 characters).' }),
  /** Report branding: credentials (e.g. "RD, MSc"), contact lines, and a logo (PNG or JPEG data URL). */
  practitionerCredentials: z.string().trim().max(200, { message: 'At most 200 characters.' }),
  practitionerContact: z.string().trim().max(500, { message: 'At most 500 characters.' }),
  practiceLogo: z
    .string()
    .max(700_000, { message: 'The logo is too large (at most 500 KB).' })
    .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*)?$/, { message: 'Use a PNG or JPEG image.' }),
  /** Units for heights and weights in reports and the interface (energy is always kcal). */
  units: z.enum(UNIT_SYSTEMS),
  /**
   * Eating-disorder-sensitive clients: false (default) hides energy figures on every screen of such a
   * client; true shows them to the practitioner on the dashboard, log and targets. Recommendations and
   * reports never show them either way.
   */
  edShowEnergyToMe: z.boolean({ message: 'Must be yes or no.' }),
  /** Lock the app after this many minutes without keyboard or pointer use; 0 = never. */
  autoLockMinutes: z
    .number({ message: 'Enter a number of minutes.' })
    .int({ message: 'Enter whole minutes.' })
    .min(0, { message: 'At least 0 (never).' })
    .max(240, { message: 'At most 240 minutes (4 hours).' }),
  /** How a new visit's note is laid out: ADIME (the Nutrition Care Process) or SOAP. */
  visitNoteFormat: NoteFormat,
  /**
   * Look up a scanned barcode in Open Food Facts when no stored food has it: off by default. Only the
   * barcode number is sent (to world.openfoodfacts.org over HTTPS); answers are kept in the encrypted
   * database, so a barcode is asked about once.
   */
  openFoodFactsLookup: z.boolean({ message: 'Must be yes or no.' }),
});
export type Settings = z.infer<typeof Settings>;

export const settingsMethods = {
  'settings.get': method(Empty, Settings),
  'settings.update': method(Settings.partial().strict(), Settings),
} as const;
