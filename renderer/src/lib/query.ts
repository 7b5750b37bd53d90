import {
  keepPreviousData,
  QueryCache,
  QueryClient,
  useMutation as useQueryMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type Query as CachedQuery,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '@contract/index.ts';
import { type ApiError, call } from './api.ts';
import { toApiError } from './errors.ts';

/**
 * The renderer's data layer: every read is a contract method called through `call`, cached by
 * TanStack Query under a key made of the method and its input only. Writes go through
 * `useMutation`, which names the namespaces or methods whose cached answers it makes stale; events
 * from the core do the same (see use-query-events.ts). A lock throws the whole cache away
 * (app/SessionGate).
 */

export interface Query<T> {
  /**
   * The answer for the current input, kept while it reloads. When the input changes, `data` is
   * undefined until the new answer arrives (a day's figures never stand under another day's
   * title), unless the call opted into `keepPrevious`.
   */
  data: T | undefined;
  /** True while `data` answers an earlier input (only with `keepPrevious`): mark it as updating. */
  previous: boolean;
  error: ApiError | null;
  /** True while a request for the current input runs (the first load or a reload). */
  loading: boolean;
  reload: () => void;
}

type NamespaceOf<M> = M extends `${infer NS}.${string}` ? NS : never;
/** What a write makes stale: one method (`'log.list'`) or a whole namespace (`'log'`). */
export type QueryScope = MethodName | NamespaceOf<MethodName>;

/** The cache key of a call: the method and its input, so equal calls share one answer. */
export function callKey<M extends MethodName>(method: M, input: MethodInput<M> | undefined): readonly [M, unknown] {
  return [method, input ?? {}];
}

function inScope(query: CachedQuery, scopes: readonly QueryScope[]): boolean {
  const method = query.queryKey[0];
  return typeof method === 'string' && scopes.some((s) => method === s || method.startsWith(`${s}.`));
}

/** Marks the cached answers in `scopes` stale; the ones on screen load again at once. */
export function invalidate(client: QueryClient, scopes: readonly QueryScope[]): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => inScope(query, scopes) });
}

/**
 * One client per unlocked session. Failed reads go to `onError` (the session turns a 'locked' answer
 * into the unlock screen). No retries and no refetch on focus: an error shows at once with its retry
 * button, and an answer changes only when this window writes, the core reports a change, or a view
 * mounts again.
 */
export function createQueryClient(onError: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

export interface CallOptions {
  /** False to wait (e.g. until an input is complete); `data` stays undefined meanwhile. */
  enabled?: boolean;
  /**
   * How long an answer counts as fresh, in ms (default 0: a view that mounts again asks again while
   * showing the cached answer). Answers that only this window's writes can change use Infinity.
   */
  staleTime?: number;
  /**
   * Keep showing the last input's answer while a changed input loads. Only for search-as-you-type
   * lists, whose views mark the list as updating; never for figures tied to a client, day or range.
   */
  keepPrevious?: boolean;
}

/** Reads `method` with `input`; a changed input shows nothing until its own answer arrives. */
export function useCall<M extends MethodName>(
  method: M,
  input: MethodInput<M> | undefined,
  options: CallOptions = {},
): Query<MethodOutput<M>> {
  const query = useQuery({
    queryKey: callKey(method, input),
    queryFn: (): Promise<MethodOutput<M>> => call(method, input),
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    enabled: options.enabled ?? true,
    staleTime: options.staleTime ?? 0,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: query.data,
    previous: query.isPlaceholderData,
    error: query.error ? toApiError(query.error) : null,
    loading: query.isFetching,
    reload,
  };
}

/** Reads `method` once per input (e.g. each ingredient's food); `data` holds the answers that arrived. */
export function useCalls<M extends MethodName>(
  method: M,
  inputs: readonly MethodInput<M>[],
  options: CallOptions = {},
): { data: MethodOutput<M>[]; error: ApiError | null; loading: boolean } {
  return useQueries({
    queries: inputs.map((input) => ({
      queryKey: callKey(method, input),
      queryFn: (): Promise<MethodOutput<M>> => call(method, input),
      staleTime: options.staleTime ?? 0,
    })),
    combine: (results) => {
      const failed = results.find((r) => r.error);
      return {
        data: results.flatMap((r) => (r.data === undefined ? [] : [r.data])),
        error: failed?.error ? toApiError(failed.error) : null,
        loading: results.some((r) => r.isFetching),
      };
    },
  });
}

export interface MutationOptions {
  /** The cached reads this write makes stale. */
  invalidates: readonly QueryScope[];
  /**
   * A read without input whose new value this write answers with (e.g. 'rules.setEnabled' answers
   * the whole 'rules.list'): the answer replaces the cached one at once, with no second call.
   */
  updates?: MethodName;
}

export interface Mutation<M extends MethodName> {
  /** Calls the method; resolves with its answer, rejects with an ApiError. */
  run: (...args: [MethodInput<M>?]) => Promise<MethodOutput<M>>;
  pending: boolean;
}

/** A write: calls `method` and, once it succeeded, marks `invalidates` stale and reloads those on screen. */
export function useMutation<M extends MethodName>(method: M, { invalidates, updates }: MutationOptions): Mutation<M> {
  const client = useQueryClient();
  const mutation = useQueryMutation({
    mutationFn: (input: MethodInput<M> | undefined): Promise<MethodOutput<M>> => call(method, input),
    // Resolves once the stale answers on screen have loaded again (a failed reload shows in its
    // view, not here), so what follows a write (a notification, a closed dialog) meets fresh data.
    onSuccess: (answer) => {
      if (updates) client.setQueryData(callKey(updates, undefined), answer);
      return invalidate(client, invalidates);
    },
  });
  const { mutateAsync } = mutation;
  const run = useCallback((...args: [MethodInput<M>?]) => mutateAsync(args[0]), [mutateAsync]);
  return { run, pending: mutation.isPending };
}

/** Marks cached reads stale from outside a mutation (a multi-step job that finished, an event). */
export function useInvalidate(): (scopes: readonly QueryScope[]) => void {
  const client = useQueryClient();
  return useCallback((scopes: readonly QueryScope[]) => void invalidate(client, scopes), [client]);
}
