import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { FoodId, NutrientAmounts } from './foods.ts';
import { LocalTime, NutrientStatus } from './log.ts';
import { Empty, method } from './rpc.ts';
import { TargetKey } from './targets.ts';

/**
 * Meal plans: a client's plan of 1–28 days, each day split into meal slots, each slot holding entries
 * (foods, custom foods, recipes) in household measures or grams. A slot may offer "or" alternatives:
 * an entry whose `altOf` names the entry it replaces; totals count the main entries, and each
 * alternative shows its own totals. A plan is edited as a draft; sending it freezes that version, and
 * editing a sent plan starts a new draft version (the sent one is kept as sent).
 */

export const MAX_PLAN_DAYS = 28;
export const PlanDay = z
  .number({ message: 'Choose a day of the plan.' })
  .int({ message: 'Choose a day of the plan.' })
  .min(1, { message: 'Plan days start at 1.' })
  .max(MAX_PLAN_DAYS, { message: `A plan has at most ${MAX_PLAN_DAYS} days.` });

/** A slot key: lower-case words joined by dashes ("breakfast", "mid-morning-snack"). */
export const SlotKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,29}$/, { message: 'A meal slot key is lower-case letters, digits and dashes.' });

export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
export const MealType = z.enum(MEAL_TYPES, { message: 'Choose breakfast, lunch, dinner or snack.' });
export type MealType = z.infer<typeof MealType>;

export const PlanSlot = z.object({
  key: SlotKey,
  label: z.string().trim().min(1, { message: 'Name the meal slot.' }).max(40),
  time: LocalTime.nullable().default(null),
  /** Which foods suit the slot (the generator picks from foods of this meal type). */
  mealType: MealType,
});
export type PlanSlot = z.infer<typeof PlanSlot>;

export const DEFAULT_PLAN_SLOTS: PlanSlot[] = [
  { key: 'breakfast', label: 'Breakfast', time: '08:00', mealType: 'breakfast' },
  { key: 'lunch', label: 'Lunch', time: '12:30', mealType: 'lunch' },
  { key: 'snack', label: 'Snack', time: '16:00', mealType: 'snack' },
  { key: 'dinner', label: 'Dinner', time: '19:00', mealType: 'dinner' },
];

const Slots = z
  .array(PlanSlot)
  .min(1, { message: 'A plan needs at least one meal slot.' })
  .max(8, { message: 'A plan has at most 8 meal slots a day.' })
  .refine((s) => new Set(s.map((x) => x.key)).size === s.length, { message: 'Two meal slots have the same key.' });

export const PLAN_STATUSES = ['draft', 'sent'] as const;

const planFields = {
  name: z.string().trim().min(1, { message: 'Name the plan.' }).max(120, { message: 'The name is too long.' }),
  startDate: IsoDate,
  days: PlanDay,
  slots: Slots,
  /** Whether the handout prints amounts of energy and nutrients (never for eating-disorder-sensitive clients). */
  showNumbers: z.boolean(),
  /** Foods the generator must not use for this plan (besides the client's diet and allergies). */
  excludedFoodIds: z.array(FoodId).max(500),
};

