import { AppError } from '../api/errors.ts';
import type { Recommendation } from '../api/schemas-rules.ts';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import type { Db, Sqlite } from '../db/open.ts';
import type { ForecastService } from '../forecast/forecast.ts';
import type { Logger } from '../logging/log.ts';
import type { TargetsService } from '../targets/targets-service.ts';
import { localIsoDate } from '../util/clock.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { evaluateClient, type RuleVerdict } from './client-evaluation.ts';
import { confidenceOf, latestDayFlag } from './confidence.ts';
import { computeVariables, loggingDensity } from './features.ts';
import type { RulesService } from './rules-service.ts';

/**
 * Recommendations: the rules that fire for a client, stored with why (condition and values),
 * guardrail notes and a status history. One open row per client and rule: a rule that keeps firing
 * refreshes its open row; a dismissed one stays quiet for the rule's cooldown; a rule that stops
 * firing leaves its row to expire (expires_at), when it is marked 'expired' on the next list or
 * evaluation. Ranking: new first, then severity, then confidence (confidence.ts has the formula).
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
}

export interface EvaluateResult {
  created: number;
  active: number;
  errors: { ruleId: string; message: string }[];
}

export interface RecommendationsService {
  evaluate(clientId: string): Promise<EvaluateResult>;
  /** After each change to a client's log: evaluates 1 s after the last call for that client; never throws. */
  evaluateDebounced(clientId: string): void;
  list(clientId: string, includeClosed: boolean): Recommendation[];
  accept(id: string): Recommendation;
  dismiss(id: string, reason: string): Recommendation;
  /** Cancels pending debounced evaluations (on lock or close). */
  dispose(): void;
}

const DAY_MS = 86_400_000;
export const EVALUATE_DEBOUNCE_MS = 1000;
const STATUS_RANK: Record<string, number> = { new: 0, accepted: 1, dismissed: 2, expired: 3 };
const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3 };

type Row = {
  id: string;
  client_id: string;
  rule_id: string;
  title: string;
  message: string;
  rationale: string;
  severity: string;
  category: string;
  confidence: number;
  suggestions: string;
  guardrails: string;
  references: string;
  condition: string;
  values: string;
  status: Recommendation['status'];
  dismiss_reason: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
};

function toView(r: Row): Recommendation {
  return {
    id: r.id,
    clientId: r.client_id,
    ruleId: r.rule_id,
    title: r.title,
    message: r.message,
    rationale: r.rationale,
    severity: r.severity,
    category: r.category,
    confidence: r.confidence,
    suggestions: JSON.parse(r.suggestions) as Recommendation['suggestions'],
    guardrails: JSON.parse(r.guardrails) as string[],
    references: JSON.parse(r.references) as string[],
    condition: r.condition,
    values: JSON.parse(r.values) as Recommendation['values'],
    status: r.status,
    dismissReason: r.dismiss_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
  };
}

