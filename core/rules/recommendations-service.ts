import { AppError } from '../contract/errors.ts';
import type { z } from 'zod';
import type { EvaluateResult as EvaluateResultSchema, Recommendation } from '../contract/rules.ts';
import type { Client } from '../contract/clients.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db, Sqlite } from '../db/open.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import type { Logger } from '../logging/log.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import { localIsoDate } from '../util/clock.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { evaluateClient, evaluateClients, type RuleVerdict } from './client-evaluation.ts';
import { confidenceOf, latestDayFlag } from './confidence.ts';
import { computeVariables, loggingDensity, practiceVariablesReader } from './features.ts';
import type { Variables } from './types.ts';
import { presentForClient } from './present.ts';
import type { RulesService } from './rules-service.ts';
import type { ChangeFeed } from '../changes.ts';
import { rankRecommendations, recommendationId, toView, type OpenRow, type Row } from './recommendation-rows.ts';

/**
 * Recommendations: the rules that fire for a client, stored with why (condition and values),
 * guardrail notes and a status history. They are a function of the current data: every evaluation
 * writes exactly what fires now. One open row per client and rule: a rule that keeps firing refreshes
 * its open row with today's values (written only when something changed, so sync is not churned);
 * a rule that no longer fires (new data, not enough data, a guardrail, the rule switched off or
 * removed) closes its open row as 'resolved', kept in the history with the values it last had; a
 * dismissed one stays quiet for the rule's cooldown. Listing evaluates first, so what is shown can
 * never be older than the data it describes, whatever changed it (an edit, an import, a sync pull,
 * a rule edit, or the calendar day turning). Ranking: new first, then severity, then confidence.
 * What is shown also passes presentForClient (present.ts): eating-disorder-sensitive care is applied
 * when rows are read, not only when they were written.
 */

export interface RecommendationsServiceDeps {
  sqlite: Sqlite;
  db: Db;
  rules: RulesService;
  targets: TargetsService;
  clients: ClientsService;
  audit: Audit;
  now: () => number;
  /** The practitioner's calendar day (features are computed up to it); default: local date of now(). */
  today?: (() => string) | undefined;
  log: Logger;
  /** The intake model (forecast.* variables, confidence); without it forecast.* are null. */
  forecast?: ForecastService | undefined;
  /**
   * Changes to clients' data: each one re-evaluates that client's rules (debounced), so the stored
   * recommendations (and what sync sends to the practice's other computers) stay current when nobody
   * is looking. Listing evaluates first anyway.
   */
  changes?: Pick<ChangeFeed, 'onClientDataChanged'> | undefined;
}

export type EvaluateResult = z.infer<typeof EvaluateResultSchema>;

export interface RecommendationsService {
  evaluate(clientId: string): Promise<EvaluateResult>;
  /**
   * The same as evaluate for each client (default: every client of the practice, archived ones
   * included), done together: one worker request for all the conditions and one transaction for all
   * the writes. A client deleted meanwhile is left out of the answer.
   */
  evaluateMany(clientIds?: readonly string[]): Promise<Map<string, EvaluateResult>>;
  /** After each change to a client's data: evaluates 1 s after the last call for that client; never throws. */
  evaluateDebounced(clientId: string): void;
  /** Evaluates the client's rules now, then lists what is open (and, on request, the history). */
  list(clientId: string, includeClosed: boolean): Promise<Recommendation[]>;
  accept(id: string): Recommendation;
  dismiss(id: string, reason: string): Recommendation;
  /** Cancels pending debounced evaluations (on lock or close). */
  dispose(): void;
}