export const PlanInput = z.object({
  clientId: Id,
  ...planFields,
  slots: planFields.slots.default(DEFAULT_PLAN_SLOTS),
  showNumbers: planFields.showNumbers.default(true),
  excludedFoodIds: planFields.excludedFoodIds.default([]),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** A plan edit: only the fields given change (no defaults, so an omitted field keeps its value). */
export const PlanUpdate = z.object(planFields).partial();

const PlanEntryFields = z.object({
  planId: Id,
  day: PlanDay,
  slot: SlotKey,
  foodId: FoodId,
  /** Either grams or a household amount ("1 cup", "2 medium") matched to the food's measures. */
  grams: z
    .number({ message: 'Enter the amount in grams.' })
    .gt(0, { message: 'The amount must be more than 0 g.' })
    .max(5000, { message: 'More than 5 kg in one entry cannot be right.' })
    .nullable()
    .default(null),
  amount: z.string().trim().max(100).nullable().default(null),
  /** This entry is an "or" alternative to that entry (same day and slot). */
  altOf: Id.nullable().default(null),
  /** The generator keeps pinned entries as they are. */
  pinned: z.boolean().default(false),
  note: z.string().trim().max(500).nullable().default(null),
});

const oneAmount = (e: { grams: number | null; amount: string | null }) =>
  (e.grams === null) !== (e.amount === null || e.amount === '');

export const PlanEntryInput = PlanEntryFields.refine(oneAmount, {
  message: 'Give either grams or a household measure (such as "1 cup").',
  path: ['amount'],
});
export type PlanEntryInput = z.infer<typeof PlanEntryInput>;

/** An entry edit: only the fields given change (no defaults, so an omitted field keeps its value). */
export const PlanEntryChanges = z
  .object({
    day: PlanDay,
    slot: SlotKey,
    foodId: FoodId,
    grams: PlanEntryFields.shape.grams.unwrap().unwrap(),
    amount: z.string().trim().max(100),
    altOf: Id.nullable(),
    pinned: z.boolean(),
    note: z.string().trim().max(500).nullable(),
  })
  .partial();

export const PlanEntry = z.object({
  id: Id,
  day: PlanDay,
  slot: SlotKey,
  position: z.number().int(),
  food: z.object({ id: FoodId, name: z.string(), amountLabel: z.string(), grams: z.number() }),
  altOf: Id.nullable(),
  pinned: z.boolean(),
  note: z.string().nullable(),
  nutrients: NutrientAmounts,
  /** Allergens of the client's record this food contains (shown as a warning; never chosen by the generator). */
  allergens: z.array(z.string()),
  /** Why the food does not fit the client's diet pattern, or null. */
  dietConflict: z.string().nullable(),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const PlanNote = z.object({ day: PlanDay, slot: SlotKey.nullable(), text: z.string().trim().max(2000) });
export type PlanNote = z.infer<typeof PlanNote>;

/** One day's totals against the client's targets, judged by the same rule as the dashboard. */
export const PlanDayTotals = z.object({
  day: PlanDay,
  date: IsoDate,
  totals: NutrientAmounts,
  /** Null when the profile lacks what targets need. Numbers are hidden for ED-sensitive clients. */
  statuses: z.array(NutrientStatus).nullable(),
});

export const PlanSummary = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  startDate: IsoDate,
  days: PlanDay,
  status: z.enum(PLAN_STATUSES),
  version: z.number().int().min(1),
  sentAt: z.number().nullable(),
  updatedAt: z.number(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Plan = PlanSummary.extend({
  slots: z.array(PlanSlot),
  showNumbers: z.boolean(),
  excludedFoodIds: z.array(FoodId),
  /** The version this one was made from (a sent plan edited), or null. */
  previousVersionId: Id.nullable(),
  entries: z.array(PlanEntry),
  notes: z.array(PlanNote),
  dayTotals: z.array(PlanDayTotals),
  /** The average of the days against the targets. */
  average: PlanDayTotals.omit({ day: true, date: true }),
  /** True for eating-disorder-sensitive clients: the views show no energy or nutrient figures. */
  numbersHidden: z.boolean(),
});
export type Plan = z.infer<typeof Plan>;

/** What the generator fills: the whole plan, one day, one slot of one day (pinned entries always stay). */
export const GenerateScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), keepExisting: z.boolean().default(false) }),
  z.object({ kind: z.literal('day'), day: PlanDay }),
  z.object({ kind: z.literal('slot'), day: PlanDay, slot: SlotKey }),
]);

export const GenerateRequest = z.object({
  planId: Id,
  /** "complete my plan" is { kind: 'plan', keepExisting: true }: what is there stays, the rest is filled. */
  scope: GenerateScope.default({ kind: 'plan', keepExisting: false }),
  /** A caller-chosen id, so the UI can cancel it (plans.cancelGenerate) and match progress events. */
  jobId: z.string().min(1).max(64),
});

/** A target the generator could not meet on some days, with the reason from the solver's relaxation. */
export const UnmetTarget = z.object({
  key: TargetKey,
  label: z.string(),
  days: z.array(PlanDay),
  /** e.g. "Vitamin D 15 µg is not reachable from the plan's foods within the energy target; …". */
  reason: z.string(),
});

