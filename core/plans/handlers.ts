import { recordExport } from '../audit/record-export.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { exportHandout } from './handout/export-handout.ts';
import { generatorUnavailable } from './plan-generator.ts';

/**
 * Meal plans. The handout is printed by the reports' printer (one browser per session) and its export
 * is audited like a report's. Generating, cancelling, swap options and the food pool need the
 * generator; without one they answer 'unavailable' with a sentence saying so, and change nothing.
 */
export function plansHandlers({ services, session, log, clock }: HandlerContext) {
  const now = () => clock.now();
  const refuse = (what: string) => (): never => {
    services();
    throw generatorUnavailable(what);
  };
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
    'plans.generate': refuse('Generating a meal plan'),
    'plans.cancelGenerate': refuse('Cancelling a plan generation'),
    'plans.swapOptions': refuse('Suggesting swaps'),
    'plans.pool': refuse('The plan food pool'),
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
