import { createElement as h, type ReactElement } from 'react';
import type { Visit, VisitSnapshot } from '../contract/visits.ts';
import { NOTE_SECTIONS } from '../contract/visits.ts';
import type { PageSize } from '../reports/pdf.ts';
import { printDocument, type Practitioner } from '../reports/print-document.ts';
import { BODY_SIZE_KINDS } from '../reports/report-model.ts';
import { stripBodyAndEnergyForEdSensitive, stripNumbersForEdSensitive } from '../rules/guardrails.ts';
import { kindDef } from '../measures/kinds.ts';
import { SECTION_HEADINGS, VISIT_TYPE_WORDS } from './words.ts';

/**
 * One visit printed: the practice's branding (the reports' frame, core/reports/print-document.ts, so
 * the same self-contained page and the same no-fetch policy), who and when, the note under its
 * format's headings, the goals with their review dates, the recommendations accepted and the next
 * follow-up. The client's copy speaks to the client; the doctor's is a letter about the client. For an
 * eating-disorder-sensitive client no energy figure is printed in either (typed text is cleaned as
 * the reports clean notes).
 */

export type VisitAudience = 'client' | 'doctor';

export interface VisitDocumentModel {
  audience: VisitAudience;
  /** The doctor's letter's addressee ("Dr Lee"); null: the referring clinician. */
  recipient: string | null;
  practitioner: Practitioner;
  clientName: string;
  edSensitive: boolean;
  visit: Visit;
  recommendations: VisitSnapshot['recommendations'];
}

const STATUS_WORDS: Record<string, string> = {
  open: '',
  met: 'met',
  'partly-met': 'partly met',
  'not-met': 'not met',
  dropped: 'no longer pursued',
};

/** The document's title (also the PDF's title and the heading on the page). */
export function visitTitle(m: Pick<VisitDocumentModel, 'audience' | 'recipient'>): string {
  if (m.audience === 'client') return 'Summary of your visit';
  return m.recipient ? `Visit summary for ${m.recipient}` : 'Visit summary for the referring clinician';
}

const num = (x: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(x);

/**
 * What an eating-disorder-sensitive client's text loses: energy figures in every copy, and weight and
 * body-size figures in the client's own copy too (the doctor's letter keeps them: they are clinical
 * information the referring doctor needs).
 */
function clean(m: VisitDocumentModel, text: string): string {
  if (!m.edSensitive) return text;
  return m.audience === 'client' ? stripBodyAndEnergyForEdSensitive(text) : stripNumbersForEdSensitive(text);
}

const bodyHidden = (m: VisitDocumentModel, kind: Visit['goals'][number]['measureKind']): boolean =>
  m.edSensitive && m.audience === 'client' && kind !== null && (BODY_SIZE_KINDS as ReadonlySet<string>).has(kind);

function goalLine(m: VisitDocumentModel, g: Visit['goals'][number]): string {
  const parts = [clean(m, g.text)];
  if (g.measureKind !== null && g.enteredTargetValue !== null && !bodyHidden(m, g.measureKind)) {
    const label = g.measureKind === 'custom' ? 'Target' : kindDef(g.measureKind).label;
    parts.push(`(${label} ${num(g.enteredTargetValue)}${g.unit ? ` ${g.unit}` : ''})`);
  }
  if (g.reviewOn) parts.push(`— review by ${g.reviewOn}`);
  const status = STATUS_WORDS[g.status];
  if (status) parts.push(`— ${status}`);
  return parts.join(' ');
}

function noteSections(m: VisitDocumentModel): ReactElement[] {
  const note = m.visit.note as Record<string, string>;
  return NOTE_SECTIONS[m.visit.note.format]
    .filter((key) => (note[key] ?? '').trim() !== '')
    .map((key) => {
      const text = note[key] ?? '';
      return h(
        'section',
        { key },
        h('h2', null, SECTION_HEADINGS[key] ?? key),
        h('p', { className: 'notes' }, clean(m, text)),
      );
    });
}

export function renderVisitHtml(m: VisitDocumentModel, opts: { pageSize: PageSize }): string {
  const v = m.visit;
  const when = `${VISIT_TYPE_WORDS[v.type]} on ${v.date}${v.durationMin !== null ? ` (${v.durationMin} minutes)` : ''}`;
  const intro =
    m.audience === 'client'
      ? `For ${m.clientName} · ${when}`
      : `Re: ${m.clientName} · ${when}. The notes below are from the nutrition consultation.`;
  const goals = v.goals.filter((g) => g.status !== 'dropped' || m.audience === 'doctor');
  return printDocument({
    title: visitTitle(m),
    practitioner: m.practitioner,
    pageSize: opts.pageSize,
    body: [
      h('h1', { key: 'title' }, visitTitle(m)),
      h('p', { key: 'intro', className: 'muted' }, intro),
      ...noteSections(m),
      goals.length > 0
        ? h(
            'section',
            { key: 'goals' },
            h('h2', null, m.audience === 'client' ? 'Your goals' : 'Goals agreed'),
            h('ul', null, ...goals.map((g) => h('li', { key: g.id }, goalLine(m, g)))),
          )
        : null,
      m.recommendations.length > 0
        ? h(
            'section',
            { key: 'recs' },
            h('h2', null, m.audience === 'client' ? 'What we agreed' : 'Recommendations accepted'),
            h(
              'ul',
              null,
              ...m.recommendations.map((r) => h('li', { key: r.id }, r.text ? `${r.title}: ${r.text}` : r.title)),
            ),
          )
        : null,
      h(
        'section',
        { key: 'next' },
        h('h2', null, m.audience === 'client' ? 'Your next appointment' : 'Next follow-up'),
        h('p', null, v.nextFollowUp ?? (m.audience === 'client' ? 'To be arranged.' : 'None planned.')),
      ),
    ],
  });
}
