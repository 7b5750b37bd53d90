import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * The practice key: 32 random bytes made by the device that registers the practice. Client names,
 * contact details, notes and other free text are encrypted with it (AES-256-GCM) before they leave
 * the device, so the server holds only ciphertext for them. The server keeps the key wrapped by the
 * practice passphrase (scrypt, then AES-256-GCM) as an opaque "envelope"; a new computer signs in,
 * fetches the envelope and unwraps it with the passphrase, which the server never sees.
 */

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** The same cost as the local keyring (core/keys/keyring.ts): ~0.3 s per unwrap on this machine. */
export const PRACTICE_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const Envelope = z
  .object({
    format: z.literal('bioai-practice-key'),
    version: z.literal(1),
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64,
    iv: b64,
    tag: b64,
    wrapped: b64,
  })
  .strict();

const ENVELOPE_AAD = Buffer.from('bioai-practice-key-v1');

function kek(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r });
}

export function generatePracticeKey(): Buffer {
  return randomBytes(32);
}

/** The practice key wrapped by the practice passphrase, as the JSON string the server stores. */
export function wrapPracticeKey(key: Buffer, passphrase: string, cost: ScryptCost = PRACTICE_SCRYPT): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(passphrase, salt, cost), iv);
  cipher.setAAD(ENVELOPE_AAD);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return JSON.stringify({
    format: 'bioai-practice-key',
    version: 1,
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  });
}

export function unwrapPracticeKey(envelope: string, passphrase: string): Buffer {
  let parsed: z.infer<typeof Envelope>;
  try {
    parsed = Envelope.parse(JSON.parse(envelope));
  } catch {
    throw new AppError('sync-protocol', 'The server sent a practice key this version cannot read.');
  }
  const decipher = createDecipheriv(
    'aes-256-gcm',
    kek(passphrase, Buffer.from(parsed.salt, 'base64'), parsed),
    Buffer.from(parsed.iv, 'base64'),
  );
  decipher.setAAD(ENVELOPE_AAD);
  decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(parsed.wrapped, 'base64')), decipher.final()]);
    if (key.length !== 32) throw new Error('length');
    return key;
  } catch {
    throw new AppError('wrong-practice-passphrase', 'That practice passphrase does not open this practice’s key.');
  }
}

/**
 * Encrypts one field value (any JSON, null included: the server cannot tell an empty field from a
 * filled one) for the server. The table, row id and field name are bound as associated data, so a
 * ciphertext copied onto another row or field fails to decrypt.
 */
export function encryptField(key: Buffer, where: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(where));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ENCRYPTED_PREFIX + Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64');
}

/**
 * The value of an encrypted field. `legacyPlain`: the field was sent in plaintext by the first wire
 * version, so a server that has not been rewritten yet may still hold it that way (it is taken as it
 * is; null was an empty value then). Anywhere else a value that is not ciphertext is refused.
 */
export function decryptField(key: Buffer, where: string, value: unknown, legacyPlain = false): unknown {
  const cipher = typeof value === 'string' && value.startsWith(ENCRYPTED_PREFIX);
  if (!cipher && legacyPlain) return value ?? null;
  if (value === null || value === undefined) return null; // an empty value before empty values were encrypted
  if (!cipher) throw new AppError('sync-protocol', `The server sent ${where} unencrypted; it was not applied.`);
  const raw = Buffer.from(value.slice(ENCRYPTED_PREFIX.length), 'base64');
  if (raw.length < 12 + 16) throw new AppError('sync-protocol', `The server sent a damaged value for ${where}.`);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(where));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  try {
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(
      'wrong-practice-key',
      `A value for ${where} does not decrypt with this practice key (another practice's data, or damaged).`,
    );
  }
}

export const fieldContext = (table: string, id: string, field: string): string => `${table}/${id}/${field}`;
