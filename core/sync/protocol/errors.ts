import { z } from 'zod';

/**
 * The error codes the sync server answers with (the `error` of every JSON error body), shared by the
 * server, which may answer only these, and the device, which tells them apart. Pure: no I/O.
 */
export const SERVER_ERROR_CODES = [
  /** 400: the body, query or a value is not what the endpoint takes (`issues` names each part). */
  'invalid-request',
  /** 401: no access token, or one that is forged, revoked or for a device that no longer exists. */
  'invalid-token',
  /** 401: the access token has expired: refresh it. */
  'token-expired',
  /** 401: wrong e-mail address or password. */
  'bad-credentials',
  /** 403: the caller may not do this (only the practice owner adds practitioners). */
  'forbidden',
  /** 403: this server accepts no new practices. */
  'registration-closed',
  /** 404: no such endpoint. */
  'not-found',
  /** 409: the e-mail address is registered already. */
  'email-taken',
  /** 409: a push's stamps are too far ahead of the server's clock (ClockAheadResponse). */
  'clock-ahead',
  /** 413: the request body is over the endpoint's limit. */
  'too-large',
  /** 429: too many requests; Retry-After says when to try again. */
  'rate-limited',
  /** 500: something unexpected (logged on the server). */
  'internal',
  /** 503: the database does not answer or its migrations are not applied. */
  'not-ready',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** One refused part of a request: a dotted path ("changes.3.value") and why. */
export const Issue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

/** Every error answer's body. */
export interface ServerErrorBody {
  error: ServerErrorCode;
  message: string;
  issues?: Issue[];
}

/**
 * The code of an error answer as the device reads it: one of SERVER_ERROR_CODES, or null for any
 * other body (a proxy's page, a newer server's code).
 */
export function serverErrorCode(body: unknown): ServerErrorCode | null {
  const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return (SERVER_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ServerErrorCode) : null;
}
