import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { method } from './rpc.ts';

export const REPORT_SECTIONS = [
  'summary',
  'measurements',
  'intake',
  'trends',
  'macros',
  'activity-sleep',
  'photos',
  'recommendations',
  'notes',
  'disclaimer',
] as const;
export const ReportSection = z.enum(REPORT_SECTIONS);

export const REPORT_VARIANTS = ['client', 'practitioner'] as const;
export type ReportVariant = (typeof REPORT_VARIANTS)[number];
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportRequest = z
  .object({
    clientId: Id,
    from: IsoDate,
    to: IsoDate,
    sections: z
      .array(ReportSection)
      .min(1, { message: 'Choose at least one section.' })
      .default([...REPORT_SECTIONS]),
    pageSize: z.enum(['A4', 'Letter']).default('A4'),
    /**
     * 'client' (default): what the client takes home: accepted recommendations in the client's words,
     * no practitioner notes unless asked for, no practitioner-only terms. 'practitioner': the case
     * report with everything (open recommendations with rationale and values, notes).
     */
    variant: z.enum(REPORT_VARIANTS).default('client'),
    /** Print the practitioner's notes about the client (default: only in the practitioner variant). */
    includeNotes: z.boolean().optional(),
  })
  .refine((r) => r.from <= r.to, { message: 'The start date is after the end date.', path: ['from'] });
export type ReportRequest = z.infer<typeof ReportRequest>;

export const ReportPreview = z.object({ title: z.string(), html: z.string() });
export const ReportFile = z.object({
  fileName: z.string(),
  dataBase64: z.string(),
  pages: z.number(),
  bytes: z.number(),
});

export const reportsMethods = {
  /** The report as self-contained HTML (no network), for the preview. */
  'reports.preview': method(ReportRequest, ReportPreview),
  /** The report as a PDF, rendered by Chromium on this machine. */
  'reports.export': method(ReportRequest, ReportFile),
} as const;
