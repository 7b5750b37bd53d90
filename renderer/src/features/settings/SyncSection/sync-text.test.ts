import { describe, expect, it } from 'vitest';
import {
  describeChanges,
  errorTitle,
  formatLastSync,
  isAutoSyncValue,
  pendingText,
  progressPercent,
  summarizeResult,
  tableCount,
  describeProblem,
} from './sync-text.ts';

const result = (over: Partial<Parameters<typeof summarizeResult>[0]> = {}): Parameters<typeof summarizeResult>[0] => ({
  at: 0,
  pushed: 0,
  pulled: 0,
  conflicts: 0,
  refused: 0,
  skipped: 0,
  invalid: 0,
  heldBack: 0,
  problems: [],
  changed: [],
  error: null,
  ...over,
});

describe('describeChanges', () => {
  it('names each table in plain words, singular or plural', () => {
    expect(
      describeChanges([
        { table: 'clients', count: 3 },
        { table: 'events', count: 12 },
        { table: 'custom_foods', count: 1 },
        { table: 'client_targets', count: 2 },
        { table: 'recommendations', count: 4 },
      ]),
    ).toBe('3 clients, 12 log entries, 1 custom food, 2 targets, 4 recommendations');
    expect(describeChanges([{ table: 'events', count: 1 }])).toBe('1 log entry');
    expect(
      describeChanges([
        { table: 'meal_plans', count: 1 },
        { table: 'meal_plan_entries', count: 14 },
        { table: 'meal_plan_notes', count: 1 },
      ]),
    ).toBe('1 meal plan, 14 meal plan entries, 1 meal plan note');
  });

  it('leaves out empty tables and names unknown ones as they are', () => {
    expect(describeChanges([])).toBe('');
    expect(describeChanges([{ table: 'clients', count: 0 }])).toBe('');
    expect(tableCount('shopping_lists', 2)).toBe('2 shopping lists rows');
    expect(tableCount('clients', 1200)).toBe('1,200 clients');
  });
});

describe('formatLastSync', () => {
  const now = Date.UTC(2026, 3, 10, 12, 0, 0);
  it('says Never before the first sync', () => {
    expect(formatLastSync(null, now)).toBe('Never');
  });

  it('counts minutes, then hours, then days', () => {
    expect(formatLastSync(now - 10_000, now)).toBe('just now');
    expect(formatLastSync(now + 5_000, now)).toBe('just now');
    expect(formatLastSync(now - 60_000, now)).toBe('1 minute ago');
    expect(formatLastSync(now - 45 * 60_000, now)).toBe('45 minutes ago');
    expect(formatLastSync(now - 60 * 60_000, now)).toBe('1 hour ago');
    expect(formatLastSync(now - 23 * 3_600_000, now)).toBe('23 hours ago');
    expect(formatLastSync(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(formatLastSync(now - 5 * 86_400_000, now)).toBe('5 days ago');
  });
});

describe('summarizeResult', () => {
  it('says what was sent, received, merged and changed', () => {
    expect(
      summarizeResult(result({ pushed: 5, pulled: 14, conflicts: 2, changed: [{ table: 'clients', count: 3 }] })),
    ).toEqual({
      sent: 'Sent 5 changes',
      received: 'Received 14 rows',
      conflicts: '2 conflicts merged (the later edit was kept)',
      changed: 'Changed here: 3 clients',
      problems: null,
    });
  });

  it('has sentences for a run that had nothing to do', () => {
    expect(summarizeResult(result())).toEqual({
      sent: 'Nothing to send',
      received: 'Nothing new received',
      conflicts: 'No conflicts',
      changed: 'Nothing changed on this computer',
      problems: null,
    });
    expect(summarizeResult(result({ pushed: 1, pulled: 1, conflicts: 1 }))).toMatchObject({
      sent: 'Sent 1 change',
      received: 'Received 1 row',
      conflicts: '1 conflict merged (the later edit was kept)',
    });
  });
});

describe('small helpers', () => {
  it('pendingText', () => {
    expect(pendingText(0)).toBe('Everything is sent');
    expect(pendingText(1)).toBe('1 change waiting to be sent');
    expect(pendingText(7)).toBe('7 changes waiting to be sent');
  });

  it('progressPercent', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ phase: 'push', done: 0, total: 0, message: '' })).toBeNull();
    expect(progressPercent({ phase: 'push', done: 1, total: 3, message: '' })).toBe(33);
    expect(progressPercent({ phase: 'pull', done: 9, total: 4, message: '' })).toBe(100);
    expect(progressPercent({ phase: 'done', done: 0, total: 0, message: '' })).toBe(100);
  });

  it('isAutoSyncValue accepts only the offered intervals', () => {
    expect(['0', '5', '15', '60'].every(isAutoSyncValue)).toBe(true);
    expect(isAutoSyncValue('10')).toBe(false);
    expect(isAutoSyncValue('toString')).toBe(false);
  });

  it('errorTitle names the problem', () => {
    expect(errorTitle('sync-offline')).toMatch(/cannot be reached/);
    expect(errorTitle('wrong-practice-passphrase')).toBe('Wrong practice passphrase');
    expect(errorTitle('sync-auth')).toMatch(/refused the sign-in/);
    expect(errorTitle('sync-clock')).toMatch(/clock is ahead/);
    expect(errorTitle('something-new')).toBe('Something went wrong');
  });
});

describe('summarizeResult problems', () => {
  it('names refused and skipped rows, and says nothing when there are none', () => {
    expect(summarizeResult(result()).problems).toBeNull();
    expect(summarizeResult(result({ refused: 1, skipped: 3 })).problems).toBe(
      "1 change was refused by the server and set aside; 3 received rows could not be applied here (details in the app's log).",
    );
  });
});

describe('received values set aside and rows held back', () => {
  it('are counted in the problems line', () => {
    expect(summarizeResult(result({ invalid: 1, heldBack: 2 })).problems).toBe(
      '1 received value was not valid here and was set aside; 2 received rows are waiting (see below).',
    );
  });

  it('are named: the client, the record, the field and the reason, never the value', () => {
    expect(
      describeProblem({
        table: 'clients',
        id: '0193a000-0000-7000-8000-000000000001',
        field: 'weight_kg',
        reason: 'Weight must be a number.',
        client: 'Ana Example',
      }),
    ).toBe('Ana Example: the client’s weight kg from another computer was set aside (Weight must be a number.)');
    expect(
      describeProblem({
        table: 'events',
        id: '0193a000-0000-7000-8000-000000000002',
        field: null,
        reason: 'incomplete: the computer that made it has not sent a valid local_date',
        client: null,
      }),
    ).toBe('A log entry (0193a000…) is waiting: incomplete: the computer that made it has not sent a valid local_date');
  });
});