const DAY_MS = 86_400_000;
export const EVALUATE_DEBOUNCE_MS = 1000;
/** Clients a worker request of evaluateMany carries. */
const PRACTICE_CHUNK = 100;
export function createRecommendationsService(deps: RecommendationsServiceDeps): RecommendationsService {
  const { sqlite, rules, log } = deps;
  const today = deps.today ?? ((): string => localIsoDate(deps.now()));
  const timers = new Map<string, NodeJS.Timeout>();
  const OPEN = "status IN ('new', 'accepted') AND deleted_at IS NULL";

  // Newest first: with rows from several computers of a practice (sync), older duplicates are closed.
  // Only the columns the comparison reads: the rule's own text (rationale, condition, references) is
  // most of a row and is never compared.
  const openRows = sqlite.prepare(
    `SELECT id, rule_id, title, message, client_message, confidence, suggestions, guardrails, "values", expires_at
       FROM recommendations WHERE client_id = ? AND ${OPEN} ORDER BY created_at DESC, id DESC`,
  );
  // A dismissal is the row's last change (updated_at): rows are never touched after it.
  const dismissedSince = sqlite.prepare(
    `SELECT 1 FROM recommendations WHERE client_id = ? AND rule_id = ? AND status = 'dismissed'
       AND deleted_at IS NULL AND updated_at > ? LIMIT 1`,
  );
  const refresh = sqlite.prepare(
    `UPDATE recommendations SET message = @message, client_message = @clientMessage, confidence = @confidence,
       suggestions = @suggestions, guardrails = @guardrails, "values" = @values, expires_at = @expiresAt,
       updated_at = @now WHERE id = @id`,
  );
  const extend = sqlite.prepare('UPDATE recommendations SET expires_at = ? WHERE id = ?');
  const resolve = sqlite.prepare(`UPDATE recommendations SET status = 'resolved', updated_at = ? WHERE id = ?`);
  const insert = sqlite.prepare(
    `INSERT INTO recommendations (id, client_id, rule_id, rule_version, title, message, client_message, rationale,
       severity, category, confidence, suggestions, guardrails, "references", condition, "values", status,
       dismiss_reason, expires_at, created_at, updated_at)
     VALUES (@id, @client, @ruleId, @version, @title, @message, @clientMessage, @rationale, @severity, @category,
       @confidence, @suggestions, @guardrails, @references, @condition, @values, 'new', NULL, @expiresAt, @now, @now)`,
  );
  const episodes = sqlite.prepare('SELECT count(*) AS n FROM recommendations WHERE client_id = ? AND rule_id = ?');
  const idTaken = sqlite.prepare('SELECT 1 FROM recommendations WHERE id = ?');
  /** The new row's id: the same on every computer that opens this episode (see recommendationId). */
  const newId = (clientId: string, ruleId: string, now: number): string => {
    const id = recommendationId(clientId, ruleId, (episodes.get(clientId, ruleId) as { n: number }).n);
    return idTaken.get(id) ? uuidv7(now) : id;
  };
  const countOpen = sqlite.prepare(`SELECT count(*) AS n FROM recommendations WHERE client_id = ? AND ${OPEN}`);
  const byClient = sqlite.prepare(`SELECT * FROM recommendations WHERE client_id = ? AND deleted_at IS NULL`);
  const openByClient = sqlite.prepare(`SELECT * FROM recommendations WHERE client_id = ? AND ${OPEN}`);
  const byId = sqlite.prepare('SELECT * FROM recommendations WHERE id = ? AND deleted_at IS NULL');
  const setStatus = sqlite.prepare(
    'UPDATE recommendations SET status = @status, dismiss_reason = @reason, updated_at = @now WHERE id = @id',
  );

  /**
   * Writes what fires now, in one transaction: refreshes or creates a row for each rule that fired and
   * resolves every other open row. Returns what changed.
   */
  const storeClient = (
    clientId: string,
    fired: RuleVerdict[],
    confidences: number[],
    now: number,
  ): EvaluateResult['changes'] => {
    const changes: EvaluateResult['changes'] = [];
    const open = new Map<string, OpenRow>();
    for (const row of openRows.all(clientId) as OpenRow[]) {
      if (!open.has(row.rule_id)) open.set(row.rule_id, row);
      else resolve.run(now, row.id); // an older duplicate of the same rule (two computers)
    }
    fired.forEach((v, i) => {
      const r = v.rule;
      const fields = {
        message: v.message ?? r.then.message,
        clientMessage: v.clientMessage,
        confidence: confidences[i] ?? 0,
        suggestions: JSON.stringify(v.suggestions),
        guardrails: JSON.stringify(v.notes),
        values: JSON.stringify(v.values),
        now,
      };
      const row = open.get(r.id);
      if (row) {
        open.delete(r.id);
        const same =
          row.message === fields.message &&
          row.client_message === fields.clientMessage &&
          Math.abs(row.confidence - fields.confidence) < 1e-9 &&
          row.suggestions === fields.suggestions &&
          row.guardrails === fields.guardrails &&
          row.values === fields.values;
        // Unchanged: nothing to write, except moving a passed review date on (the rule still fires).
        if (same) {
          if (row.expires_at !== null && row.expires_at <= now) extend.run(now + r.expiresInDays * DAY_MS, row.id);
          return;
        }
        refresh.run({ ...fields, id: row.id, expiresAt: now + r.expiresInDays * DAY_MS });
        changes.push({ kind: 'updated', ruleId: r.id, title: r.title });
        return;
      }
      if (dismissedSince.get(clientId, r.id, now - r.cooldownDays * DAY_MS)) return;
      insert.run({
        ...fields,
        id: newId(clientId, r.id, now),
        client: clientId,
        ruleId: r.id,
        version: r.version,
        title: r.title,
        rationale: r.then.rationale,
        severity: r.then.severity,
        category: r.then.category,
        references: JSON.stringify(r.references),
        condition: r.when,
        expiresAt: now + r.expiresInDays * DAY_MS,
      });
      changes.push({ kind: 'new', ruleId: r.id, title: r.title });
    });
    // What is still open did not fire on the current data: resolved, with its values kept.
    for (const row of open.values()) {
      resolve.run(now, row.id);
      changes.push({ kind: 'resolved', ruleId: row.rule_id, title: row.title });
    }
    return changes;
  };
  const store = sqlite.transaction(storeClient);
  const clientExists = sqlite.prepare('SELECT 1 FROM clients WHERE id = ? AND deleted_at IS NULL');
  const allClients = sqlite.prepare('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id');

  /** What fired and shows, with the confidence of each (from the logging density). */
  function firedWithConfidence(
    clientId: string,
    asOf: string,
    variables: Variables,
    verdicts: RuleVerdict[],
  ): { fired: RuleVerdict[]; confidences: number[] } {
    const fired = verdicts.filter((v) => v.fired === true && v.skippedBecause === null);
    const density = loggingDensity(sqlite, clientId, asOf);
    const data = {
      entries7: density.entries,
      days7: Number(variables.features.days_logged_7d ?? 0),
      days30: Number(variables.features.days_logged_30d ?? 0),
      latestDayFlag: latestDayFlag(variables.forecast),
    };
    return { fired, confidences: fired.map((v) => confidenceOf(v.rule.reads, v.values, data)) };
  }

  function result(clientId: string, verdicts: RuleVerdict[], changes: EvaluateResult['changes']): EvaluateResult {
    const errors = verdicts.filter((v) => v.error !== null).map((v) => ({ ruleId: v.rule.id, message: v.error ?? '' }));
    for (const e of errors) log.warn('rule failed', { ruleId: e.ruleId, error: e.message });
    const count = (kind: string): number => changes.filter((c) => c.kind === kind).length;
    return {
      created: count('new'),
      updated: count('updated'),
      resolved: count('resolved'),
      active: (countOpen.get(clientId) as { n: number }).n,
      changes,
      errors,
    };
  }

  async function evaluate(clientId: string): Promise<EvaluateResult> {
    const client = deps.clients.get(clientId);
    const asOf = today();
    const variables = computeVariables(sqlite, deps.targets, client, asOf, deps.now(), deps.forecast);
    const verdicts = await evaluateClient(rules.evaluator, rules.enabledRules(), variables);
    const { fired, confidences } = firedWithConfidence(clientId, asOf, variables, verdicts);
    // The worker ran without the database; the writes are one synchronous transaction, so two
    // evaluations of one client cannot both insert a row for the same rule. The client may have
    // been deleted while the worker ran: then there is nothing to write.
    deps.clients.get(clientId);
    const changes = store(clientId, fired, confidences, deps.now());
    return result(clientId, verdicts, changes);
  }

  async function evaluateMany(clientIds?: readonly string[]): Promise<Map<string, EvaluateResult>> {
    const ids = clientIds ?? (allClients.all() as { id: string }[]).map((r) => r.id);
    const asOf = today();
    const now = deps.now();
    const clients: Client[] = [];
    for (const id of ids) {
      try {
        clients.push(deps.clients.get(id));
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'not-found')) throw e;
      }
    }
    // In chunks, so that the worker evaluates one chunk while this thread computes the next.
    const read = practiceVariablesReader(
      sqlite,
      deps.targets,
      clients.map((c) => c.id),
      asOf,
      now,
      deps.forecast,
    );
    const pack = rules.enabledRules();
    const variables: Variables[] = [];
    const pending: Promise<RuleVerdict[][]>[] = [];
    for (let i = 0; i < clients.length; i += PRACTICE_CHUNK) {
      const chunk = clients.slice(i, i + PRACTICE_CHUNK).map(read);
      variables.push(...chunk);
      const evaluated = evaluateClients(rules.evaluator, pack, chunk);
      evaluated.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      pending.push(evaluated);
      // Let the request go to the worker before the next chunk.
      await new Promise<void>((r) => setImmediate(r));
    }
    const verdicts = (await Promise.all(pending)).flat();
    const out = new Map<string, EvaluateResult>();
    // One transaction for the practice; as in evaluate, a client deleted while the worker ran is skipped.
    const writeAll = sqlite.transaction(() => {
      const at = deps.now();
      clients.forEach((c, i) => {
        const v = verdicts[i];
        const vars = variables[i];
        if (!v || !vars || !clientExists.get(c.id)) return;
        const { fired, confidences } = firedWithConfidence(c.id, asOf, vars, v);
        out.set(c.id, result(c.id, v, storeClient(c.id, fired, confidences, at)));
      });
    });
    writeAll();
    return out;
  }

  function load(id: string): Row {
    const row = byId.get(id) as Row | undefined;
    if (!row) throw new AppError('not-found', 'That recommendation does not exist.');
    return row;
  }

  function change(id: string, status: 'accepted' | 'dismissed', reason: string | null): Recommendation {
    const row = load(id);
    if (row.status === 'expired' || row.status === 'resolved')
      throw new AppError(
        'conflict',
        row.status === 'resolved'
          ? 'This recommendation no longer applies: the current data no longer meets its rule.'
          : 'This recommendation has expired; evaluate the rules again for a current one.',
      );
    sqlite.transaction(() => {
      setStatus.run({ id, status, reason, now: deps.now() });
      deps.audit.record('recommendations', id, status === 'accepted' ? 'accept' : 'dismiss', [
        'status',
        ...(reason === null ? [] : ['dismissReason']),
      ]);
    })();
    const view = toView(load(id));
    return presentForClient(view, deps.clients.get(view.clientId), rules.rule(view.ruleId)) ?? view;
  }

  const service: RecommendationsService = {
    evaluate,
    evaluateMany,
    evaluateDebounced(clientId) {
      const prior = timers.get(clientId);
      if (prior) clearTimeout(prior);
      const timer = setTimeout(() => {
        timers.delete(clientId);
        // The data was locked or closed meanwhile: nothing to evaluate (the next read evaluates anyway).
        if (!sqlite.open) return;
        evaluate(clientId).catch((e: unknown) =>
          log.warn('background rule evaluation failed', { error: e instanceof Error ? e.message : String(e) }),
        );
      }, EVALUATE_DEBOUNCE_MS);
      // A pending evaluation must not keep a CLI process alive; the app re-evaluates on the next read.
      timer.unref();
      timers.set(clientId, timer);
    },
    async list(clientId, includeClosed) {
      const client = deps.clients.get(clientId);
      await evaluate(clientId);
      const rows = (includeClosed ? byClient : openByClient).all(clientId) as Row[];
      const shown = rows
        .map((r) => presentForClient(toView(r), client, rules.rule(r.rule_id)))
        .filter((r): r is Recommendation => r !== null);
      return rankRecommendations(shown);
    },
    accept: (id) => change(id, 'accepted', null),
    dismiss: (id, reason) => change(id, 'dismissed', reason),
    dispose() {
      stopListening?.();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
  // Rules read the profile, the targets and what was logged; a meal plan is intent, not intake.
  const stopListening = deps.changes?.onClientDataChanged((clientId, what) => {
    if (what !== 'plans') service.evaluateDebounced(clientId);
  });
  return service;
}
