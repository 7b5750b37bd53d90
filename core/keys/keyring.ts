import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import { parseKeyFile, readKeyFile } from './key-file.ts';

/**
 * Envelope encryption for the database key.
 *
 * The database is encrypted with a random 32-byte data key (DEK). The DEK itself is stored only
 * wrapped: here by a key derived from the practitioner's passphrase (scrypt → AES-256-GCM), and in
 * Electron additionally by the OS keychain through safeStorage (see electron/main/keys.ts). Losing
 * one wrapper never loses the data while another remains.
 *
 * scrypt parameters are stored beside the salt so they can be raised later without breaking old
 * files. N = 2^17, r = 8, p = 1 follows OWASP's password storage cheat sheet (scrypt section) and
 * needs 128 MiB and roughly a quarter of a second here.
 */

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_NEXT_FILE = 'keyring.next.json';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/**
 * The most scrypt work a key file may ask for. The parameters come from the file, so a tampered file
 * could otherwise make unlock allocate gigabytes (N = 2^22, r = 32 is 16 GiB): N·r is capped at twice
 * the production cost (2^21, 256 MiB), and each of N, r, p at a modest multiple.
 */
export const MAX_SCRYPT = { N: 2 ** 18, r: 16, p: 4, Nr: 2 ** 21 } as const;
export const ScryptSlotSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(MAX_SCRYPT.N)
      .refine((n) => (n & (n - 1)) === 0, { message: 'N must be a power of two' }),
    r: z.number().int().min(1).max(MAX_SCRYPT.r),
    p: z.number().int().min(1).max(MAX_SCRYPT.p),
    salt: b64,
    iv: b64,
    tag: b64,
    wrapped: b64,
  })
  .refine((slot) => slot.N * slot.r <= MAX_SCRYPT.Nr, { message: 'scrypt cost too high' });
const KeyringFile = z.object({
  format: z.literal('bioai-keyring'),
  version: z.literal(1),
  createdAt: z.number(),
  passphrase: ScryptSlotSchema,
});
export type KeyringFile = z.infer<typeof KeyringFile>;

const AAD = Buffer.from('bioai-keyring-v1:passphrase');

function deriveKek(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  // maxmem must cover 128 * N * r bytes plus some slack, or node refuses large N.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}

/** deriveKek in libuv's thread pool, so the event loop keeps serving while the fixed cost runs. */
function deriveKekAsync(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function generateDataKey(): Buffer {
  return randomBytes(32);
}

export interface ScryptSlot {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  wrapped: string;
}

/** Encrypts a secret under a key derived from a passphrase (or recovery code): scrypt → AES-256-GCM. */
export function sealWithScrypt(plain: Buffer, secret: string, params: ScryptParams, aad: Buffer): ScryptSlot {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = deriveKek(secret, salt, params);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad);
  const wrapped = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** The inverse of sealWithScrypt; throws a plain Error when the secret (or the file) is wrong. */
export function openWithScrypt(slot: ScryptSlot, secret: string, aad: Buffer): Buffer {
  const kek = deriveKek(secret, Buffer.from(slot.salt, 'base64'), { N: slot.N, r: slot.r, p: slot.p });
  return openWithKek(slot, kek, aad);
}

/** openWithScrypt with the key derivation off the event loop; the same result and errors. */
export async function openWithScryptAsync(slot: ScryptSlot, secret: string, aad: Buffer): Promise<Buffer> {
  const kek = await deriveKekAsync(secret, Buffer.from(slot.salt, 'base64'), { N: slot.N, r: slot.r, p: slot.p });
  return openWithKek(slot, kek, aad);
}

function openWithKek(slot: ScryptSlot, kek: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
}

export function wrapWithPassphrase(
  dek: Buffer,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): KeyringFile {
  return {
    format: 'bioai-keyring',
    version: 1,
    createdAt: Date.now(),
    passphrase: sealWithScrypt(dek, passphrase, params, AAD),
  };
}

export function unwrapWithPassphrase(file: KeyringFile, passphrase: string): Buffer {
  try {
    const dek = openWithScrypt(file.passphrase, passphrase, AAD);
    if (dek.length !== 32) throw new Error('bad key length');
    return dek;
  } catch {
    throw new AppError('wrong-passphrase', 'Wrong passphrase, or not a BioAI Nutrition database.');
  }
}

/** unwrapWithPassphrase with scrypt run in the thread pool (the browser host's and Electron's unlock). */
export async function unwrapWithPassphraseAsync(file: KeyringFile, passphrase: string): Promise<Buffer> {
  try {
    const dek = await openWithScryptAsync(file.passphrase, passphrase, AAD);
    if (dek.length !== 32) throw new Error('bad key length');
    return dek;
  } catch {
    throw new AppError('wrong-passphrase', 'Wrong passphrase, or not a BioAI Nutrition database.');
  }
}

/** Parses a key file's text (as read from disk or from a backup); null when it is not one. */
export const parseKeyring = (text: string): KeyringFile | null => parseKeyFile(KeyringFile, text);

export const readKeyring = (file: string): KeyringFile | null =>
  readKeyFile(
    file,
    KeyringFile,
    `The key file ${path.basename(file)} is damaged or is not a BioAI Nutrition key file. Restore it from a backup.`,
  );

export function writeKeyring(file: string, keyring: KeyringFile): void {
  writeFileAtomic(file, `${JSON.stringify(keyring, null, 2)}\n`, 0o600);
}

export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
