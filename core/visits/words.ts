import type { Visit } from '../contract/visits.ts';

/** Visit words shared by the PDF and the command line (kept apart from the PDF's React renderer). */

/** The printed heading of each note section (ADIME after the Nutrition Care Process's step names). */
export const SECTION_HEADINGS: Record<string, string> = {
  assessment: 'Assessment',
  diagnosis: 'Nutrition diagnosis',
  intervention: 'Intervention',
  monitoring: 'Monitoring and evaluation',
  subjective: 'Subjective',
  objective: 'Objective',
  plan: 'Plan',
};

export const VISIT_TYPE_WORDS: Record<Visit['type'], string> = {
  first: 'First visit',
  'follow-up': 'Follow-up visit',
  phone: 'Phone consultation',
};
