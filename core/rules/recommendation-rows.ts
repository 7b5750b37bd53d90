import { createHash } from 'node:crypto';
import type { Recommendation } from '../contract/rules.ts';

/** Stored recommendations: the row as SQLite gives it, its view for the contract, their order and ids. */

const STATUS_RANK: Record<string, number> = { new: 0, accepted: 1, dismissed: 2, resolved: 3, expired: 4 };
const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3 };

export type Row = {
  id: string;
  client_id: string;
  rule_id: string;
  title: string;
  message: string;
  client_message: string | null;
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

export type OpenRow = Pick<
  Row,
  | 'id'
  | 'rule_id'
  | 'title'
  | 'message'
  | 'client_message'
  | 'confidence'
  | 'suggestions'
  | 'guardrails'
  | 'values'
  | 'expires_at'
>;

export function toView(r: Row): Recommendation {
  return {
    id: r.id,
    clientId: r.client_id,
    ruleId: r.rule_id,
    title: r.title,
    message: r.message,
    clientMessage: r.client_message,
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

/**
 * A recommendation's id, derived from the client, the rule and how many recommendations of that rule
 * the client had before (the episode), as a UUID (version 8, RFC 9562: the bits are this app's own).
 * Two computers of a practice that open the same recommendation while apart make the same row, so
 * sync merges it field by field instead of delivering two copies to be closed afterwards. Where their
 * histories differ (one saw a dismissal the other had not), the ids differ and the older duplicate is
 * closed when they meet, as before.
 */
export function recommendationId(clientId: string, ruleId: string, episode: number): string {
  const h = createHash('sha256').update(`recommendation\0${clientId}\0${ruleId}\0${episode}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80; // version 8
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