export function rankRecommendations<T extends Pick<Recommendation, 'status' | 'severity' | 'confidence' | 'createdAt'>>(
  list: T[],
): T[] {
  return [...list].sort(
    (a, b) =>
      (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
      (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
      b.confidence - a.confidence ||
      b.createdAt - a.createdAt,
  );
}

export function createRecommendationsService(deps: RecommendationsServiceDeps): RecommendationsService {
  const { sqlite, rules, log } = deps;
  const today = deps.today ?? ((): string => localIsoDate(deps.now()));
  const timers = new Map<string, NodeJS.Timeout>();
  const OPEN = "status IN ('new', 'accepted') AND deleted_at IS NULL";

  const expire = sqlite.prepare(
    `UPDATE recommendations SET status = 'expired', updated_at = @now
     WHERE client_id = @client AND ${OPEN} AND expires_at IS NOT NULL AND expires_at <= @now`,
  );
  const openFor = sqlite.prepare(
    `SELECT id FROM recommendations WHERE client_id = ? AND rule_id = ? AND ${OPEN} ORDER BY created_at DESC LIMIT 1`,
  );
  // A dismissal is the row's last change (updated_at): rows are never touched after it.
  const dismissedSince = sqlite.prepare(
    `SELECT 1 FROM recommendations WHERE client_id = ? AND rule_id = ? AND status = 'dismissed'
       AND deleted_at IS NULL AND updated_at > ? LIMIT 1`,
  );
  const refresh = sqlite.prepare(
    `UPDATE recommendations SET message = @message, confidence = @confidence, suggestions = @suggestions,
       guardrails = @guardrails, "values" = @values, updated_at = @now WHERE id = @id`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO recommendations (id, client_id, rule_id, rule_version, title, message, rationale, severity, category,
       confidence, suggestions, guardrails, "references", condition, "values", status, dismiss_reason, expires_at,
       created_at, updated_at)
     VALUES (@id, @client, @ruleId, @version, @title, @message, @rationale, @severity, @category, @confidence,
       @suggestions, @guardrails, @references, @condition, @values, 'new', NULL, @expiresAt, @now, @now)`,
  );
  const countOpen = sqlite.prepare(`SELECT count(*) AS n FROM recommendations WHERE client_id = ? AND ${OPEN}`);
  const byClient = sqlite.prepare(`SELECT * FROM recommendations WHERE client_id = ? AND deleted_at IS NULL`);
  const openByClient = sqlite.prepare(`SELECT * FROM recommendations WHERE client_id = ? AND ${OPEN}`);
  const byId = sqlite.prepare('SELECT * FROM recommendations WHERE id = ? AND deleted_at IS NULL');
  const setStatus = sqlite.prepare(
    'UPDATE recommendations SET status = @status, dismiss_reason = @reason, updated_at = @now WHERE id = @id',
  );

  /** Writes what fired, deduplicated; returns how many rows were created. */
  const store = sqlite.transaction((clientId: string, fired: RuleVerdict[], confidences: number[], now: number) => {
    let created = 0;
    expire.run({ client: clientId, now });
    fired.forEach((v, i) => {
      const r = v.rule;
      const fields = {
        message: v.message ?? r.then.message,
        confidence: confidences[i] ?? 0,
        suggestions: JSON.stringify(v.suggestions),
        guardrails: JSON.stringify(v.notes),
        values: JSON.stringify(v.values),
        now,
      };
      const open = openFor.get(clientId, r.id) as { id: string } | undefined;
      if (open) {
        refresh.run({ ...fields, id: open.id });
        return;
      }
      if (dismissedSince.get(clientId, r.id, now - r.cooldownDays * DAY_MS)) return;
      insert.run({
        ...fields,
        id: uuidv7(now),
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
      created++;
    });
    return created;
  });

  async function evaluate(clientId: string): Promise<EvaluateResult> {
    const client = deps.clients.get(clientId);
    const asOf = today();
    const variables = computeVariables(sqlite, deps.targets, client, asOf, deps.now(), deps.forecast);
    const verdicts = await evaluateClient(rules.evaluator, rules.enabledRules(), variables);
    const fired = verdicts.filter((v) => v.fired === true && v.skippedBecause === null);
    const density = loggingDensity(sqlite, clientId, asOf);
    const data = {
      entries7: density.entries,
      days7: Number(variables.features.days_logged_7d ?? 0),
      days30: Number(variables.features.days_logged_30d ?? 0),
      latestDayFlag: latestDayFlag(variables.forecast),
    };
    const confidences = fired.map((v) => confidenceOf(v.rule.reads, v.values, data));
    // The worker ran without the database; the writes are one synchronous transaction, so two
    // evaluations of one client cannot both insert a row for the same rule.
    const created = store(clientId, fired, confidences, deps.now());
    const errors = verdicts.filter((v) => v.error !== null).map((v) => ({ ruleId: v.rule.id, message: v.error ?? '' }));
    for (const e of errors) log.warn('rule failed', { ruleId: e.ruleId, error: e.message });
    return { created, active: (countOpen.get(clientId) as { n: number }).n, errors };
  }

  function load(id: string): Row {
    const row = byId.get(id) as Row | undefined;
    if (!row) throw new AppError('not-found', 'That recommendation does not exist.');
    return row;
  }

  function change(id: string, status: 'accepted' | 'dismissed', reason: string | null): Recommendation {
    const row = load(id);
    if (row.status === 'expired')
      throw new AppError('conflict', 'This recommendation has expired; evaluate the rules again for a current one.');
    sqlite.transaction(() => {
      setStatus.run({ id, status, reason, now: deps.now() });
      deps.audit.record('recommendations', id, status === 'accepted' ? 'accept' : 'dismiss', [
        'status',
        ...(reason === null ? [] : ['dismissReason']),
      ]);
    })();
    return toView(load(id));
  }

  return {
    evaluate,
    evaluateDebounced(clientId) {
      const prior = timers.get(clientId);
      if (prior) clearTimeout(prior);
      const timer = setTimeout(() => {
        timers.delete(clientId);
        evaluate(clientId).catch((e: unknown) =>
          log.warn('background rule evaluation failed', { error: e instanceof Error ? e.message : String(e) }),
        );
      }, EVALUATE_DEBOUNCE_MS);
      // A pending evaluation must not keep a CLI process alive; the app re-evaluates on the next change.
      timer.unref();
      timers.set(clientId, timer);
    },
    list(clientId, includeClosed) {
      deps.clients.get(clientId);
      expire.run({ client: clientId, now: deps.now() });
      const rows = (includeClosed ? byClient : openByClient).all(clientId) as Row[];
      return rankRecommendations(rows.map(toView));
    },
    accept: (id) => change(id, 'accepted', null),
    dismiss: (id, reason) => change(id, 'dismissed', reason),
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
