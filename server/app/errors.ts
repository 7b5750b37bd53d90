import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Issue, ServerErrorBody, ServerErrorCode } from '../../core/sync/protocol/errors.ts';
import type { Logger } from '../../core/logging/log.ts';
import type { Env } from './config.ts';

/**
 * The server's error answers: every one is JSON `{ error, message, issues? }` with a code from the
 * protocol's SERVER_ERROR_CODES.
 */

export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;
  readonly code: ServerErrorCode;
  readonly issues: Issue[] | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    status: ApiError['status'],
    code: ServerErrorCode,
    message: string,
    extra?: { issues?: Issue[]; headers?: Record<string, string> },
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = extra?.issues;
    this.headers = extra?.headers;
  }
}

export const emailTaken = (): ApiError =>
  new ApiError(409, 'email-taken', 'This e-mail address is already registered.');
export const invalidToken = (): ApiError => new ApiError(401, 'invalid-token', 'The token is not valid.');

/** An error answer's body (for the answers made outside ApiError: body limits, readiness). */
export const errorBody = (error: ServerErrorCode, message: string): ServerErrorBody => ({ error, message });

export function zodIssues(error: z.ZodError, root = '(body)'): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || root, message: i.message }));
}

export function invalidRequest(issues: Issue[]): ApiError {
  const where = [...new Set(issues.map((i) => i.path))].slice(0, 5).join(', ');
  return new ApiError(400, 'invalid-request', `The request is not valid (${where}).`, { issues });
}

/** The request's JSON body parsed with `schema`; a 400 naming each refused part otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-request', 'The request body is not valid JSON.', {
      issues: [{ path: '(body)', message: 'malformed JSON' }],
    });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalidRequest(zodIssues(parsed.error));
  return parsed.data;
}

/** Answers an ApiError with its code; anything else is logged and answered 500 without details. */
export function handleErrors(app: Hono<Env>, log: Logger): void {
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      const body: ServerErrorBody = { error: err.code, message: err.message };
      if (err.issues) body.issues = err.issues;
      if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(body, err.status);
    }
    log.error('unexpected error', { method: c.req.method, path: c.req.path, error: err });
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  app.notFound((c) => c.json(errorBody('not-found', 'There is nothing at this address.'), 404));
}
