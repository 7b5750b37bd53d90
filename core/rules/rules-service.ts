import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import type { DryRunResult, RuleDetail, RuleSummary, RulesState } from '../contract/rules.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db, Sqlite } from '../db/open.ts';
import type { Logger } from '../logging/log.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import { localIsoDate } from '../util/clock.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import { evaluateClient } from './client-evaluation.ts';
import type { RuleEvaluator } from './evaluator.ts';
import { computeVariables } from './features.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import { loadRuleDirs, loadRuleText } from './loader.ts';
import type { RuleDef, RuleError } from './types.ts';

type Summary = z.infer<typeof RuleSummary>;
type State = z.infer<typeof RulesState>;
type Detail = z.infer<typeof RuleDetail>;
type DryRun = z.infer<typeof DryRunResult>;

/** The default rule pack in the repository; Electron passes its resources copy. */
export function defaultBuiltinRulesDir(): string {
  return fileURLToPath(new URL('../../rules', import.meta.url));
}

const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,60}\.ya?ml$/;
const WATCH_DEBOUNCE_MS = 200;

export interface RulesServiceDeps {
  sqlite: Sqlite;
  db: Db;
  /** Folder of the built-in pack; default: rules/ in the repository. */
  builtinDir?: string | undefined;
  /** The practitioner's rules folder (<dataDir>/rules); created when first needed. */
  userDir: string;
  clients: ClientsService;
  targets: TargetsService;
  /** One long-lived evaluator per process (core/rules/evaluator.ts); the service sends it the rule set. */
  ruleWorker: RuleEvaluator;
  audit?: Audit | undefined;
  log: Logger;
  now: () => number;
  /** The practitioner's calendar day; default: local date of now(). */
  today?: (() => string) | undefined;
  /** The intake model, so dry runs see forecast.* as evaluation does. */
  forecast?: ForecastService | undefined;
  /** Reload when files in the user folder change (default true; the CLI's one-shot commands pass false). */
  watch?: boolean | undefined;
}

export interface RulesService {
  list(): State;
  get(id: string): Detail;
  setEnabled(id: string, enabled: boolean): State;
  validate(fileName: string, source: string): { errors: RuleError[]; ruleIds: string[] };
  saveUserRule(fileName: string, source: string): State;
  deleteUserRule(fileName: string): State;
  dryRun(input: { clientId: string; ruleId?: string | undefined; source?: string | undefined }): Promise<DryRun>;
  /** Loaded rules that are switched on, in load order (built-in first). */
  enabledRules(): RuleDef[];
  /** A loaded rule by id (enabled or not). */
  rule(id: string): RuleDef | undefined;
  readonly evaluator: RuleEvaluator;
  /** Re-reads both folders now. */
  reload(): void;
  /** Increases with every (re)load; tests poll it after writing a file. */
  readonly generation: number;
  /** Stops watching the user folder (the evaluator belongs to the caller). */
  close(): void;
}

