import { recordExport } from '../audit/record-export.ts';
import { AppError } from '../contract/errors.ts';
import type { MethodOutput } from '../contract/index.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { exportHandout } from './handout/export-handout.ts';
import { poolView } from './generator/plan-generator.ts';
import { generatorUnavailable } from './plan-generator.ts';

/**
 * Meal plans. The handout is printed by the reports' printer (one browser per session) and its export
 * is audited like a report's. Generating runs in the generator's worker with progress events and can
 * be cancelled by its job id; a core built without a generator answers 'unavailable' with a sentence
 * saying so, and changes nothing.
 */
export function plansHandlers({ services, session, log, clock, emit }: HandlerContext) {
  const now = () => clock.now();
  /** Generations running, by the caller's job id, so the window can cancel one. */
  const jobs = new Map<string, AbortController>();
  return {
    'plans.list': ({ clientId }) => services().plans.list(clientId),
    'plans.get': ({ planId }) => services().plans.get(planId),
    'plans.create': (input) => services().plans.create(input),
    'plans.update': ({ planId, changes }) => services().plans.update(planId, changes),
    'plans.delete': ({ planId }) => services().plans.remove(planId),
    'plans.send': ({ planId }) => services().plans.send(planId),
    'plans.versions': ({ planId }) => services().plans.versions(planId),
    'plans.addEntry': (input) => services().plans.addEntry(input),
    'plans.updateEntry': ({ entryId, changes }) => services().plans.updateEntry(entryId, changes),
    'plans.removeEntry': ({ entryId }) => services().plans.removeEntry(entryId),
    'plans.setNote': ({ planId, note }) => services().plans.setNote(planId, note),
    'plans.copyDay': ({ planId, from, to }) => services().plans.copyDay(planId, from, to),
    'plans.copySlot': ({ planId, fromDay, toDay, slot }) => services().plans.copySlot(planId, fromDay, toDay, slot),
    'plans.repeatWeek': ({ planId }) => services().plans.repeatWeek(planId),
    'plans.shoppingList': ({ planId }) => services().plans.shoppingList(planId),
    'plans.generate': async ({ planId, scope, jobId }) => {
      const s = services();
      const generator = s.planGenerator;
      if (!generator) throw generatorUnavailable('Generating a meal plan');
      if (jobs.has(jobId)) throw new AppError('conflict', 'A generation with this id is already running.');
      const input = s.plans.generateInput(planId, scope);
      const started = clock.now();
      const abort = new AbortController();
      jobs.set(jobId, abort);
      try {
        const out = await generator.generate(input, {
          signal: abort.signal,
          onProgress: (p) => emit('plans.progress', { jobId, ...p }),
        });
        // A cancelled run stores nothing: the plan stays as it was before the practitioner asked.
        const plan = out.cancelled ? s.plans.get(planId) : s.plans.applyGenerated(planId, scope, out.entries);
        return {
          plan,
          inRange: out.inRange,
          unmet: input.client.edSensitive ? withoutFigures(out.unmet) : out.unmet,
          seconds: Math.round((clock.now() - started) / 100) / 10,
          cancelled: out.cancelled,
        };
      } finally {
        jobs.delete(jobId);
      }
    },
    'plans.cancelGenerate': ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'plans.swapOptions': ({ entryId, limit }) => {
      const s = services();
      const generator = s.planGenerator;
      if (!generator) throw generatorUnavailable('Suggesting swaps');
      const planId = s.plans.planOfEntry(entryId);
      const plan = s.plans.get(planId);
      const entry = plan.entries.find((e) => e.id === entryId);
      if (!entry) throw new AppError('not-found', 'That plan entry does not exist (it may have been removed).');
      // Every entry of the day stays as it is, so the day is judged with the swap made.
      const day = s.plans.generateInput(planId, { kind: 'plan', keepExisting: true });
      return generator.swapOptions({
        entry: { day: entry.day, slot: entry.slot, foodId: entry.food.id, grams: entry.food.grams },
        day,
        limit,
      });
    },
    'plans.pool': () => {
      const s = services();
      if (!s.planGenerator) throw generatorUnavailable('The plan food pool');
      // The practitioner's plan-ready foods first, as the generator takes them (their own win over a duplicate).
      const own = s.plans.practitionerPool();
      const ids = new Set(own.map((f) => f.foodId));
      return poolView([...own, ...s.planGenerator.pool().filter((f) => !ids.has(f.foodId))]);
    },
    'plans.export': async ({ planId, pageSize }) => {
      const s = services();
      const plan = s.plans.get(planId);
      const client = s.clients.get(plan.clientId);
      const settings = s.settings.get();
      const file = await exportHandout(
        {
          printer: () => s.reports.printer(),
          practitioner: () => ({
            name: settings.practitionerName,
            credentials: settings.practitionerCredentials,
            contact: settings.practitionerContact,
            logo: settings.practiceLogo || null,
          }),
          now,
          ...s.plans.foodLookup(),
        },
        plan,
        client.name,
        pageSize,
      );
      recordExport(s.audit, { log, dataDir: session.status().dataDir }, 'client', plan.clientId, 'plan-export', [
        plan.id,
      ]);
      return file;
    },
  } satisfies HandlersFor<'plans'>;
}

/**
 * What an eating-disorder-sensitive client's plan may say about unmet targets: no energy item and no
 * figures, only which targets and on which days (the practitioner reviews them in the targets).
 */
function withoutFigures(unmet: MethodOutput<'plans.generate'>['unmet']): MethodOutput<'plans.generate'>['unmet'] {
  return unmet
    .filter((u) => u.key !== 'energyKcal')
    .map((u) => ({
      ...u,
      reason: "The plan's foods do not meet this target on these days; review it in the client's targets.",
    }));
}
