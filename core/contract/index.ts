import { z } from 'zod';
import { EVENT_NAMES as EVENT_NAME_LIST, METHOD_NAMES as METHOD_NAME_LIST } from './names.ts';
import { backupMethods } from './backup.ts';
import { barcodesMethods } from './barcodes.ts';
import { clientsMethods } from './clients.ts';
import { damageMethods } from './damage.ts';
import { foodLabelsMethods } from './food-labels.ts';
import { foodsMethods } from './foods.ts';
import { formsMethods } from './forms.ts';
import { logMethods } from './log.ts';
import { measuresMethods } from './measures.ts';
import { photosMethods } from './photos.ts';
import { PlanProgress, plansMethods } from './plans.ts';
import { reportsMethods } from './reports.ts';
import { rulesMethods } from './rules.ts';
import { SessionStatus, sessionMethods } from './session.ts';
import { settingsMethods } from './settings.ts';
import { syncMethods } from './sync.ts';
import { targetsMethods } from './targets.ts';
import { visitsMethods } from './visits.ts';

export type { RpcResult } from './rpc.ts';

/**
 * The one contract between the UI and the core, and the only layer that domain code, the renderer,
 * the preload and the server share. Every method is declared once, in its namespace's file, with a
 * zod input and output schema; the Electron relay, the preload, the browser-host HTTP transport,
 * the renderer client and the CLI are all derived from this object. Adding a method means adding
 * an entry in its namespace's file and a handler in that domain's handler map; the type checker
 * finds every other place.
 */
export const contract = {
  ...sessionMethods,
  ...backupMethods,
  ...damageMethods,
  ...clientsMethods,
  ...targetsMethods,
  ...foodsMethods,
  ...barcodesMethods,
  ...logMethods,
  ...photosMethods,
  ...foodLabelsMethods,
  ...rulesMethods,
  ...reportsMethods,
  ...syncMethods,
  ...settingsMethods,
  ...plansMethods,
  ...formsMethods,
  ...measuresMethods,
  ...visitsMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES: readonly MethodName[] = METHOD_NAME_LIST;

// Compile-time proof that names.ts lists exactly the contract's methods and events.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: SameSet<(typeof METHOD_NAME_LIST)[number], MethodName> = true;
void methodNamesMatch;

/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after parsing (defaults filled in). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** The methods of one namespace, e.g. `NamespaceMethods<'log'>` is 'log.list' | 'log.add' | … */
export type NamespaceMethods<NS extends string> = Extract<MethodName, `${NS}.${string}`>;

/** Progress and state events pushed from the core to the UI. */
export const events = {
  'import.progress': z.object({ jobId: z.string(), done: z.number(), total: z.number(), message: z.string() }),
  'sync.progress': z.object({
    phase: z.enum(['push', 'pull', 'done']),
    done: z.number(),
    total: z.number(),
    message: z.string(),
  }),
  'session.changed': SessionStatus,
  'salvage.progress': z.object({ table: z.string(), done: z.number(), total: z.number() }),
  'plans.progress': PlanProgress,
} as const;
export type EventMap = { [K in keyof typeof events]: z.infer<(typeof events)[K]> };
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
const eventNamesMatch: SameSet<(typeof EVENT_NAME_LIST)[number], EventName> = true;
void eventNamesMatch;
