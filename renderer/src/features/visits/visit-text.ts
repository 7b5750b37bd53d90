import type {
  GOAL_STATUSES,
  NOTE_SECTIONS,
  VISIT_BOUNDS,
  VISIT_TYPES,
  GoalInput,
  GoalStatus,
  NoteFormat,
  Visit,
  VisitInput,
  VisitNote,
  VisitType,
} from '@contract/visits.ts';
import { withoutEnergyFigures } from '../clients/energy-visibility.ts';

// The contract's lists and bounds, copied here because the renderer takes only types from the contract;
// `typeof` keeps each copy identical to the contract's (a difference does not compile).
export const VISIT_TYPE_LIST: typeof VISIT_TYPES = ['first', 'follow-up', 'phone'];
export const GOAL_STATUS_LIST: typeof GOAL_STATUSES = ['open', 'met', 'partly-met', 'not-met', 'dropped'];
export const NOTE_SECTION_KEYS: typeof NOTE_SECTIONS = {
  adime: ['assessment', 'diagnosis', 'intervention', 'monitoring'],
  soap: ['subjective', 'objective', 'assessment', 'plan'],
};
export const BOUNDS: typeof VISIT_BOUNDS = { section: 20_000, goalText: 500, goals: 20, durationMin: 600 };

export const VISIT_TYPE_LABELS: Record<VisitType, string> = {
  first: 'First consultation',
  'follow-up': 'Follow-up',
  phone: 'Phone call',
};

export const NOTE_FORMAT_LABELS: Record<NoteFormat, string> = { adime: 'ADIME', soap: 'SOAP' };

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  open: 'Open',
  met: 'Met',
  'partly-met': 'Partly met',
  'not-met': 'Not met',
  dropped: 'Dropped',
};

/** A section of either format, by its key in the note. */
export type SectionKey = (typeof NOTE_SECTIONS)[NoteFormat][number];

/**
 * The headings and hints of the note's sections. ADIME follows the Nutrition Care Process (Academy of
 * Nutrition and Dietetics, eNCPT): its diagnosis is written as a PES statement, "[problem] related to
 * [etiology] as evidenced by [signs and symptoms]". SOAP is the general clinical note.
 */
export const SECTION_INFO: Record<NoteFormat, Record<string, { label: string; hint: string }>> = {
  adime: {
    assessment: {
      label: 'Assessment',
      hint: 'Food and nutrition history, measurements, biochemical data, client history.',
    },
    diagnosis: {
      label: 'Nutrition diagnosis',
      hint: 'A PES statement: the Problem, related to the Etiology, as evidenced by the Signs and symptoms.',
    },
    intervention: { label: 'Intervention', hint: 'What was agreed: education, counselling, meal plan, referrals.' },
    monitoring: {
      label: 'Monitoring & evaluation',
      hint: 'What will be measured at the next visit and against which criteria.',
    },
  },
  soap: {
    subjective: { label: 'Subjective', hint: 'What the client reports: history, intake, symptoms, concerns.' },
    objective: { label: 'Objective', hint: 'Measurements, lab values, observed intake.' },
    assessment: { label: 'Assessment', hint: 'Your interpretation of the subjective and objective findings.' },
    plan: { label: 'Plan', hint: 'What was agreed, education given, the next follow-up.' },
  },
};

/** The section the snapshot goes into: ADIME's Assessment, SOAP's Objective. */
export const SNAPSHOT_SECTION: Record<NoteFormat, SectionKey> = { adime: 'assessment', soap: 'objective' };

export function sectionsOf(format: NoteFormat): readonly SectionKey[] {
  return NOTE_SECTION_KEYS[format];
}

/** An empty note of the format. */
export function emptyNote(format: NoteFormat): VisitNote {
  return format === 'adime'
    ? { format, assessment: '', diagnosis: '', intervention: '', monitoring: '' }
    : { format, subjective: '', objective: '', assessment: '', plan: '' };
}

export function sectionText(note: VisitNote, key: SectionKey): string {
  return (note as Record<string, string>)[key] ?? '';
}

export function withSection(note: VisitNote, key: SectionKey, text: string): VisitNote {
  return { ...note, [key]: text } as VisitNote;
}

/** `text` added to a section's end, after a blank line when the section already has text. */
export function appendToSection(note: VisitNote, key: SectionKey, text: string): VisitNote {
  const current = sectionText(note, key).replace(/\s+$/, '');
  return withSection(note, key, current ? `${current}\n\n${text}` : text);
}

/**
 * The first line of the note with text, for the visit list (at most `max` characters); energy figures
 * are left out for a client whose views hide energy.
 */
export function firstLine(note: VisitNote, hideEnergy: boolean, max = 90): string {
  for (const key of sectionsOf(note.format)) {
    const line = sectionText(note, key)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    if (line) {
      const shown = hideEnergy ? withoutEnergyFigures(line) : line;
      return shown.length > max ? `${shown.slice(0, max - 1).trimEnd()}…` : shown;
    }
  }
  return '';
}

