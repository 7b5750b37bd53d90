import { AppError } from '../contract/errors.ts';
import type { SwapOption } from '../contract/plans.ts';
import type { z } from 'zod';
import type { GenerateControl, GenerateInput, GenerateOutput, PlanFood } from './generator-api.ts';

/**
 * What the plans service needs of a meal-plan generator (the solver, its food pool and the swap
 * ranking). The service gathers the client, the targets and the plan into a GenerateInput and stores
 * what comes back; the generator never touches the database.
 */
export interface PlanGenerator {
  generate(input: GenerateInput, control: GenerateControl): Promise<GenerateOutput>;
  /** The plan-ready foods (curated, plus the practitioner's plan-ready recipes and custom foods). */
  pool(): PlanFood[];
  /** Foods that could stand in for one entry of a day, closest first. */
  swapOptions(input: {
    entry: { day: number; slot: string; foodId: string; grams: number };
    day: GenerateInput;
    limit: number;
  }): z.infer<typeof SwapOption>[];
}

/** The answer of the plan methods that need a generator while none is installed. */
export function generatorUnavailable(what: string): AppError {
  return new AppError(
    'unavailable',
    `${what} is not available in this version: the meal-plan generator is not installed. Plans can still be made and edited by hand.`,
  );
}
