import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '@contract/index.ts';
import type { Plan } from '@contract/plans.ts';
import { useNotify } from '../../components/Notifications/notify-context.ts';
import { call } from '../../lib/api.ts';
import { toApiError } from '../../lib/errors.ts';
import { callKey, invalidate } from '../../lib/query.ts';
import { useSessionActions } from '../../lib/session-context.ts';

/** The plan methods that answer with the whole plan after a change. */
export type PlanChangeMethod = {
  [M in MethodName]: M extends `plans.${string}` ? (MethodOutput<M> extends Plan ? M : never) : never;
}[MethodName];

export interface PlanChange {
  /**
   * Makes one change. The answer replaces the plan on screen at once (its totals included); when the
   * plan had been sent, the answer is a new draft version, which the editor then shows, saying so.
   * A refusal is shown as a red notice titled `failTitle`; the promise then resolves with null.
   */
  run: <M extends PlanChangeMethod>(
    method: M,
    input: MethodInput<M>,
    done?: { message?: string; failTitle?: string },
  ) => Promise<Plan | null>;
  /** The method running now, if any (one change at a time). */
  busy: PlanChangeMethod | null;
}

/** Changes to the plan `plan`, open in the editor; `onVersion` is told when a change made a new version. */
export function usePlanChange(plan: Pick<Plan, 'id' | 'version'>, onVersion: (planId: string) => void): PlanChange {
  const client = useQueryClient();
  const notify = useNotify();
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState<PlanChangeMethod | null>(null);
  const { id, version } = plan;

  const run = useCallback(
    async <M extends PlanChangeMethod>(
      method: M,
      input: MethodInput<M>,
      done: { message?: string; failTitle?: string } = {},
    ): Promise<Plan | null> => {
      setBusy(method);
      try {
        const answer = (await call(method, input)) as Plan;
        client.setQueryData(callKey('plans.get', { planId: answer.id }), answer);
        void invalidate(client, ['plans.list', 'plans.versions']);
        if (answer.id !== id) {
          notify({
            message: `This plan had been sent, so the change was made in a new draft: version ${answer.version} (version ${version} stays as sent).`,
          });
          onVersion(answer.id);
        } else if (done.message) {
          notify({ message: done.message });
        }
        return answer;
      } catch (e) {
        reportError(e);
        notify({ title: done.failTitle ?? 'Not changed', message: toApiError(e).message, color: 'red' });
        return null;
      } finally {
        setBusy(null);
      }
    },
    [client, id, version, notify, onVersion, reportError],
  );
  return { run, busy };
}