/** "45 min", or "—" without a duration. */
export function durationText(minutes: number | null): string {
  return minutes === null ? '—' : `${minutes} min`;
}

/** A goal as the form holds it: numbers as typed (Mantine's NumberInput gives '' when empty). */
export interface GoalDraft {
  key: string;
  id?: string;
  text: string;
  measureKind: string | null;
  targetValue: number | string;
  unit: string | null;
  reviewOn: string;
  status: GoalStatus;
}

/** Everything the visit form holds. */
export interface VisitDraft {
  date: string;
  type: VisitType;
  durationMin: number | string;
  note: VisitNote;
  goals: GoalDraft[];
  nextFollowUp: string;
  acceptedRecommendationIds: string[];
}

let nextGoalKey = 1;
export const newGoalKey = (): string => `goal-${nextGoalKey++}`;

export function newVisitDraft(format: NoteFormat, today: string): VisitDraft {
  return {
    date: today,
    type: 'follow-up',
    durationMin: '',
    note: emptyNote(format),
    goals: [],
    nextFollowUp: '',
    acceptedRecommendationIds: [],
  };
}

export function emptyGoal(): GoalDraft {
  return { key: newGoalKey(), text: '', measureKind: null, targetValue: '', unit: null, reviewOn: '', status: 'open' };
}

/** A saved visit as the form's draft; its goals keep their ids (and the targets as entered). */
export function draftOf(visit: Visit): VisitDraft {
  return {
    date: visit.date,
    type: visit.type,
    durationMin: visit.durationMin ?? '',
    note: visit.note,
    goals: visit.goals.map((g) => ({
      key: newGoalKey(),
      id: g.id,
      text: g.text,
      measureKind: g.measureKind,
      targetValue: g.enteredTargetValue ?? '',
      unit: g.unit,
      reviewOn: g.reviewOn ?? '',
      status: g.status,
    })),
    nextFollowUp: visit.nextFollowUp ?? '',
    acceptedRecommendationIds: visit.acceptedRecommendationIds,
  };
}

/** A typed number, or null when the field is empty. A text that is not a number is sent as NaN for the core to refuse. */
function numberOrNull(value: number | string): number | null {
  if (typeof value === 'number') return value;
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** What the form sends: empty fields as null, a goal's unit only with its measure. */
export function inputOf(clientId: string, draft: VisitDraft): VisitInput {
  const goals: GoalInput[] = draft.goals.map((g) => ({
    ...(g.id ? { id: g.id } : {}),
    text: g.text,
    measureKind: (g.measureKind ?? null) as GoalInput['measureKind'],
    targetValue: g.measureKind ? numberOrNull(g.targetValue) : null,
    unit: g.measureKind ? g.unit : null,
    reviewOn: g.reviewOn || null,
    status: g.status,
  }));
  return {
    clientId,
    date: draft.date,
    type: draft.type,
    durationMin: numberOrNull(draft.durationMin),
    note: draft.note,
    goals,
    nextFollowUp: draft.nextFollowUp || null,
    acceptedRecommendationIds: draft.acceptedRecommendationIds,
  };
}

/** Whether two drafts say the same (goal keys, which only the form uses, aside). */
export function sameDraft(a: VisitDraft, b: VisitDraft): boolean {
  const plain = (d: VisitDraft): string =>
    JSON.stringify({
      ...d,
      goals: d.goals.map(({ key: _key, ...g }) => ({ ...g, targetValue: String(g.targetValue) })),
    });
  return plain(a) === plain(b);
}

/** The form's fields that show the core's messages beside them ('goals.0.text', 'note.assessment' …). */
export function isShownField(key: string): boolean {
  return /^(date|type|durationMin|nextFollowUp|note\.\w+|goals(\.\d+\.(text|measureKind|targetValue|unit|reviewOn|status))?)$/.test(
    key,
  );
}

/** "3 goals", "1 goal", "—". */
export function goalCountText(count: number): string {
  if (count === 0) return '—';
  return `${count} ${count === 1 ? 'goal' : 'goals'}`;
}

/** "1 day overdue", "12 days overdue". */
export function overdueText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'} overdue`;
}

/** Visits newest first (by date, then by when they were recorded). */
export function newestFirst(visits: readonly Visit[]): Visit[] {
  return [...visits].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
}

/**
 * The form's own problems before sending: a number field holding something that is not a number (JSON
 * would carry it as null, i.e. as an empty field, so the core could not refuse it).
 */
export function localProblems(input: VisitInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (Number.isNaN(input.durationMin)) out.durationMin = 'Enter the duration in minutes.';
  input.goals?.forEach((g, i) => {
    if (Number.isNaN(g.targetValue)) out[`goals.${i}.targetValue`] = 'Enter the target as a number.';
  });
  return out;
}
