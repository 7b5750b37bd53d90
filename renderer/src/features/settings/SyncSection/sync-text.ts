import type { EventMap } from '@contract/index.ts';
import type { SyncProblem, SyncResult } from '@contract/sync.ts';
import { formatNumber, formatRelative } from '../../../lib/format.ts';

/** Plain words for the Settings → Sync section. Pure functions, unit-tested in Node. */

export type SyncProgress = EventMap['sync.progress'];
export type AutoSyncMinutes = 0 | 5 | 15 | 60;

export const AUTO_SYNC_LABELS: Record<`${AutoSyncMinutes}`, string> = {
  '0': 'Manual only',
  '5': 'Every 5 minutes',
  '15': 'Every 15 minutes',
  '60': 'Every hour',
};

export function isAutoSyncValue(value: string): value is `${AutoSyncMinutes}` {
  return Object.hasOwn(AUTO_SYNC_LABELS, value);
}

/** Synced tables as a person calls them: [one, many]. */
const TABLE_WORDS: Record<string, readonly [string, string]> = {
  clients: ['client', 'clients'],
  events: ['log entry', 'log entries'],
  custom_foods: ['custom food', 'custom foods'],
  client_targets: ['target', 'targets'],
  recommendations: ['recommendation', 'recommendations'],
  meal_plans: ['meal plan', 'meal plans'],
  meal_plan_entries: ['meal plan entry', 'meal plan entries'],
  meal_plan_notes: ['meal plan note', 'meal plan notes'],
};

/** "1 client", "12 log entries", "1,200 changes". */
export function counted(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** One table's count in words; a table this version has no words for is named as it is. */
export function tableCount(table: string, count: number): string {
  const words = TABLE_WORDS[table] ?? [`${table.replace(/_/g, ' ')} row`, `${table.replace(/_/g, ' ')} rows`];
  return counted(count, words[0], words[1]);
}

/** "3 clients, 12 log entries, 1 custom food"; empty when the pull changed nothing here. */
export function describeChanges(changed: SyncResult['changed']): string {
  return changed
    .filter((c) => c.count > 0)
    .map((c) => tableCount(c.table, c.count))
    .join(', ');
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** "Never", "just now", "5 minutes ago", "2 hours ago", then days ("yesterday", "3 days ago") and dates. */
export function formatLastSync(at: number | null, now: number = Date.now()): string {
  if (at === null) return 'Never';
  const age = now - at;
  if (age < MINUTE_MS) return 'just now'; // also a clock that went back a little
  if (age < HOUR_MS) return `${counted(Math.floor(age / MINUTE_MS), 'minute', 'minutes')} ago`;
  if (age < 24 * HOUR_MS) return `${counted(Math.floor(age / HOUR_MS), 'hour', 'hours')} ago`;
  return formatRelative(at, now);
}

export interface ResultSummary {
  sent: string;
  received: string;
  conflicts: string;
  /** What the pull changed here, in words, or a sentence saying nothing did. */
  changed: string;
  /** Changes the server refused and rows that could not be applied here, or null when none. */
  problems: string | null;
}

export function summarizeResult(result: SyncResult): ResultSummary {
  const changed = describeChanges(result.changed);
  return {
    sent: result.pushed === 0 ? 'Nothing to send' : `Sent ${counted(result.pushed, 'change', 'changes')}`,
    received: result.pulled === 0 ? 'Nothing new received' : `Received ${counted(result.pulled, 'row', 'rows')}`,
    conflicts:
      result.conflicts === 0
        ? 'No conflicts'
        : `${counted(result.conflicts, 'conflict', 'conflicts')} merged (the later edit was kept)`,
    changed: changed ? `Changed here: ${changed}` : 'Nothing changed on this computer',
    problems: problemsText(result),
  };
}

function problemsText(result: SyncResult): string | null {
  const { refused = 0, skipped = 0, invalid = 0, heldBack = 0 } = result;
  const logged = [
    refused > 0 ? `${counted(refused, 'change was', 'changes were')} refused by the server and set aside` : '',
    skipped > 0 ? `${counted(skipped, 'received row', 'received rows')} could not be applied here` : '',
  ].filter(Boolean);
  const named = [
    invalid > 0 ? `${counted(invalid, 'received value was', 'received values were')} not valid here and set aside` : '',
    heldBack > 0 ? `${counted(heldBack, 'received row is', 'received rows are')} waiting` : '',
  ].filter(Boolean);
  if (invalid === 1 && named[0]) named[0] = '1 received value was not valid here and was set aside';
  const parts = [
    logged.length ? `${logged.join('; ')} (details in the app's log)` : '',
    named.length ? `${named.join('; ')} (see below)` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.` : null;
}

/** One value set aside or row held back, in words: whose, what, and why (never the value itself). */
export function describeProblem(p: SyncProblem): string {
  const [one] = TABLE_WORDS[p.table] ?? [`${p.table.replace(/_/g, ' ')} row`];
  if (p.field !== null) {
    const what = `the ${one}’s ${p.field.replace(/_/g, ' ')} from another computer was set aside (${p.reason})`;
    return p.client ? `${p.client}: ${what}` : `${capitalize(what)} (${p.id.slice(0, 8)}…)`;
  }
  const row = p.client ? `${p.client}: a ${one}` : `A ${one} (${p.id.slice(0, 8)}…)`;
  return `${row} is waiting: ${p.reason}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "3 changes waiting to be sent" or "Everything is sent". */
export function pendingText(pending: number): string {
  return pending === 0 ? 'Everything is sent' : `${counted(pending, 'change', 'changes')} waiting to be sent`;
}

/** 0–100 for the progress bar, or null while the total is not known yet. */
export function progressPercent(p: SyncProgress | null): number | null {
  if (!p) return null;
  if (p.phase === 'done') return 100;
  if (p.total <= 0) return null;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

/** What a sync or sign-in error is about, as an alert title. */
export function errorTitle(code: string): string {
  switch (code) {
    case 'sync-offline':
      return 'The sync server cannot be reached';
    case 'sync-auth':
      return 'The sync server refused the sign-in';
    case 'wrong-practice-passphrase':
      return 'Wrong practice passphrase';
    case 'wrong-practice-key':
      return 'The practice key does not match';
    case 'sync-protocol':
      return 'The sync server answered something unexpected';
    case 'sync-clock':
      return 'This computer’s clock is ahead: changes kept, not sent';
    case 'conflict':
      return 'Not possible right now';
    case 'invalid-input':
      return 'Check the form';
    default:
      return 'Something went wrong';
  }
}
