import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Core } from '../app.ts';
import { storageError } from '../db/storage-errors.ts';
import { isAppError } from '../contract/errors.ts';
import { createLogger, stderrSink, type LogLevel } from '../logging/log.ts';
import { defaultDataDir } from '../paths.ts';
import { APP_VERSION } from '../version.ts';
import { DAMAGED_HINT, salvage } from './commands/salvage.ts';
import { promptHidden } from './prompt.ts';
import { CliError, rpc } from './rpc.ts';
import { autoBackup } from './auto-backup.ts';

// Everything heavy (the core with its database, rules, vision and report modules, the browser host,
// each command) is imported when a command needs it, so `bioai version` and `bioai --help` load
// only this file and a few small ones.
const USAGE = `bioai — BioAI Nutrition from the command line

Usage: bioai [--data-dir DIR] <command> [options]

Commands:
  serve [--port N]            start the browser host on 127.0.0.1 and print its address
  init                        choose the passphrase for a new data folder
  clients add --name NAME [profile options] [--confirm] [--json]   --confirm: save an implausible birth date
  clients edit <id|name> [profile options] [--confirm] [--json]   set only the fields given
      profile options: --name NAME --sex female|male --birth-date YYYY-MM-DD --height-cm N --weight-kg N
        --activity sedentary|low-active|active|very-active
        --diet omnivore|flexitarian|pescatarian|vegetarian|lacto-vegetarian|ovo-vegetarian|vegan|other
        --allergies peanut,milk --life-stage none|pregnant|lactating (--trimester 1-3 | --months-postpartum N)
        --ed-sensitive true|false --goal maintenance|loss|gain|sport --goal-rate 0.1-1.0 (kg/week)
        --conditions hypertension,type-2-diabetes,chronic-kidney-disease,coeliac-disease,iron-deficiency,
                     lactose-intolerance --ckd-stage 1-5 --equation mifflin-st-jeor|iom-eer
        --tags a,b --email ADDRESS --phone NUMBER --notes TEXT   ("" or none clears an optional field)
  clients list [--json] [--search TEXT] [--sort name|updated|created|age] [--archived]
  targets --client <id|name> [--date YYYY-MM-DD] [--json]   the targets in force, with their sources
  targets override --client <id|name> --nutrient sodium_mg --value 1500 [--note TEXT] [--from YYYY-MM-DD]
  measure add --client <id|name> --kind weight --value 72.4 [--unit kg|lb] [--date YYYY-MM-DD] [--value2 N]
          [--name "Grip strength" (custom kind)] [--method TEXT] [--note TEXT] [--json]   blood pressure: --value2 diastolic
  measure list --client <id|name> [--kind K] [--json]   the client's measurements, newest first
  visit add --client <id|name> --type first|follow-up|phone [--date YYYY-MM-DD] [--duration 45]
          [--next YYYY-MM-DD] [--format adime|soap] [--assessment TEXT] [--diagnosis TEXT] [--intervention TEXT]
          [--monitoring TEXT] | [--subjective TEXT] [--objective TEXT] [--plan TEXT] [--json]
  visit list --client <id|name> [--json]   the client's visits, newest first
  visit overdue [--json]      clients whose next follow-up date has passed, most overdue first
  visit pdf <visit id> --out visit.pdf [--audience client|doctor] [--to "Dr Lee"] [--page-size A4|Letter]
  plan list --client <id|name> [--json]   the client's meal plans (newest version of each)
  plan generate --client <id|name> [--days 7] [--start YYYY-MM-DD] [--json] [--out plan.pdf]
                                         make a plan and fill it with the generator (--plan ID: fill that plan)
  foods search <words> [--json] [--limit N]
  foods import <file> [--format fdc|csv] [--name DATASET] [--citation TEXT] [--mapping mapping.json] [--encoding windows-1252]
  log add --client <id|name> --food <words|id> (--amount "1 medium" | --grams 118)
          [--date YYYY-MM-DD] [--time HH:MM] [--meal breakfast|lunch|dinner|snack] [--confirm]
          [--reason TEXT]     a food the client is allergic to needs --confirm --reason "why"
  log import <file> --client <id|name> --format cronometer|mfp|ont [--dry-run] [--preview-out rows.csv]
          [--as-reported] [--confirm-dates] [--reason TEXT]   a diary exported from another app, all or nothing;
          rows imported before are skipped
  export --client <id|name> --out file.zip
  analyze <photo…> [--json] [--client <id|name>]   detect foods (with --client: keep for review)
  analyze <before> --after <after> [--json] [--client <id|name>]
                              before-and-after photos: match the foods, propose the share of each eaten
  rules check [dir]           validate rule files (file:line:column: message; exit 1 if any is invalid)
  rules run --client <id|name> [--json]   evaluate the rules for a client and print why each fired
  model predict --model <model.json> --csv <rows.csv>   score any XGBoost JSON model, one line per row
  report --client <id|name> --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--page-size A4|Letter]
  form intake --client <id|name> --out form.pdf   a fillable intake questionnaire for the client
  form import <filled.pdf> --client <id|name> [--accept name,email,…] [--yes] [--confirm] [--json]
                              show the returned form against the profile (new / changed / same) and apply
                              the new and changed answers (or --accept's) once confirmed or with --yes
  backup list [--json]        the backups in the data folder (automatic ones: daily, keeping 14, unless changed)
  backup create               write an encrypted backup now
  backup restore <file|latest> [--yes]   replace the data with a backup (the current data is kept first as a
                              pre-restore backup); asks to confirm in a terminal, else needs --yes. The backup's
                              passphrase: BIOAI_BACKUP_PASSPHRASE, else the current one (asked if it differs)
  recover                     open the data with the recovery code and choose a new passphrase (prints a new
                              code once); BIOAI_RECOVERY_CODE and BIOAI_NEW_PASSPHRASE for scripts
  salvage [--dry-run] [--use-backup latest|<file> [--backup-only]] | salvage --start-empty
                              a damaged database: copy its readable records into a new one (with
                              --use-backup: restore that backup and add the newer salvaged records),
                              or start empty; the damaged file is always kept aside
  version

Options:
  --data-dir DIR   the data folder (default: the desktop app's, or BIOAI_DATA_DIR)
The passphrase is read from BIOAI_PASSPHRASE, or asked for in the terminal.
After a command that changed data, an automatic backup is made when the last one is over a day old.
`;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function passphrase(): Promise<string> {
  return process.env.BIOAI_PASSPHRASE ?? (await promptHidden('Passphrase: '));
}

