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

/** Open recommendations (in the core's ranked order) and closed ones (dismissed, expired), newest first. */
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
  }
}

/** The notification after "Check now". */
export function evaluateText(result: EvaluateResult): string {
  const created =
    result.created === 0
      ? 'No new recommendations'
      : `${result.created} new ${result.created === 1 ? 'recommendation' : 'recommendations'}`;
  return `${created}; ${result.active} active.`;
}

/** The panel's empty state. */
export const EMPTY_SENTENCE = "No recommendations: nothing in this client's recent log crossed a rule.";
