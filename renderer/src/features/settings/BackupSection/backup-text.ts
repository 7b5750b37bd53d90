/** Plain words for the Backups section. */

export type BackupKind = 'manual' | 'scheduled' | 'pre-restore';

export const KIND_LABELS: Record<BackupKind, string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  'pre-restore': 'Before a restore',
};

export const SCHEDULE_OPTIONS = [
  { value: '0', label: 'Off' },
  { value: '24', label: 'Daily' },
  { value: '168', label: 'Weekly' },
] as const;

export type ScheduleHours = 0 | 24 | 168;

export function parseSchedule(value: string | null): ScheduleHours | null {
  return value === '0' ? 0 : value === '24' ? 24 : value === '168' ? 168 : null;
}

/** "15 Mar 2026, 10:00" in the machine's locale and time zone. */
export function formatBackupDate(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function restoreWarning(date: string): string {
  return `This replaces the current data with the backup from ${date}. The current data is kept as a backup first. Enter the passphrase that was current when the backup was made; afterwards your current passphrase and recovery code open the data (the backup's older ones do not).`;
}

/** The failed-backup notice: when, which kind, and the reason the app gave. */
export function lastErrorText(error: { kind: BackupKind; message: string }, date: string): string {
  const what =
    error.kind === 'scheduled'
      ? 'The automatic backup'
      : error.kind === 'manual'
        ? 'The backup'
        : 'The backup before a restore';
  return `${what} on ${date} failed: ${error.message} Older backups were kept.`;
}