/** Unlocks the data folder; returns the passphrase that did it. */
async function unlocked(core: Core): Promise<string> {
  const status = await rpc(core, 'session.status', {});
  if (status.state === 'needs-setup') {
    throw new CliError(
      `No BioAI Nutrition data in ${status.dataDir}. Run "bioai init" (or "bioai serve") to set it up.`,
    );
  }
  const phrase = await passphrase();
  await rpc(core, 'session.unlock', { passphrase: phrase });
  return phrase;
}

async function serve(
  core: { dataDir: string; level: LogLevel },
  args: string[],
  out: (s: string) => void,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, static: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, not "${values.port}".`, 2);
  const [{ startBrowserHost }, { relayCore, forkCoreProcess }] = await Promise.all([
    import('../host/http.ts'),
    import('../host/core-relay.ts'),
  ]);
  // The core runs in its own process: its synchronous work (key derivation, imports, backups, sync
  // merges) never holds this one, which serves the interface and relays calls. It starts loading at
  // once, beside this process listening and the browser fetching the interface; API calls wait for it.
  const log = createLogger(stderrSink, 'info', 'host');
  const remote = relayCore({
    init: { dataDir: core.dataDir, host: 'browser', logLevel: core.level, checkOutputs: checkOutputsFromEnv() },
    start: () => forkCoreProcess(),
    log,
    logSink: stderrSink,
  });
  const ready = remote.ready.then(() => remote);
  const host = await startBrowserHost({
    core: ready,
    staticDir: values.static ?? path.join(repoRoot, 'out', 'renderer'),
    log,
    port,
  });
  out(`BioAI Nutrition is running. Open this address in your browser (it contains this launch's access key):`);
  out(host.openUrl);
  await new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      void host
        .close()
        .then(() => remote.close())
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    ready.catch((err: unknown) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void host.close().then(() => reject(err instanceof Error ? err : new Error(String(err))));
    });
  });
}