export function createRulesService(deps: RulesServiceDeps): RulesService {
  const builtinDir = deps.builtinDir ?? defaultBuiltinRulesDir();
  const { userDir, sqlite, log } = deps;
  const today = deps.today ?? ((): string => localIsoDate(deps.now()));
  // The pack is parsed when first needed (a rule view, a validation, an evaluation), not when the data
  // opens: the client list and food logging never need it.
  let loaded: { rules: RuleDef[]; errors: RuleError[] } | null = null;
  const pack = (): { rules: RuleDef[]; errors: RuleError[] } => {
    if (!loaded) reload();
    return loaded as { rules: RuleDef[]; errors: RuleError[] };
  };
  let generation = 0;
  let watcher: fs.FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;

  const enabledRows = sqlite.prepare('SELECT rule_id AS id, enabled FROM rule_settings');
  const upsertEnabled = sqlite.prepare(
    `INSERT INTO rule_settings (rule_id, enabled, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(rule_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const disabledIds = (): Set<string> =>
    new Set((enabledRows.all() as { id: string; enabled: number }[]).filter((r) => !r.enabled).map((r) => r.id));

  function reload(): void {
    const result = loadRuleDirs([
      { dir: builtinDir, origin: 'builtin' },
      { dir: userDir, origin: 'user' },
    ]);
    loaded = { rules: result.rules, errors: result.errors };
    generation++;
    deps.ruleWorker.setRules(result.rules);
    if (result.errors.length) {
      log.warn('rule files have problems', { errors: result.errors.length, rules: result.rules.length });
    }
  }

  function watch(): void {
    try {
      fs.mkdirSync(userDir, { recursive: true });
      watcher = fs.watch(userDir, () => {
        if (debounce) clearTimeout(debounce);
        // Editors save in bursts (temp file, rename, chmod): reload once things settle.
        debounce = setTimeout(() => {
          debounce = null;
          try {
            reload();
          } catch (e) {
            log.error('rules reload failed', { error: e instanceof Error ? e.message : String(e) });
          }
        }, WATCH_DEBOUNCE_MS);
        debounce.unref();
      });
      watcher.unref();
      watcher.on('error', (e) => {
        log.warn('rules folder watch stopped', { error: e.message });
        watcher?.close();
        watcher = null;
      });
    } catch (e) {
      log.warn('cannot watch the rules folder', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  const summary = (r: RuleDef, disabled: Set<string>): Summary => ({
    id: r.id,
    title: r.title,
    version: r.version,
    description: r.description,
    category: r.then.category,
    severity: r.then.severity,
    origin: r.origin,
    file: path.basename(r.file),
    enabled: !disabled.has(r.id),
    references: r.references,
  });

  function list(): State {
    const disabled = disabledIds();
    const { rules, errors } = pack();
    return { rules: rules.map((r) => summary(r, disabled)), errors, userDir };
  }

  function find(id: string): RuleDef {
    const r = pack().rules.find((x) => x.id === id);
    if (!r) throw new AppError('not-found', `There is no rule "${id}" (it may have been removed or have errors).`);
    return r;
  }

  function userFile(fileName: string): string {
    if (!FILE_NAME.test(fileName)) {
      throw new AppError('invalid-input', 'Use a file name like low-iron.yaml (lower case, digits, dashes).', {
        fileName: 'Use a file name like low-iron.yaml (lower case, digits, dashes).',
      });
    }
    return path.join(userDir, fileName);
  }

  function validate(fileName: string, source: string): { errors: RuleError[]; ruleIds: string[] } {
    const file = userFile(fileName);
    // Ids must stay unique across the pack and the other user files; the file's own current ids are
    // its to reuse (saving an edit is not a duplicate).
    const known = new Map(
      pack()
        .rules.filter((r) => r.file !== file)
        .map((r) => [r.id, r.file]),
    );
    const result = loadRuleText(source, file, 'user', { known });
    return { errors: result.errors, ruleIds: result.rules.map((r) => r.id) };
  }

  const showError = (e: RuleError): string => `${path.basename(e.file)}:${e.line}:${e.column}: ${e.message}`;

  if (deps.watch ?? true) watch();

  return {
    list,
    get(id) {
      const r = find(id);
      let source = '';
      try {
        source = fs.readFileSync(r.file, 'utf8');
      } catch {
        // Removed since the last load: the watcher reloads shortly; show the rule without its text.
      }
      return { ...summary(r, disabledIds()), source, when: r.when, reads: r.reads };
    },
    setEnabled(id, enabled) {
      find(id);
      upsertEnabled.run(id, enabled ? 1 : 0, deps.now());
      deps.audit?.record('rule_settings', id, enabled ? 'enable' : 'disable', ['enabled']);
      return list();
    },
    validate,
    saveUserRule(fileName, source) {
      const { errors: problems } = validate(fileName, source);
      if (problems.length > 0) {
        const first = problems[0] as RuleError;
        throw new AppError(
          'invalid-input',
          `The rule file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.map(showError).join('; ')}`,
          { source: showError(first) },
        );
      }
      fs.mkdirSync(userDir, { recursive: true });
      writeFileAtomic(userFile(fileName), source, 0o644);
      reload();
      return list();
    },
    deleteUserRule(fileName) {
      const file = userFile(fileName);
      if (!fs.existsSync(file))
        throw new AppError('not-found', `There is no rule file ${fileName} in your rules folder.`);
      fs.rmSync(file);
      reload();
      return list();
    },
    async dryRun({ clientId, ruleId, source }) {
      const client = deps.clients.get(clientId);
      let rule: RuleDef | undefined;
      if (source !== undefined) {
        const loaded = loadRuleText(source, path.join(userDir, 'draft.yaml'), 'user');
        if (loaded.errors.length > 0 || !loaded.rules[0]) {
          return {
            clientId,
            ruleId: loaded.rules[0]?.id ?? loaded.errors[0]?.ruleId ?? null,
            errors: loaded.errors,
            variables: {},
            applies: false,
            skippedBecause: null,
            fired: null,
            message: null,
          };
        }
        rule = loaded.rules[0];
      } else {
        rule = find(ruleId ?? '');
      }
      const variables = computeVariables(sqlite, deps.targets, client, today(), deps.now(), deps.forecast);
      const [v] = await evaluateClient(deps.ruleWorker, [rule], variables, {
        adhoc: source !== undefined,
        evaluateSkipped: true,
      });
      if (!v) throw new AppError('internal', 'The rule could not be evaluated.');
      const runtime: RuleError[] = v.error
        ? [{ file: rule.file, line: 1, column: 1, message: v.error, excerpt: '', ruleId: rule.id }]
        : [];
      return {
        clientId,
        ruleId: rule.id,
        errors: runtime,
        variables: v.values,
        applies: v.skippedBecause === null,
        skippedBecause: v.skippedBecause,
        fired: v.fired,
        message: v.message,
      };
    },
    enabledRules() {
      const disabled = disabledIds();
      return pack().rules.filter((r) => !disabled.has(r.id));
    },
    rule: (id) => pack().rules.find((r) => r.id === id),
    get evaluator() {
      pack();
      return deps.ruleWorker;
    },
    reload,
    get generation(): number {
      pack();
      return generation;
    },
    close() {
      if (debounce) clearTimeout(debounce);
      watcher?.close();
      watcher = null;
    },
  };
}
