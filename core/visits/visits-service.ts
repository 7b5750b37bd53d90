import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Audit } from '../audit/audit.ts';
import type { ClientsService } from '../clients/clients.ts';
import { AppError } from '../contract/errors.ts';
import type { Settings } from '../contract/settings.ts';
import type { Goal, OverdueFollowUp, Visit, VisitInput, VisitSnapshot } from '../contract/visits.ts';
import { slugify } from '../export/client-export.ts';
import type { DashboardService } from '../features/dashboard.ts';
import type { MeasuresService } from '../measures/measures-service.ts';
import type { PageSize, PdfRenderer } from '../reports/pdf.ts';
import { pdfPageCount, type ReportFileResult } from '../reports/reports-service.ts';
import type { RecommendationsService } from '../rules/recommendations-service.ts';
import type { Sqlite } from '../db/open.ts';
import { buildSnapshot, daysBetween, intakeSpan, recommendationLine } from './snapshot.ts';
import { VisitInput as VisitInputShape } from '../contract/visits.ts';
import type { Db } from '../db/open.ts';
import { clientVisits } from '../db/schema.ts';
import { kindDef, unitDef } from '../measures/kinds.ts';
import { uuidv7 } from '../util/uuidv7.ts';
import { toGoal, toVisit, StoredGoals, type StoredGoal, type VisitRow } from './visit-row.ts';

/**
 * A client's visits: the note written at each consultation, the goals agreed there and when the client
 * is next due. Every input is checked before anything is written (a refusal is `invalid-input` naming
 * the field, and writes nothing): the visit date is a real day not after today, the next follow-up on
 * or after it, a goal judged by a measurement has a target in one of that kind's units (stored in the
 * canonical unit, as measurements are), and a goal without a measurement has no target or unit.
 * A goal keeps its id across edits, so a chart's goal line stays the same goal. Removal is a tombstone.
 */

export interface VisitsService {
  list(clientId: string): Visit[];
  get(id: string): Visit;
  add(input: VisitInput): Visit;
  update(id: string, input: VisitInput, expectedUpdatedAt?: number): Visit;
  remove(id: string): { id: string };
  goals(clientId: string): Goal[];
  /** The snapshot for a visit on `date`; with `visitId`, that visit's accepted recommendations. */
  snapshot(clientId: string, date: string, visitId?: string, acceptedIds?: readonly string[]): Promise<VisitSnapshot>;
  /** Clients whose latest visit's next follow-up is before today, most overdue first. */
  overdue(): OverdueFollowUp[];
  pdf(req: {
    id: string;
    audience: 'client' | 'doctor';
    pageSize: PageSize;
    recipient?: string | undefined;
  }): Promise<ReportFileResult>;
}

export interface VisitsDeps {
  clients: ClientsService;
  audit: Audit;
  now: () => number;
  today: () => string;
  sqlite: Sqlite;
  measures: Pick<MeasuresService, 'list'>;
  dashboard: Pick<DashboardService, 'trends'>;
  recommendations: Pick<RecommendationsService, 'list'>;
  settings: { get(): Settings };
  /** The reports' printer (one browser per session), started on the first PDF. */
  printer: () => PdfRenderer;
}

export function visitFileName(clientName: string, date: string, audience: 'client' | 'doctor'): string {
  return `visit-${slugify(clientName)}-${date}${audience === 'doctor' ? '-letter' : ''}.pdf`;
}

/** The visit PDF's HTML renderer (React's server renderer) is imported with the first PDF. */
const renderer = () => import('./visit-document.ts');

const invalid = (message: string, field: string): AppError =>
  new AppError('invalid-input', message, { [field]: message });

