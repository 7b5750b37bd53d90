import type { Visit } from '@contract/visits.ts';
import type { VisitDraft } from './visit-text.ts';

/** A visit being edited with changes not yet saved: the visit (null: a new one), where it started, and now. */
export interface KeptDraft {
  visit: Visit | null;
  initial: VisitDraft;
  draft: VisitDraft;
}

/*
 * The unsaved visit of each client, kept while the practitioner moves to another tab or screen, so that
 * leaving the editor that way loses nothing (the editor's own "All visits" and Cancel ask first). Held
 * in this window's memory only, and cleared on lock (clearVisitDrafts) like all client data it holds.
 */
const kept = new Map<string, KeptDraft>();

export function keepVisitDraft(clientId: string, draft: KeptDraft): void {
  kept.set(clientId, draft);
}

export function keptVisitDraft(clientId: string): KeptDraft | undefined {
  return kept.get(clientId);
}

export function dropVisitDraft(clientId: string): void {
  kept.delete(clientId);
}

export function clearVisitDrafts(): void {
  kept.clear();
}