export const GenerateResult = z.object({
  plan: Plan,
  /** Share of (day × target nutrient) inside its range, 0–1. */
  inRange: z.number(),
  unmet: z.array(UnmetTarget),
  seconds: z.number(),
  cancelled: z.boolean(),
});

export const SwapRequest = z.object({ entryId: Id, limit: z.number().int().min(1).max(20).default(8) });
export const SwapOption = z.object({
  food: z.object({ id: FoodId, name: z.string(), amountLabel: z.string(), grams: z.number() }),
  /** How close its nutrient profile is to the entry's (0–1, 1 = the same). */
  similarity: z.number(),
  /** Whether the day stays within range on every target it was in range for. */
  keepsDayInRange: z.boolean(),
});

/** A food of the plan-ready pool (curated foods as eaten, plus the practitioner's recipes and custom foods). */
export const PoolFood = z.object({
  foodId: FoodId,
  name: z.string(),
  mealTypes: z.array(MealType).min(1),
  /** The serving the generator counts in ("1 cup cooked, 175 g"). */
  measure: z.object({ label: z.string(), grams: z.number().positive() }),
  /** Whether it may be a main dish (variety: no main two days running). */
  main: z.boolean(),
  foodGroup: z.string(),
  storeSection: z.string(),
  origin: z.enum(['curated', 'practitioner']),
});
export type PoolFood = z.infer<typeof PoolFood>;

export const ShoppingItem = z.object({
  storeSection: z.string(),
  foodId: FoodId,
  name: z.string(),
  grams: z.number(),
  /** In household measures where the food has one ("3 cups"), else grams. */
  amountLabel: z.string(),
});

const PlanRef = z.object({ planId: Id });
const EntryRef = z.object({ entryId: Id });

export const plansMethods = {
  'plans.list': method(z.object({ clientId: Id }), z.array(PlanSummary)),
  'plans.get': method(PlanRef, Plan),
  'plans.create': method(PlanInput, Plan),
  'plans.update': method(PlanRef.extend({ changes: PlanUpdate }), Plan),
  /** Deletes the plan and all its versions (confirmation is the UI's; the audit records it). */
  'plans.delete': method(PlanRef, z.object({ deleted: z.number() })),
  /** Freezes this version as sent; a later edit makes a new draft version. */
  'plans.send': method(PlanRef, Plan),
  'plans.versions': method(PlanRef, z.array(PlanSummary)),
  'plans.addEntry': method(PlanEntryInput, Plan),
  'plans.updateEntry': method(EntryRef.extend({ changes: PlanEntryChanges }), Plan),
  'plans.removeEntry': method(EntryRef, Plan),
  'plans.setNote': method(PlanRef.extend({ note: PlanNote }), Plan),
  'plans.copyDay': method(PlanRef.extend({ from: PlanDay, to: PlanDay }), Plan),
  'plans.copySlot': method(PlanRef.extend({ fromDay: PlanDay, toDay: PlanDay, slot: SlotKey }), Plan),
  /** Copies days 1–7 over the following weeks of the plan (pinned entries in later weeks stay). */
  'plans.repeatWeek': method(PlanRef, Plan),
  'plans.generate': method(GenerateRequest, GenerateResult),
  'plans.cancelGenerate': method(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  'plans.swapOptions': method(SwapRequest, z.array(SwapOption)),
  'plans.shoppingList': method(PlanRef, z.array(ShoppingItem)),
  'plans.pool': method(Empty, z.array(PoolFood)),
  /** The plan handout as a PDF (same printer and branding as reports). */
  'plans.export': method(
    PlanRef.extend({ pageSize: z.enum(['A4', 'Letter']).default('A4') }),
    z.object({ fileName: z.string(), dataBase64: z.string(), pages: z.number(), bytes: z.number() }),
  ),
} as const;

/** Progress of a running generation (pushed as the 'plans.progress' event). */
export const PlanProgress = z.object({
  jobId: z.string(),
  /** Days solved so far, of `total`. */
  done: z.number(),
  total: z.number(),
  message: z.string(),
});
