import { describe, expect, it } from 'vitest';
import { formatBackupDate, lastErrorText, parseSchedule, restoreWarning } from './backup-text.ts';

describe('backup text', () => {
  it('parses the schedule select values and nothing else', () => {
    expect([parseSchedule('0'), parseSchedule('24'), parseSchedule('168')]).toEqual([0, 24, 168]);
    expect(parseSchedule('5')).toBeNull();
    expect(parseSchedule(null)).toBeNull();
  });

  it('names the backup date in the restore warning', () => {
    const date = formatBackupDate(Date.UTC(2026, 2, 15, 10, 0), 'en-GB');
    expect(date).toContain('2026');
    expect(restoreWarning(date)).toBe(
      `This replaces the current data with the backup from ${date}. The current data is kept as a backup first. Enter the passphrase that was current when the backup was made; afterwards your current passphrase and recovery code open the data (the backup's older ones do not).`,
    );
  });

  it('says which backup failed, when and why', () => {
    expect(lastErrorText({ kind: 'scheduled', message: 'The disk is full.' }, '15 Mar 2026, 10:00')).toBe(
      'The automatic backup on 15 Mar 2026, 10:00 failed: The disk is full. Older backups were kept.',
    );
  });
});
