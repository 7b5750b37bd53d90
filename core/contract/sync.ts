import { z } from 'zod';
import { Passphrase } from './common.ts';
import { Empty, method } from './rpc.ts';

/** Contract schemas for sync with the practice's server (Settings → Sync). */

export const ServerUrl = z
  .string({ message: 'Enter the sync server address.' })
  .trim()
  .max(500)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        // Plain http only to this machine (a local or test server); anything else must be https.
        const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
        return u.protocol === 'https:' || (u.protocol === 'http:' && local);
      } catch {
        return false;
      }
    },
    { message: 'Enter an https:// address (plain http is allowed only for localhost).' },
  );

export const SyncEmail = z.string().trim().toLowerCase().email({ message: 'Enter a valid email address.' }).max(254);
export const AccountPassword = z
  .string({ message: 'Enter your password.' })
  .min(12, { message: 'Use at least 12 characters for the account password.' })
  .max(1024);
export const DeviceName = z.string().trim().min(1, { message: 'Name this computer.' }).max(80);

export const SyncCreatePracticeInput = z
  .object({
    serverUrl: ServerUrl,
    practiceName: z.string().trim().min(1, { message: 'Enter the practice name.' }).max(200),
    displayName: z.string().trim().min(1, { message: 'Enter your name.' }).max(200),
    email: SyncEmail,
    password: AccountPassword,
    /** Protects the practice key; shared with colleagues, never sent to the server. */
    practicePassphrase: Passphrase,
    deviceName: DeviceName,
  })
  .strict();

export const SyncSignInInput = z
  .object({
    serverUrl: ServerUrl,
    email: SyncEmail,
    password: z.string().min(1, { message: 'Enter your password.' }).max(1024),
    practicePassphrase: z.string().min(1, { message: 'Enter the practice passphrase.' }).max(1024),
    deviceName: DeviceName,
  })
  .strict();

export const SYNC_INTERVALS = [0, 5, 15, 60] as const;
export const SyncConfigureInput = z
  .object({
    /** Minutes between automatic syncs while unlocked; 0 = manual only. */
    autoSyncMinutes: z.union([z.literal(0), z.literal(5), z.literal(15), z.literal(60)]),
  })
  .strict();

export const SyncChangeCount = z.object({
  /** A synced table: 'clients', 'client_targets', 'events', 'recommendations', 'custom_foods', 'meal_plans', … */
  table: z.string(),
  count: z.number(),
});

/** A received value set aside, or a received row held back, named (no values: they may be personal). */
export const SyncProblem = z.object({
  table: z.string(),
  id: z.string(),
  /** The field set aside; null for a whole row held back. */
  field: z.string().nullable(),
  reason: z.string(),
  /** The client it belongs to, by name on this computer, when known. */
  client: z.string().nullable(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;

export const SyncResult = z.object({
  at: z.number(),
  /** Field changes sent. */
  pushed: z.number(),
  /** Rows received that changed something here. */
  pulled: z.number(),
  /** Fields edited both here and elsewhere since the last sync, resolved by the later edit. */
  conflicts: z.number(),
  /** Changes the server refused for good (named in the log); the rest went through. */
  refused: z.number().default(0),
  /** Rows received that could not be applied here (damaged or not decryptable); the rest were. */
  skipped: z.number().default(0),
  /** Received values that were not valid here (another computer's bad value): not stored, named in `problems`. */
  invalid: z.number().default(0),
  /** Received rows still waiting here (their client has not arrived, or they came incomplete). */
  heldBack: z.number().default(0),
  /** The first of those values and rows, named. */
  problems: z.array(SyncProblem).default([]),
  /** Rows changed here by the pull, by table. */
  changed: z.array(SyncChangeCount),
  /** Set when the sync stopped early; what was done before it is kept and resumes next time. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncResult = z.infer<typeof SyncResult>;

/** The result of a sync that has done nothing yet: what a run starts from and adds to (the rest are defaults). */
export function emptySyncResult(at: number): SyncResult {
  return SyncResult.parse({ at, pushed: 0, pulled: 0, conflicts: 0, changed: [], error: null });
}

export const SyncStatus = z.object({
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  email: z.string().nullable(),
  practiceName: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** Local field changes not yet acknowledged by the server. */
  pending: z.number(),
  running: z.boolean(),
  autoSyncMinutes: z.number(),
  lastSyncAt: z.number().nullable(),
  lastResult: SyncResult.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncMethods = {
  /** Sync with the practice's server: where it stands, the last result, pending changes. */
  'sync.status': method(Empty, SyncStatus),
  /** Registers a new practice on the server, makes its practice key, and signs this computer in. */
  'sync.createPractice': method(SyncCreatePracticeInput, SyncStatus),
  /** Signs this computer in to an existing practice; the practice passphrase unlocks the practice key. */
  'sync.signIn': method(SyncSignInInput, SyncStatus),
  /** Forgets the server tokens and the practice key here; local data stays. */
  'sync.signOut': method(z.object({ discardUnsent: z.boolean().default(false) }).strict(), SyncStatus),
  'sync.configure': method(SyncConfigureInput, SyncStatus),
  /** Pushes local changes, then pulls and merges; progress as 'sync.progress' events. */
  'sync.now': method(Empty, SyncResult),
} as const;
