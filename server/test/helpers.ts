import { randomUUID } from 'node:crypto';
import { formatHlc } from '../../core/sync/protocol/hlc.ts';
import { PLAIN_FIELDS } from '../../core/sync/protocol/tables.ts';
import type { Session } from '../../core/sync/protocol/wire.ts';

export type { Session };

export async function call(
  url: string,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<{
  status: number; // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
  body: any;
  headers: Headers;
}> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

let n = 0;
export function newEmail(): string {
  n += 1;
  return `owner${n}-${randomUUID().slice(0, 8)}@clinic.example`;
}

export const PASSWORD = 'correct horse battery staple';

export async function register(
  url: string,
  extra: Partial<Record<string, string>> = {},
): Promise<Session & { email: string }> {
  const email = extra.email ?? newEmail();
  const r = await call(url, 'POST', '/v1/practices', {
    body: {
      practiceName: 'Green Clinic',
      displayName: 'Dr Green',
      email,
      password: PASSWORD,
      keyEnvelope: 'envelope-v1:abc',
      deviceName: 'Laptop',
      ...extra,
    },
  });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...(r.body as Session), email };
}

export const hlcAt = (wall: number, node: string, counter = 0): string => formatHlc({ wall, counter, node });
export const enc = (s: string): string => `enc:v1:${Buffer.from(s).toString('base64')}`;

/**
 * A field's value as a device sends it: ciphertext, except the few fields the server reads. These
 * tests stand in for the encryption with enc() (the server cannot tell it from the real thing; it
 * never decrypts), applied to the JSON of the value, so that equal values give equal stand-ins.
 */
export const wire = (field: string, value: unknown): unknown =>
  PLAIN_FIELDS.includes(field) || (typeof value === 'string' && value.startsWith('enc:v1:'))
    ? value
    : enc(JSON.stringify(value));
export const wired = (changes: unknown[]): unknown[] =>
  (changes as { field: string; value: unknown }[]).map((c) => ({ ...c, value: wire(c.field, c.value) }));
