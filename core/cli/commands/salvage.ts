import type { Core } from '../../app.ts';
import type { SalvageReport } from '../../contract/damage.ts';
import { CliError, rpc } from '../rpc.ts';
import { commandArgs } from '../options.ts';

/** What a practitioner can run when the database is damaged (printed with every refusal). */
export const DAMAGED_HINT = `What you can do (the damaged file is kept aside in every case):
  bioai salvage                        copy every readable record into a new database and use it
  bioai salvage --dry-run              only salvage and show what would be recovered
  bioai salvage --use-backup latest    restore the latest backup, then add the salvaged records that are newer
  bioai salvage --use-backup latest --backup-only   restore the backup and nothing else
  bioai salvage --start-empty          start with an empty database`;

function printReport(report: SalvageReport, out: (s: string) => void): void {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  out(`${'table'.padEnd(width)}  recovered  lost (estimate)`);
  for (const t of report.tables) {
    const lost = t.unreadable ? 'all (unreadable)' : `${t.lostEstimate}${t.tailLost ? ' + the end of the table' : ''}`;
    out(`${t.table.padEnd(width)}  ${String(t.recovered).padStart(9)}  ${lost}`);
  }
  out(`Recovered ${report.recovered} records; about ${report.lostEstimate} lost on damaged pages.`);
}

/**
 * `bioai salvage`: resolves a damaged database. The passphrase proves the key (BIOAI_PASSPHRASE or
 * asked); a backup made under an older passphrase takes BIOAI_BACKUP_PASSPHRASE.
 */
export async function salvage(
  core: Core,
  args: string[],
  out: (s: string) => void,
  passphrase: () => Promise<string>,
): Promise<void> {
  const { values } = commandArgs(args, { text: ['use-backup'], flags: ['dry-run', 'backup-only', 'start-empty'] });
  if (values['backup-only'] && !values['use-backup'])
    throw new CliError('--backup-only needs --use-backup latest|<file>.', 2);
  if (values['start-empty'] && (values['use-backup'] || values['dry-run'])) {
    throw new CliError('--start-empty cannot be combined with --use-backup or --dry-run.', 2);
  }
  const status = await rpc(core, 'session.status', {});
  if (status.state !== 'damaged' && !status.damage) {
    throw new CliError('The database is not marked as damaged; there is nothing to salvage. Nothing was changed.');
  }
  const secret = { passphrase: await passphrase() };
  const backupPassphrase = process.env.BIOAI_BACKUP_PASSPHRASE;
  const backup = values['use-backup'] ?? 'latest';
  const resolve = async (choice: 'salvage' | 'backup' | 'backup-and-salvage' | 'empty'): Promise<void> => {
    const result = await rpc(core, 'damage.resolve', {
      choice,
      secret,
      backup,
      ...(backupPassphrase ? { backupPassphrase } : {}),
    });
    if (result.restored) out(`Restored the backup ${result.restored.fileName}.`);
    for (const m of result.merged) {
      if (m.added || m.updated || m.skipped)
        out(`  ${m.table}: ${m.added} added, ${m.updated} updated from the salvage, ${m.skipped} skipped`);
    }
    if (result.keptAs) out(`The damaged database was kept as ${result.keptAs} in ${status.dataDir}.`);
    out('The data opens again with your passphrase.');
  };
  if (values['start-empty']) return resolve('empty');
  if (values['use-backup'] && values['backup-only']) return resolve('backup');
  out('Salvaging the readable records (the damaged file is only read)…');
  printReport(await rpc(core, 'damage.salvage', secret), out);
  if (values['dry-run']) {
    out('Nothing was replaced. Run "bioai salvage" to use this salvage, or see "bioai --help".');
    return;
  }
  return resolve(values['use-backup'] ? 'backup-and-salvage' : 'salvage');
}