const fmt = (x: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(x);

/** One goal, checked and in its stored form; `known` are the ids the visit's goals had before the edit. */
function normaliseGoal(
  goal: ReturnType<typeof VisitInputShape.parse>['goals'][number],
  at: number,
  known: ReadonlySet<string>,
): StoredGoal {
  const field = `goals.${at}`;
  if (goal.id !== undefined && !known.has(goal.id))
    throw invalid(`Goal ${at + 1} names a goal this visit does not have.`, `${field}.id`);
  const base = {
    id: goal.id ?? uuidv7(),
    text: goal.text,
    reviewOn: goal.reviewOn,
    status: goal.status,
  };
  if (goal.measureKind === null) {
    if (goal.targetValue !== null)
      throw invalid(`Goal ${at + 1} has a target but no measurement to judge it by.`, `${field}.targetValue`);
    if (goal.unit !== null)
      throw invalid(`Goal ${at + 1} has a unit but no measurement to judge it by.`, `${field}.unit`);
    return { ...base, measureKind: null, targetValue: null, unit: null };
  }
  if (goal.targetValue !== null && !Number.isFinite(goal.targetValue))
    throw invalid(`Enter goal ${at + 1}'s target as a number.`, `${field}.targetValue`);
  if (goal.measureKind === 'custom') {
    // A custom kind has the practitioner's own unit and no conversion: a target needs that unit.
    const unit = goal.unit?.trim() || null;
    if (goal.targetValue !== null && unit === null)
      throw invalid(`Give goal ${at + 1}'s target a unit.`, `${field}.unit`);
    return { ...base, measureKind: 'custom', targetValue: goal.targetValue, unit };
  }
  const def = kindDef(goal.measureKind);
  const unit = goal.unit ?? def.unit;
  const u = unitDef(def, unit);
  if (!u) {
    const units = def.units.map((x) => x.unit);
    throw invalid(`${def.label} is measured in ${units.join(' or ')}, not "${unit}".`, `${field}.unit`);
  }
  if (goal.targetValue === null) return { ...base, measureKind: goal.measureKind, targetValue: null, unit };
  const value = u.toCanonical(goal.targetValue);
  if (value < def.min || value > def.max)
    throw invalid(
      `A ${def.label.toLowerCase()} target of ${fmt(goal.targetValue)} ${unit} is outside the plausible ${fmt(u.fromCanonical(def.min))}–${fmt(u.fromCanonical(def.max))} ${unit}.`,
      `${field}.targetValue`,
    );
  return { ...base, measureKind: goal.measureKind, targetValue: value, unit };
}

/** The checked row values of an input, or the refusal naming the problem. */
function normalise(raw: VisitInput, today: string, knownGoals: ReadonlySet<string>) {
  const parsed = VisitInputShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'visit';
    throw invalid(issue?.message ?? 'The visit is not valid.', field);
  }
  const input = parsed.data;
  if (input.date > today) throw invalid(`The visit date ${input.date} is after today (${today}).`, 'date');
  if (input.nextFollowUp !== null && input.nextFollowUp < input.date)
    throw invalid(`The next follow-up (${input.nextFollowUp}) is before the visit (${input.date}).`, 'nextFollowUp');
  const seen = new Set<string>();
  const goals = input.goals.map((g, i) => {
    if (g.id !== undefined) {
      if (seen.has(g.id)) throw invalid(`Goal ${i + 1} repeats another goal's id.`, `goals.${i}.id`);
      seen.add(g.id);
    }
    return normaliseGoal(g, i, knownGoals);
  });
  return {
    visitDate: input.date,
    visitType: input.type,
    durationMin: input.durationMin,
    noteJson: JSON.stringify(input.note),
    goalsJson: JSON.stringify(StoredGoals.parse(goals)),
    nextFollowUp: input.nextFollowUp,
    acceptedRecommendationIdsJson: JSON.stringify([...new Set(input.acceptedRecommendationIds)]),
  };
}

