import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { MeasureKind } from './measures.ts';
import { Empty, method } from './rpc.ts';

/**
 * Visits: what happened at each consultation (structured notes in the Nutrition Care Process's ADIME
 * format or in SOAP), the goals agreed there with a measure and a review date, and when the client is
 * next due. The snapshot a note can pull in (measurements since the last visit, intake summary, the
 * recommendations accepted at this visit) is computed from the current data when asked for and copied
 * into the note as text by the practitioner; the stored visit keeps only what was written.
 */

export const VISIT_TYPES = ['first', 'follow-up', 'phone'] as const;
export const VisitType = z.enum(VISIT_TYPES, { message: 'Choose the kind of visit.' });
export type VisitType = z.infer<typeof VisitType>;

export const NOTE_FORMATS = ['adime', 'soap'] as const;
export const NoteFormat = z.enum(NOTE_FORMATS, { message: 'Choose ADIME or SOAP.' });
export type NoteFormat = z.infer<typeof NoteFormat>;

/** The sections of each note format, in the order they are written and printed. */
export const NOTE_SECTIONS = {
  adime: ['assessment', 'diagnosis', 'intervention', 'monitoring'],
  soap: ['subjective', 'objective', 'assessment', 'plan'],
} as const satisfies Record<NoteFormat, readonly string[]>;

/** The most characters of a note section, a goal's text, and of goals per visit. */
export const VISIT_BOUNDS = { section: 20_000, goalText: 500, goals: 20, durationMin: 600 } as const;

const sectionText = z
  .string()
  .max(VISIT_BOUNDS.section, { message: `A note section is at most ${VISIT_BOUNDS.section} characters.` })
  .default('');

export const AdimeNote = z
  .object({
    format: z.literal('adime'),
    assessment: sectionText,
    /** The practitioner's own PES statement (problem, etiology, signs and symptoms). */
    diagnosis: sectionText,
    intervention: sectionText,
    monitoring: sectionText,
  })
  .strict();
export const SoapNote = z
  .object({
    format: z.literal('soap'),
    subjective: sectionText,
    objective: sectionText,
    assessment: sectionText,
    plan: sectionText,
  })
  .strict();
export const VisitNote = z.discriminatedUnion('format', [AdimeNote, SoapNote]);
export type VisitNote = z.infer<typeof VisitNote>;

export const GOAL_STATUSES = ['open', 'met', 'partly-met', 'not-met', 'dropped'] as const;
export const GoalStatus = z.enum(GOAL_STATUSES, { message: 'Choose the goal status.' });
export type GoalStatus = z.infer<typeof GoalStatus>;

export const GoalInput = z
  .object({
    /** Kept when a visit is edited, so a goal's identity (and the chart's goal line) survives. */
    id: Id.optional(),
    text: z
      .string()
      .trim()
      .min(1, { message: 'Describe the goal.' })
      .max(VISIT_BOUNDS.goalText, { message: `A goal is at most ${VISIT_BOUNDS.goalText} characters.` }),
    /** The measure it is judged by, when it is a measurement ("weight 68 kg by 1 March"); null otherwise. */
    measureKind: MeasureKind.nullable().default(null),
    /** The target in `unit` (one of the kind's units; the canonical one when omitted). */
    targetValue: z.number({ message: 'Enter the target as a number.' }).nullable().default(null),
    unit: z.string().trim().max(20).nullable().default(null),
    reviewOn: IsoDate.nullable().default(null),
    status: GoalStatus.default('open'),
  })
  .strict();
export type GoalInput = z.input<typeof GoalInput>;

export const Goal = z.object({
  id: Id,
  visitId: Id,
  /** The date of the visit the goal was agreed at. */
  visitDate: IsoDate,
  text: z.string(),
  measureKind: MeasureKind.nullable(),
  /** The target in the kind's canonical unit (kg, mmol/L …), for charts; null without a measure. */
  targetValue: z.number().nullable(),
  /** As entered. */
  unit: z.string().nullable(),
  enteredTargetValue: z.number().nullable(),
  reviewOn: IsoDate.nullable(),
  status: GoalStatus,
});
export type Goal = z.infer<typeof Goal>;

export const VisitInput = z
  .object({
    clientId: Id,
    date: IsoDate,
    type: VisitType,
    durationMin: z
      .number({ message: 'Enter the duration in minutes.' })
      .int({ message: 'Enter whole minutes.' })
      .min(0, { message: 'The duration cannot be negative.' })
      .max(VISIT_BOUNDS.durationMin, { message: `At most ${VISIT_BOUNDS.durationMin} minutes.` })
      .nullable()
      .default(null),
    note: VisitNote,
    goals: z
      .array(GoalInput)
      .max(VISIT_BOUNDS.goals, { message: `At most ${VISIT_BOUNDS.goals} goals per visit.` })
      .default([]),
    /** The next follow-up; must be on or after the visit's date. */
    nextFollowUp: IsoDate.nullable().default(null),
    /** Recommendations accepted at this visit (their ids), listed in the snapshot and the visit PDF. */
    acceptedRecommendationIds: z.array(Id).max(200).default([]),
  })
  .strict();
