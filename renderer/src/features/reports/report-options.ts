import { addDays, daysInclusive, isIsoDate, RANGE_PRESETS, type RangePreset } from '../../lib/dates.ts';
import { REPORT_SECTION_LABELS, type PageSize, type ReportSection, type ReportVariant } from '../../lib/labels.ts';

/**
 * The report builder's pure parts: sections, date presets, request checks and the saved file's
 * name. DOM-free, unit-tested in Node.
 */

/** Every section, in the order the report prints them (the labels' key order). */
export const REPORT_SECTION_ORDER: readonly ReportSection[] = Object.keys(REPORT_SECTION_LABELS).filter(
  (k): k is ReportSection => Object.hasOwn(REPORT_SECTION_LABELS, k),
);

export const REPORT_PRESETS: readonly RangePreset[] = RANGE_PRESETS;

export function sectionLabel(section: ReportSection): string {
  return REPORT_SECTION_LABELS[section];
}

/** Chosen section names (in any order, unknown ones dropped) in the report's order. */
export function orderSections(values: readonly string[]): ReportSection[] {
  return REPORT_SECTION_ORDER.filter((s) => values.includes(s));
}

/** The last `days` days up to and including `today`. */
export function reportPresetRange(days: RangePreset, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The preset a range matches (ending today), or null for any other range. */
export function matchReportPreset(from: string, to: string, today: string): RangePreset | null {
  if (to !== today) return null;
  return REPORT_PRESETS.find((p) => reportPresetRange(p, today).from === from) ?? null;
}

export interface ReportDraft {
  clientId: string | null;
  from: string;
  to: string;
  sections: readonly ReportSection[];
  pageSize: PageSize;
  /** The client's copy (accepted recommendations in their words) or the practitioner's case report. */
  variant: ReportVariant;
}

/**
 * The sections a variant starts with: everything, except that the client's copy leaves the
 * practitioner's notes out (they are printed only when ticked).
 */
export function defaultSections(variant: ReportVariant): ReportSection[] {
  return REPORT_SECTION_ORDER.filter((s) => variant === 'practitioner' || s !== 'notes');
}

/** Switching variant: the notes follow the new variant's default; the other sections stay as chosen. */
export function withVariant(draft: ReportDraft, variant: ReportVariant): ReportDraft {
  const others = draft.sections.filter((s) => s !== 'notes');
  return { ...draft, variant, sections: orderSections(variant === 'practitioner' ? [...others, 'notes'] : others) };
}

export type ReportProblems = Partial<Record<'clientId' | 'from' | 'to' | 'sections', string>>;

/** Problems to show beside the fields before anything is sent (empty when the draft can be sent). */
export function reportProblems(draft: ReportDraft): ReportProblems {
  const problems: ReportProblems = {};
  if (!draft.clientId) problems.clientId = 'Choose a client.';
  if (!isIsoDate(draft.from)) problems.from = 'Enter a start date.';
  if (!isIsoDate(draft.to)) problems.to = 'Enter an end date.';
  if (!problems.from && !problems.to && daysInclusive(draft.from, draft.to) === 0) {
    problems.from = 'The start date is after the end date.';
  }
  if (draft.sections.length === 0) problems.sections = 'Choose at least one section.';
  return problems;
}

/** A stable key for a request, so the page can tell when the preview no longer matches the form. */
export function draftKey(draft: ReportDraft): string {
  return JSON.stringify([draft.clientId, draft.from, draft.to, [...draft.sections], draft.pageSize, draft.variant]);
}

/** How wide the preview frame is for a page size (the page itself, plus room for a scroll bar). */
export const PAGE_WIDTHS: Record<PageSize, string> = { A4: '210mm', Letter: '8.5in' };

const UNSAFE = /[\\/:*?"<>|]+/g;

/** Control characters (below U+0020) become spaces; written as a loop (a regex range trips the linter). */
function withoutControls(text: string): string {
  return Array.from(text, (c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
}

/**
 * A safe file name for the download: path separators and characters Windows refuses become '-',
 * runs of dashes and spaces are tidied, and the name ends in ".pdf". An empty name becomes
 * "report-<from>-to-<to>.pdf" (or "report.pdf").
 */
export function pdfFileName(name: string, fallback?: { from: string; to: string }): string {
  const base = withoutControls(name)
    .replace(/\s*:\s+/g, ' - ')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
    .replace(/^[.\- ]+|[.\- ]+$/g, '')
    .replace(/\.pdf$/i, '')
    .replace(/[.\- ]+$/g, '');
  if (base) return `${base.slice(0, 150)}.pdf`;
  return fallback ? `report-${fallback.from}-to-${fallback.to}.pdf` : 'report.pdf';
}

/** "Saved Report.pdf (3 pages, 240 KB)." */
export function exportedSentence(fileName: string, pages: number, size: string): string {
  return `Saved ${fileName} (${pages} ${pages === 1 ? 'page' : 'pages'}, ${size}).`;
}
