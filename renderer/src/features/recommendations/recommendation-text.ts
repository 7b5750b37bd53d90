import type { Recommendation, RecommendationStatus, EvaluateResult } from '../../lib/rule-types.ts';

/** "Confidence 70 %": the core's 0–1 confidence, clamped and rounded. */
export function confidenceText(confidence: number): string {
  const clamped = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  return `Confidence ${Math.round(clamped * 100)} %`;
}

/** "1 of 3": the card's place in the core's ranking, for screen readers. */
export function rankText(index: number, total: number): string {
  return `${index + 1} of ${total}`;
}

const OPEN: ReadonlySet<RecommendationStatus> = new Set(['new', 'accepted']);

export function isOpen(rec: Recommendation): boolean {
  return OPEN.has(rec.status);
}

/** Open recommendations (in the core's ranked order) and closed ones (dismissed, expired, resolved), newest first. */
export function splitRecommendations(list: readonly Recommendation[]): {
  open: Recommendation[];
  closed: Recommendation[];
} {
  const open = list.filter(isOpen);
  const closed = list.filter((r) => !isOpen(r)).sort((a, b) => b.updatedAt - a.updatedAt);
  return { open, closed };
}

/** "Dismissed: not relevant now", "Expired", "Accepted". */
export function statusText(rec: Recommendation): string {
  switch (rec.status) {
    case 'new':
      return 'New';
    case 'accepted':
      return 'Accepted';
    case 'dismissed':
      return rec.dismissReason ? `Dismissed: ${rec.dismissReason}` : 'Dismissed';
    case 'expired':
      return 'Expired';
    case 'resolved':
      return 'Resolved by new data';
  }
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The notification after "Check now": what changed, by name. "1 new: Sodium above your target.
 * 1 resolved by new data: Fewer than 4 days logged this week. 2 updated with today's numbers. 3 active."
 */
export function evaluateText(result: EvaluateResult): string {
  const named = (kind: 'new' | 'resolved'): string =>
    result.changes
      .filter((c) => c.kind === kind)
      .map((c) => c.title)
      .join('; ');
  const parts: string[] = [];
  if (result.created > 0) parts.push(`${result.created} new: ${named('new')}.`);
  if (result.resolved > 0) parts.push(`${result.resolved} resolved by new data: ${named('resolved')}.`);
  if (result.updated > 0)
    parts.push(`${plural(result.updated, 'recommendation', 'recommendations')} updated with the current numbers.`);
  if (parts.length === 0) parts.push('Nothing changed: the recommendations shown already match the current data.');
  parts.push(`${result.active} active.`);
  return parts.join(' ');
}

/** The panel's empty state. */
export const EMPTY_SENTENCE = "No recommendations: nothing in this client's recent log crossed a rule.";