export type VisitInput = z.input<typeof VisitInput>;

export const Visit = z.object({
  id: Id,
  clientId: Id,
  date: IsoDate,
  type: VisitType,
  durationMin: z.number().nullable(),
  note: VisitNote,
  goals: z.array(Goal),
  nextFollowUp: IsoDate.nullable(),
  acceptedRecommendationIds: z.array(Id),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Visit = z.infer<typeof Visit>;

/** What a note can pull in, computed from the current data (nothing of it is stored by itself). */
export const VisitSnapshot = z.object({
  clientId: Id,
  /** The visit's date and the previous visit's (null at the first visit). */
  date: IsoDate,
  since: IsoDate.nullable(),
  /** The latest reading of each kind measured in (since, date], with its change from the reading before. */
  measurements: z.array(
    z.object({
      kind: MeasureKind,
      label: z.string(),
      /** "72.4 kg", "128/82 mmHg", as entered. */
      text: z.string(),
      date: IsoDate,
      /** "−1.6 kg since 12 Oct", or null when there is no earlier reading. */
      change: z.string().nullable(),
    }),
  ),
  /** Mean daily intake over the logged days of (since, date] (or the 14 days before the visit). */
  intake: z.object({
    from: IsoDate,
    to: IsoDate,
    daysLogged: z.number(),
    /** Lines such as "Energy 1,840 kcal/day (target 2,000)"; without energy for an ED-sensitive client. */
    lines: z.array(z.string()),
  }),
  /** The recommendations accepted at this visit, in the client's words. */
  recommendations: z.array(z.object({ id: Id, title: z.string(), text: z.string() })),
  /** The whole snapshot as plain text, ready to paste into a section of the note. */
  text: z.string(),
});
export type VisitSnapshot = z.infer<typeof VisitSnapshot>;

export const OverdueFollowUp = z.object({
  clientId: Id,
  clientName: z.string(),
  visitId: Id,
  lastVisit: IsoDate,
  due: IsoDate,
  daysOverdue: z.number(),
});
export type OverdueFollowUp = z.infer<typeof OverdueFollowUp>;

export const VisitPdfRequest = z
  .object({
    id: Id,
    /** 'client': the summary the client takes home; 'doctor': a letter to a referring doctor. */
    audience: z.enum(['client', 'doctor']).default('client'),
    /** The doctor's letter is addressed to them ("Dr Lee"); without it, to the referring clinician. */
    recipient: z.string().trim().max(200, { message: 'At most 200 characters.' }).optional(),
    pageSize: z.enum(['A4', 'Letter']).default('A4'),
  })
  .strict();

export const visitsMethods = {
  'visits.list': method(z.object({ clientId: Id }).strict(), z.array(Visit)),
  'visits.get': method(z.object({ id: Id }).strict(), Visit),
  'visits.add': method(VisitInput, Visit),
  /**
   * `expectedUpdatedAt`: the visit's updatedAt when the editor opened it; a visit changed since (on
   * another computer, by a sync) is refused with 'conflict' rather than overwritten.
   */
  'visits.update': method(
    z.object({ id: Id, visit: VisitInput, expectedUpdatedAt: z.number().int().nonnegative().optional() }).strict(),
    Visit,
  ),
  'visits.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id })),
  /** Every goal of the client's visits, newest visit first (the charts draw goal lines from these). */
  'visits.goals': method(z.object({ clientId: Id }).strict(), z.array(Goal)),
  /**
   * The snapshot for a visit on `date`. Its recommendations: those of `acceptedRecommendationIds` when
   * given (what the editor has ticked), else those saved with visit `visitId`, else none.
   */
  'visits.snapshot': method(
    z
      .object({
        clientId: Id,
        date: IsoDate,
        visitId: Id.optional(),
        acceptedRecommendationIds: z.array(Id).max(200).optional(),
      })
      .strict(),
    VisitSnapshot,
  ),
  /** Clients whose latest visit's next follow-up is before today and who have had no visit since. */
  'visits.overdue': method(Empty, z.array(OverdueFollowUp)),
  /** One visit as a PDF (client-facing wording), rendered by Chromium on this machine. */
  'visits.pdf': method(
    VisitPdfRequest,
    z.object({ fileName: z.string(), dataBase64: z.string(), pages: z.number(), bytes: z.number() }),
  ),
} as const;
