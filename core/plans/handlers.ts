import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../host/dispatch.ts';
import type { HandlerContext } from '../services.ts';
import { generatorUnavailable } from './plan-generator.ts';

/**
 * Meal plans. Generating, cancelling, swap options and the food pool need the generator, and the
 * handout needs the plan printer; until those are part of the build they answer 'unavailable' with a
 * sentence saying so, and change nothing.
 */
export function plansHandlers({ services }: HandlerContext) {
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
    'plans.export': () => {
      services();
      throw new AppError(
        'unavailable',
        'The meal-plan handout (PDF) is not available in this version yet. The plan itself is saved.',
      );
    },
  } satisfies HandlersFor<'plans'>;
}
