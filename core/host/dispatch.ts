import type { z } from 'zod';
import type { Logger } from '../logging/log.ts';
import {
  contract,
  type MethodName,
  type MethodOutput,
  type NamespaceMethods,
  type ParsedInput,
  type RpcResult,
} from '../contract/index.ts';
import { isAppError, type AppError } from '../contract/errors.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** One namespace's part of the handler map (`satisfies HandlersFor<'log'>`): each domain owns its own. */
export type HandlersFor<NS extends string> = Pick<Handlers, NamespaceMethods<NS>>;

export type Dispatch = (method: unknown, input: unknown) => Promise<RpcResult<unknown>>;

function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** Field messages are our own schema messages, keyed by the field's dotted path. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    // Unknown keys get a fixed sentence; zod's own text for them would echo the caller's keys.
    fields[key] ??= issue.code === 'unrecognized_keys' ? 'Unexpected field.' : issue.message;
  }
  return fields;
}

/**
 * The single entry point every transport calls. Arguments are `unknown` until the contract's
 * schema has parsed them; nothing reaches a handler unparsed. Answers are always an RpcResult:
 * expected failures carry their code and sentence; anything else is logged here (without the
 * input) and answered with a generic message.
 */
export function createDispatcher(
  handlers: Handlers,
  log: Logger,
  /**
   * Turns a known condition (a damaged page; a busy, full or read-only store) into an AppError, or
   * returns null.
   */
  translate: (err: unknown) => AppError | null = () => null,
  /**
   * Checks each answer against the contract's output schema and answers 'internal' when it does not
   * match (the tests and the end-to-end host turn this on; the app trusts its own answers).
   */
  checkOutputs = false,
): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      log.warn('rpc: unknown method', { method: typeof method === 'string' ? method.slice(0, 80) : typeof method });
      return { ok: false, code: 'invalid-input', message: 'Unknown request.' };
    }
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      log.info('rpc: invalid input', {
        method,
        issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), code: i.code })),
      });
      const first = Object.values(fields)[0] ?? 'The request was not valid.';
      return { ok: false, code: 'invalid-input', message: first, fields };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      if (checkOutputs) {
        const checked = contract[method].output.safeParse(data);
        if (!checked.success) {
          const issues = checked.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
          log.error('rpc: the answer does not match the contract', { method, issues });
          return {
            ok: false,
            code: 'internal',
            message: `The answer of ${method} does not match the contract: ${issues.join('; ')}`,
          };
        }
      }
      return { ok: true, data };
    } catch (caught) {
      const err = isAppError(caught) ? caught : (translate(caught) ?? caught);
      if (isAppError(err)) {
        return { ok: false, code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
      }
      log.error('rpc: handler failed', { method, error: err });
      return {
        ok: false,
        code: 'internal',
        message:
          'Something went wrong inside the app; the details are in its log. Try again, and report it if it keeps happening.',
      };
    }
  };
}
