import type { Client } from '../contract/clients.ts';
import type { NutrientKey } from '../contract/foods.ts';
import type { MealType, PlanSlot, UnmetTarget } from '../contract/plans.ts';
import type { TargetValue } from '../contract/targets.ts';
import type { z } from 'zod';

/**
 * The boundary between the plans service (storage, versions, the contract) and the generator (food
 * pool, hard constraints, the HiGHS model, the greedy baseline). The service gathers what it knows
 * about the client and the plan; the generator answers with entries to add. Nothing here touches the
 * database, so the generator runs in a worker and in the benchmark exactly as in the app.
 */

/** A food the generator may use, counted in servings of `measure`. */
export interface PlanFood {
  foodId: string;
  name: string;
  mealTypes: MealType[];
  measure: { label: string; grams: number };
  /** A main dish (variety: not two days running unless pinned). */
  main: boolean;
  foodGroup: string;
  storeSection: string;
  /** Per 100 g, as in the food database (missing = unknown, counted as 0 and never as meeting a target). */
  per100g: Partial<Record<NutrientKey, number>>;
  /** Allergen groups the food contains (core/foods/allergen-flags.ts). */
  allergens: string[];
  origin: 'curated' | 'practitioner';
}

/** An entry already in the plan that the generator must keep (pinned, or kept by "complete my plan"). */
export interface FixedEntry {
  day: number;
  slot: string;
  foodId: string;
  grams: number;
  per100g: Partial<Record<NutrientKey, number>>;
  main: boolean;
}

export interface GenerateInput {
  client: Pick<Client, 'dietPattern' | 'allergies' | 'edSensitive' | 'lifeStage'>;
  /** The client's targets, as the dashboard judges intake against them (on the plan's start date). */
  targets: TargetValue[];
  /**
   * The targets in force on a day's own date, where that differs from the start (a target change or a
   * new trimester within the plan): each day is planned for the targets it will be judged by.
   */
  targetsByDay?: Record<number, TargetValue[]>;
  slots: PlanSlot[];
  /** The plan's length, and the days to fill (1-based). */
  totalDays: number;
  fillDays: number[];
  /** Slots not to fill on a day, as `${day}:${slot}` (e.g. "complete my plan" keeps filled slots). */
  keepSlots: string[];
  fixed: FixedEntry[];
  /** The practitioner's recipes and custom foods marked plan-ready, besides the curated pool. */
  extraFoods: PlanFood[];
  excludedFoodIds: string[];
  /** Deterministic choices for the same input (ties, the greedy order). */
  seed: number;
  /** Seconds the solver may spend on one day before it keeps its best plan so far. */
  timeLimitPerDay?: number;
}

export interface GeneratedEntry {
  day: number;
  slot: string;
  foodId: string;
  grams: number;
  /** "1 cup cooked (175 g)"-style label from the serving count and the measure. */
  amount: string;
  servings: number;
}

export interface GenerateOutput {
  entries: GeneratedEntry[];
  unmet: z.infer<typeof UnmetTarget>[];
  /** Share of (filled day × judged target) inside its range, 0–1. */
  inRange: number;
  cancelled: boolean;
}

export interface GenerateControl {
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; message: string }) => void;
}
