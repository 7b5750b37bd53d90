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
} from './sync-text.ts';

const result = (over: Partial<Parameters<typeof summarizeResult>[0]> = {}): Parameters<typeof summarizeResult>[0] => ({
  at: 0,
  pushed: 0,
  pulled: 0,
  conflicts: 0,
  refused: 0,
  skipped: 0,
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
  });

  it('leaves out empty tables and names unknown ones as they are', () => {
    expect(describeChanges([])).toBe('');
    expect(describeChanges([{ table: 'clients', count: 0 }])).toBe('');
    expect(tableCount('meal_plans', 2)).toBe('2 meal plans rows');
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
