import type { GeneratedEntry, GenerateInput, GenerateOutput } from '../generator-api.ts';

type Unmet = GenerateOutput['unmet'][number];

export type ToPlanWorker =
  | { type: 'generate'; input: GenerateInput; poolFile?: string | undefined }
  | { type: 'warm'; poolFile?: string | undefined };
export type FromPlanWorker =
  | { type: 'day'; day: number; entries: GeneratedEntry[]; ok: number; judged: number; done: number; total: number }
  | { type: 'done'; unmet: Unmet[]; inRange: number }
  | { type: 'warm' }
  | { type: 'error'; message: string };
