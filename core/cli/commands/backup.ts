import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../../app.ts';
import type { BackupInfo } from '../../contract/backup.ts';
import { BackupFileName } from '../../contract/backup.ts';
import { promptHidden, promptLine } from '../prompt.ts';
import { CliError, rpc } from '../rpc.ts';
import { printTable } from '../table.ts';
import { commandArgs } from '../options.ts';

/** `bioai backup list|create|restore` and `bioai recover`: the Settings → Backups actions in a terminal. */

const KIND_LABEL: Record<BackupInfo['kind'], string> = {
  manual: 'manual',
  scheduled: 'automatic',
  'pre-restore': 'before a restore',
};

const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

export async function backupList(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, { flags: ['json'] });
  const state = await rpc(core, 'backup.list', {});
  if (values.json) {
    out(JSON.stringify(state, null, 2));
    return;
  }
  const schedule =
    state.scheduleHours === 0 ? 'off' : `${state.scheduleHours === 24 ? 'daily' : 'weekly'}, keeping ${state.keep}`;
  out(`Backups in ${state.folder} (automatic backups: ${schedule})`);
  if (state.settingsProblem) out(state.settingsProblem);
  if (state.lastError) out(`Last backup failed (${when(state.lastError.at)}): ${state.lastError.message}`);
  if (state.backups.length === 0) {
    out('No backups yet. Make one with "bioai backup create".');
    return;
  }
  const rows = state.backups.map((b) => [b.fileName, KIND_LABEL[b.kind], when(b.createdAt), size(b.bytes)]);
  printTable(out, ['FILE', 'KIND', 'MADE', 'SIZE'], rows);
}

export async function backupCreate(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  commandArgs(args, {});
  const made = await rpc(core, 'backup.create', {});
  const { folder } = await rpc(core, 'backup.list', {});
  out(`Backed up to ${path.join(folder, made.fileName)} (${size(made.bytes)}, encrypted).`);
}

/**
 * Which backup `ref` means: "latest" (the newest manual or automatic one), a file name in the backups
 * folder, or the path of a backup file elsewhere (copied into the backups folder first, so the restore
 * reads it from one place and it stays listed).
 */
function pickBackup(ref: string, backups: BackupInfo[], folder: string): string {
  if (ref === 'latest') {
    const latest = backups.find((b) => b.kind !== 'pre-restore');
    if (!latest) throw new CliError('There is no backup to restore yet ("bioai backup list" shows them).');
    return latest.fileName;
  }
  const base = path.basename(ref);
  if (!BackupFileName.safeParse(base).success) {
    throw new CliError(
      `"${ref}" is not a backup file name (backup-…, scheduled-… or pre-restore-….bioaibak). Run "bioai backup list".`,
      2,
    );
  }
  if (backups.some((b) => b.fileName === base) && (base === ref || path.resolve(ref) === path.join(folder, base))) {
    return base;
  }
  if (base !== ref && fs.existsSync(ref)) {
    const target = path.join(folder, base);
    if (fs.existsSync(target)) {
      // Copied in by an earlier try (say with the wrong passphrase): the same file is used again.
      if (fs.readFileSync(target).equals(fs.readFileSync(ref))) return base;
      throw new CliError(`A different file called ${base} is already in ${folder}; nothing was changed.`);
    }
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.copyFileSync(ref, target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o600);
    return base;
  }
  throw new CliError(`There is no backup called ${ref}. Run "bioai backup list".`);
}

export async function backupRestore(
  core: Core,
  args: string[],
  out: (s: string) => void,
  currentPassphrase: string,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean', short: 'y' } },
    strict: true,
    allowPositionals: true,
  });
  const [ref] = positionals;
  if (!ref || positionals.length > 1) throw new CliError('backup restore needs one backup: <file> or latest.', 2);
  const state = await rpc(core, 'backup.list', {});
  const fileName = pickBackup(ref, state.backups, state.folder);
  const info = (await rpc(core, 'backup.list', {})).backups.find((b) => b.fileName === fileName);
  const clients = await rpc(core, 'clients.list', { includeArchived: true });
  const status = await rpc(core, 'session.status', {});
  out(
    `This replaces the data in ${status.dataDir} (${clients.length} client${clients.length === 1 ? '' : 's'}) with ` +
      `the backup ${fileName}${info ? ` made ${when(info.createdAt)}` : ''}. Changes made since then are replaced; ` +
      'the current data is first kept as a pre-restore backup, so this can be undone.',
  );
  if (!values.yes) {
    const answer = await promptLine('Restore it? Type "yes" to go on: ');
    if (answer === null) throw new CliError('Not restored: add --yes to restore without a terminal to confirm in.', 2);
    if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not restored; nothing was changed.');
  }
  // The backup opens with the passphrase that was current when it was made: usually today's.
  let phrase = process.env.BIOAI_BACKUP_PASSPHRASE ?? currentPassphrase;
  let result = await core.dispatch('backup.restore', { fileName, passphrase: phrase });
  if (!result.ok && result.code === 'wrong-passphrase' && !process.env.BIOAI_BACKUP_PASSPHRASE && process.stdin.isTTY) {
    out(result.message);
    phrase = await promptHidden('Passphrase of the backup: ');
    result = await core.dispatch('backup.restore', { fileName, passphrase: phrase });
  }
  if (!result.ok) {
    const hint =
      result.code === 'wrong-passphrase'
        ? ' Give it in BIOAI_BACKUP_PASSPHRASE, or run in a terminal to be asked.'
        : '';
    throw new CliError(`${result.message}${hint}`);
  }
  const done = result.data as { restored: BackupInfo; preRestore: BackupInfo };
  out(`Restored ${done.restored.fileName}. The replaced data is kept as ${done.preRestore.fileName}.`);
}

export async function recover(core: Core, out: (s: string) => void): Promise<void> {
  const status = await rpc(core, 'session.status', {});
  if (status.state === 'needs-setup') {
    throw new CliError(`No BioAI Nutrition data in ${status.dataDir}. Run "bioai init" to set it up.`);
  }
  const { BIOAI_RECOVERY_CODE: givenCode, BIOAI_NEW_PASSPHRASE: givenNext } = process.env;
  if ((!givenCode || !givenNext) && !process.stdin.isTTY) {
    throw new CliError(
      'recover asks for the recovery code and a new passphrase: run it in a terminal, or set BIOAI_RECOVERY_CODE and BIOAI_NEW_PASSPHRASE.',
      2,
    );
  }
  const recoveryCode = givenCode ?? (await promptHidden('Recovery code: '));
  let next = givenNext;
  if (!next) {
    next = await promptHidden('Choose a new passphrase (at least 10 characters): ');
    if ((await promptHidden('Repeat it: ')) !== next) {
      throw new CliError('The two passphrases differ; nothing was changed.');
    }
  }
  const result = await rpc(core, 'session.recover', { recoveryCode, next });
  out(`Opened the data in ${result.dataDir} with the recovery code and set the new passphrase.`);
  // Printed once to the terminal (stdout), never logged: it opens the data without the passphrase.
  out(
    `New recovery code (write it down; the old one no longer works, and this is shown only now): ${result.recoveryCode}`,
  );
}