/** The end-to-end tests check every answer against the contract (see core/host/dispatch.ts). */
const checkOutputsFromEnv = (): boolean => process.env.BIOAI_CHECK_OUTPUTS === '1';

async function init(core: Core, out: (s: string) => void): Promise<void> {
  let phrase = process.env.BIOAI_PASSPHRASE;
  if (!phrase) {
    phrase = await promptHidden('Choose a passphrase (at least 10 characters): ');
    if ((await promptHidden('Repeat it: ')) !== phrase)
      throw new CliError('The two passphrases differ; nothing was set up.');
  }
  const status = await rpc(core, 'session.setup', { passphrase: phrase });
  out(`Set up an encrypted data folder in ${status.dataDir}.`);
  // Printed once to the terminal (stdout), never logged: it opens the data without the passphrase.
  out(`Recovery code (write it down and keep it safe; it is shown only now): ${status.recoveryCode}`);
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' }, 'log-level': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'version') {
    out(APP_VERSION);
    return 0;
  }
  // Remove global options, keep the command's own.
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--data-dir' || a === '--log-level') i++;
    else if (!a.startsWith('--data-dir=') && !a.startsWith('--log-level=')) rest.push(a);
  }
  const dataDirFlag = values['data-dir'];
  const dataDir = typeof dataDirFlag === 'string' ? path.resolve(dataDirFlag) : defaultDataDir();
  const level = (typeof values['log-level'] === 'string' ? values['log-level'] : 'warn') as LogLevel;
  const opened: { core?: Core } = {};
  const openCore = async (): Promise<Core> => {
    const { createCore } = await import('../app.ts');
    opened.core ??= createCore({
      dataDir,
      host: 'cli',
      log: createLogger(stderrSink, level),
      // A command ends long before a check of a large database would; the browser host runs it.
      integrityCheck: false,
    });
    return opened.core;
  };
  try {
    const commandArgs = rest.slice(rest.indexOf(command) + 1);
    if (command === 'serve') {
      await serve({ dataDir, level }, commandArgs, out);
      return 0;
    }
    const core = await openCore();
    if (command === 'init') await init(core, out);
    else if (command === 'clients' && (sub === 'add' || sub === 'list' || sub === 'edit')) {
      await unlocked(core);
      const args = commandArgs.slice(1);
      const { clientsAdd, clientsEdit, clientsList } = await import('./commands/clients.ts');
      if (sub === 'add') await clientsAdd(core, args, out);
      else if (sub === 'edit') await clientsEdit(core, args, out);
      else await clientsList(core, args, out);
    } else if (command === 'targets') {
      await unlocked(core);
      // `sub` may be an option's value here (targets --client Ana): look at the word after "targets".
      const { targetsList, targetsOverride } = await import('./commands/targets.ts');
      if (commandArgs[0] === 'override') await targetsOverride(core, commandArgs.slice(1), out);
      else await targetsList(core, commandArgs, out);
    } else if (command === 'measure' && (sub === 'add' || sub === 'list')) {
      await unlocked(core);
      const { measureAdd, measureList } = await import('./commands/measure.ts');
      if (sub === 'add') await measureAdd(core, commandArgs.slice(1), out);
      else await measureList(core, commandArgs.slice(1), out);
    } else if (command === 'visit' && (sub === 'add' || sub === 'list' || sub === 'overdue' || sub === 'pdf')) {
      await unlocked(core);
      const { visitAdd, visitList, visitOverdue, visitPdf } = await import('./commands/visit.ts');
      const args = commandArgs.slice(1);
      if (sub === 'add') await visitAdd(core, args, out);
      else if (sub === 'list') await visitList(core, args, out);
      else if (sub === 'overdue') await visitOverdue(core, args, out);
      else await visitPdf(core, args, out);
    } else if (command === 'plan' && (sub === 'list' || sub === 'generate')) {
      await unlocked(core);
      const { planGenerate, planList } = await import('./commands/plan.ts');
      if (sub === 'list') await planList(core, commandArgs.slice(1), out);
      else await planGenerate(core, commandArgs.slice(1), out);
    } else if (command === 'foods' && (sub === 'search' || sub === 'import')) {
      await unlocked(core);
      const args = commandArgs.slice(1);
      const { foodsImport, foodsSearch } = await import('./commands/foods.ts');
      if (sub === 'search') await foodsSearch(core, args, out);
      else await foodsImport(core, args, out);
    } else if (command === 'log' && sub === 'add') {
      await unlocked(core);
      const { logAdd } = await import('./commands/log.ts');
      await logAdd(core, commandArgs.slice(1), out);
    } else if (command === 'log' && sub === 'import') {
      await unlocked(core);
      const { logImport } = await import('./commands/diary-import.ts');
      await logImport(core, commandArgs.slice(1), out);
    } else if (command === 'report') {
      await unlocked(core);
      const { report } = await import('./commands/report.ts');
      await report(core, commandArgs, out);
    } else if (command === 'form' && (sub === 'intake' || sub === 'import')) {
      await unlocked(core);
      const { formImport, formIntake } = await import('./commands/form.ts');
      if (sub === 'intake') await formIntake(core, commandArgs.slice(1), out);
      else await formImport(core, commandArgs.slice(1), out);
    } else if (command === 'model' && sub === 'predict') {
      const { modelPredict } = await import('./commands/model.ts');
      return await modelPredict(commandArgs.slice(1), out);
    } else if (command === 'rules' && sub === 'check') {
      const { rulesCheck } = await import('./commands/rules.ts');
      return await rulesCheck(commandArgs.slice(1), out);
    } else if (command === 'rules' && sub === 'run') {
      await unlocked(core);
      const { rulesRun } = await import('./commands/rules.ts');
      await rulesRun(core, commandArgs.slice(1), out);
    } else if (command === 'analyze') {
      const { analyze } = await import('./commands/analyze.ts');
      const done = await analyze(core, commandArgs, out, async () => {
        await unlocked(core);
      });
      if (done === 0) autoBackup(core);
      return done;
    } else if (command === 'salvage') {
      await salvage(core, commandArgs, out, passphrase);
    } else if (command === 'export') {
      await unlocked(core);
      const { exportRecord } = await import('./commands/log.ts');
      await exportRecord(core, commandArgs, out);
    } else if (command === 'backup' && (sub === 'list' || sub === 'create' || sub === 'restore')) {
      const current = await unlocked(core);
      const args = commandArgs.slice(1);
      const { backupCreate, backupList, backupRestore } = await import('./commands/backup.ts');
      if (sub === 'list') await backupList(core, args, out);
      else if (sub === 'create') await backupCreate(core, args, out);
      else await backupRestore(core, args, out, current);
    } else if (command === 'recover') {
      const { recover } = await import('./commands/backup.ts');
      await recover(core, out);
    } else {
      throw new CliError(`Unknown command "${[command, sub].filter(Boolean).join(' ')}". Run "bioai --help".`, 2);
    }
    // (salvage resolves a damaged folder its own way, with its own backups; serve runs the app's timer.)
    if (command !== 'salvage') autoBackup(core);
    return 0;
  } catch (err) {
    // A full disk or read-only folder met by the CLI's own file writes (export, report) reads as in the app.
    const storage = isAppError(err) ? err : storageError(err, dataDir);
    const code = err instanceof CliError ? err.exitCode : storage ? 1 : 2;
    const message = storage ? storage.message : err instanceof Error ? err.message : String(err);
    // parseArgs errors (unknown option, missing value) are usage errors.
    const usage = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    // A damaged database (found now or before) gets the commands that resolve it.
    const damaged =
      command !== 'salvage' && err instanceof CliError && (opened.core?.session.status().damage ?? null) !== null;
    process.stderr.write(`bioai: ${message}\n${damaged ? `${DAMAGED_HINT}\n` : ''}`);
    return usage ? 2 : code;
  } finally {
    opened.core?.close();
  }
}

/** `bioai targets … | head`: a reader that closes the pipe early ends the output, not with a stack trace. */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Run when executed directly (`node core/cli/main.ts …`); bin/bioai.mjs imports and calls main().
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  endQuietlyOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
