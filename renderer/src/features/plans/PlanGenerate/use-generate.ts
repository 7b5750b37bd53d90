import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract/index.ts';
import type { Plan } from '@contract/plans.ts';
import { call, onEvent } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { callKey, invalidate } from '../../../lib/query.ts';
import { useSessionActions } from '../../../lib/session-context.ts';

export type GenerateScope = NonNullable<MethodInput<'plans.generate'>['scope']>;
export type GenerateResult = MethodOutput<'plans.generate'>;

export interface Generation {
  /** The run in progress: what it fills (for the progress line) and its id. */
  running: { jobId: string; label: string } | null;
  /** The last progress event of the running job, if the core sent one. */
  progress: { done: number; total: number; message: string } | null;
  /** The last finished run's answer, kept until the next run or `dismiss`. */
  result: GenerateResult | null;
  /** Why the last run failed ('unavailable', a plan without foods to choose from, …). */
  error: string | null;
  start: (scope: GenerateScope, label: string) => void;
  cancel: () => void;
  cancelling: boolean;
  dismiss: () => void;
}

let jobCounter = 0;
const newJobId = (): string => `plan-${Date.now().toString(36)}-${(jobCounter += 1)}`;

/**
 * Runs the generator on the plan `planId` (one run at a time), follows its 'plans.progress' events,
 * and puts the generated plan on screen; `onVersion` is told when the run made a new draft version
 * (the plan had been sent).
 */
export function useGenerate(planId: string, onVersion: (planId: string) => void): Generation {
  const client = useQueryClient();
  const { reportError } = useSessionActions();
  const [running, setRunning] = useState<Generation['running']>(null);
  const [progress, setProgress] = useState<Generation['progress']>(null);
  const [result, setResult] = useState<GenerateResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const jobId = running?.jobId ?? null;
  useEffect(() => {
    if (!jobId) return undefined;
    return onEvent('plans.progress', (p) => {
      if (p.jobId === jobId) setProgress({ done: p.done, total: p.total, message: p.message });
    });
  }, [jobId]);

  const start = (scope: GenerateScope, label: string): void => {
    if (running) return;
    const id = newJobId();
    setRunning({ jobId: id, label });
    setProgress(null);
    setResult(null);
    setError(null);
    void (async () => {
      try {
        const answer = await call('plans.generate', { planId, scope, jobId: id });
        const plan: Plan = answer.plan;
        client.setQueryData(callKey('plans.get', { planId: plan.id }), plan);
        void invalidate(client, ['plans.list', 'plans.versions']);
        if (!mounted.current) return;
        setResult(answer);
        if (plan.id !== planId) onVersion(plan.id);
      } catch (e) {
        reportError(e);
        if (mounted.current) setError(toApiError(e).message);
      } finally {
        if (mounted.current) {
          setRunning(null);
          setCancelling(false);
        }
      }
    })();
  };

  const cancel = (): void => {
    if (!running) return;
    setCancelling(true);
    call('plans.cancelGenerate', { jobId: running.jobId }).catch((e: unknown) => {
      reportError(e);
      if (mounted.current) {
        setCancelling(false);
        setError(toApiError(e).message);
      }
    });
  };

  return {
    running,
    progress,
    result,
    error,
    start,
    cancel,
    cancelling,
    dismiss: () => {
      setResult(null);
      setError(null);
    },
  };
}