export function createVisitsService(db: Db, deps: VisitsDeps): VisitsService {
  const { clients, audit, now, today } = deps;
  const live = (id: string): VisitRow => {
    const row = db
      .select()
      .from(clientVisits)
      .where(and(eq(clientVisits.id, id), isNull(clientVisits.deletedAt)))
      .get();
    if (!row) throw new AppError('not-found', 'This visit no longer exists.');
    return row;
  };
  const rowsOf = (clientId: string, newestFirst: boolean): VisitRow[] => {
    const dir = newestFirst ? desc : asc;
    return db
      .select()
      .from(clientVisits)
      .where(and(eq(clientVisits.clientId, clientId), isNull(clientVisits.deletedAt)))
      .orderBy(dir(clientVisits.visitDate), dir(clientVisits.createdAt), dir(clientVisits.id))
      .all();
  };

  return {
    list(clientId) {
      clients.get(clientId);
      return rowsOf(clientId, true).map(toVisit);
    },

    get(id) {
      return toVisit(live(id));
    },

    goals(clientId) {
      clients.get(clientId);
      return rowsOf(clientId, true).flatMap((row) =>
        StoredGoals.parse(JSON.parse(row.goalsJson)).map((g) => toGoal(g, row.id, row.visitDate)),
      );
    },

    add(input) {
      clients.get(input.clientId);
      const values = normalise(input, today(), new Set());
      const t = now();
      const id = uuidv7();
      db.transaction(() => {
        db.insert(clientVisits)
          .values({ id, clientId: input.clientId, ...values, createdAt: t, updatedAt: t })
          .run();
        audit.record('visit', input.clientId, 'visit-add');
      });
      return toVisit(live(id));
    },

    update(id, input, expectedUpdatedAt) {
      const before = live(id);
      // Opened before a change made elsewhere (another computer, through sync): refused, not overwritten.
      if (expectedUpdatedAt !== undefined && before.updatedAt !== expectedUpdatedAt)
        throw new AppError(
          'conflict',
          'This visit was changed since you opened it (on another computer or in another window). Your changes are not saved: reopen the visit to see the current note, then make them again.',
        );
      if (input.clientId !== before.clientId) throw invalid('A visit cannot be moved to another client.', 'clientId');
      const known = new Set(StoredGoals.parse(JSON.parse(before.goalsJson)).map((g) => g.id));
      const values = normalise(input, today(), known);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientVisits)
          .set({ ...values, updatedAt: t })
          .where(eq(clientVisits.id, id))
          .run();
        audit.record('visit', before.clientId, 'visit-update');
      });
      return toVisit(live(id));
    },

    async snapshot(clientId, date, visitId, acceptedIds) {
      const client = clients.get(clientId);
      const visit = visitId !== undefined ? toVisit(live(visitId)) : null;
      if (visit && visit.clientId !== clientId) throw invalid('That visit is not one of this client’s.', 'visitId');
      // The previous visit: the latest live one before this date (the visit itself aside).
      const previous = rowsOf(clientId, true).find((r) => r.visitDate < date && r.id !== visitId) ?? null;
      const since = previous?.visitDate ?? null;
      const span = intakeSpan(since, date);
      const trends = deps.dashboard.trends(clientId, span.from, span.to);
      const readings = deps.measures.list(clientId);
      // What the editor has ticked when it says; else what was saved with the visit; else nothing (a
      // recommendation accepted at an earlier visit is not this visit's).
      const ids = acceptedIds ?? visit?.acceptedRecommendationIds ?? [];
      const recs = ids.length > 0 ? await deps.recommendations.list(clientId, true) : [];
      const accepted = ids.flatMap((id) => recs.filter((r) => r.id === id));
      return buildSnapshot({ client, date, since, readings, trends, recommendations: accepted });
    },

    overdue() {
      const t = today();
      // Each client's latest live visit (by date, then as recorded), when its follow-up date has passed.
      // Deleted clients are tombstones without a name; archived ones are no longer seen, so neither is listed.
      const rows = deps.sqlite
        .prepare(
          `SELECT v.id AS visitId, v.client_id AS clientId, c.name AS clientName, v.visit_date AS lastVisit,
                  v.next_follow_up AS due
             FROM client_visits v JOIN clients c ON c.id = v.client_id
            WHERE v.deleted_at IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM client_visits w
                 WHERE w.client_id = v.client_id AND w.deleted_at IS NULL AND w.id <> v.id
                   AND (w.visit_date > v.visit_date
                        OR (w.visit_date = v.visit_date AND (w.created_at > v.created_at
                            OR (w.created_at = v.created_at AND w.id > v.id)))))
              AND v.next_follow_up IS NOT NULL AND v.next_follow_up < ?`,
        )
        .all(t) as Omit<OverdueFollowUp, 'daysOverdue'>[];
      return rows
        .map((r) => ({ ...r, daysOverdue: daysBetween(r.due, t) }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue || a.clientName.localeCompare(b.clientName));
    },

    async pdf(req) {
      const printer = deps.printer();
      // The browser starts while the document is built, rather than after.
      void printer.prepare?.();
      const visit = toVisit(live(req.id));
      const client = clients.get(visit.clientId);
      const settings = deps.settings.get();
      const recs =
        visit.acceptedRecommendationIds.length > 0 ? await deps.recommendations.list(visit.clientId, true) : [];
      const recommendations = visit.acceptedRecommendationIds
        .flatMap((id) => recs.filter((r) => r.id === id))
        .map((r) => recommendationLine(r, client.edSensitive));
      const doc = await renderer();
      const model = {
        audience: req.audience,
        recipient: req.recipient ? req.recipient : null,
        practitioner: {
          name: settings.practitionerName,
          credentials: settings.practitionerCredentials,
          contact: settings.practitionerContact,
          logo: settings.practiceLogo || null,
        },
        clientName: client.name,
        edSensitive: client.edSensitive,
        visit,
        recommendations,
      };
      const html = doc.renderVisitHtml(model, { pageSize: req.pageSize });
      const title = doc.visitTitle(model);
      const bytes = await printer.render(html, {
        pageSize: req.pageSize,
        title,
        author: settings.practitionerName || 'BioAI Nutrition',
        subject: `Visit on ${visit.date}`,
        footerLabel: `${client.name} · visit on ${visit.date}`,
      });
      audit.record('visit', visit.clientId, 'visit-export');
      return {
        fileName: visitFileName(client.name, visit.date, req.audience),
        dataBase64: Buffer.from(bytes).toString('base64'),
        pages: await pdfPageCount(bytes),
        bytes: bytes.byteLength,
      };
    },

    remove(id) {
      const before = live(id);
      const t = Math.max(now(), before.updatedAt + 1);
      db.transaction(() => {
        db.update(clientVisits).set({ deletedAt: t, updatedAt: t }).where(eq(clientVisits.id, id)).run();
        audit.record('visit', before.clientId, 'visit-delete');
      });
      return { id };
    },
  };
}
