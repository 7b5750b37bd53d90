import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import { parseKeyFile, readKeyFile } from './key-file.ts';
import { openWithScrypt, ScryptSlotSchema, sealWithScrypt, type ScryptParams } from './keyring.ts';

/**
 * The recovery code: a second way to the data key that needs neither the passphrase nor the OS
 * keychain. It is shown once at setup and never stored.
 *
 * The code does not wrap the data key directly, because the data key changes on every passphrase
 * change (the database is re-keyed) and the code is not known then. Instead the code wraps (scrypt →
 * AES-256-GCM) the private half of an X25519 key pair, and the data key is sealed to the public half
 * (ephemeral X25519 + HKDF-SHA256 → AES-256-GCM). A passphrase change re-seals the new data key to
 * the same public key, so the code the practitioner wrote down keeps working until a new one is
 * issued (session.recover, session.newRecoveryCode), which replaces the key pair.
 */

export const RECOVERY_FILE = 'recovery.json';
export const RECOVERY_NEXT_FILE = 'recovery.next.json';

/** Crockford base32: no I, L, O or U, so the code survives being read aloud or copied by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 24; // 24 × 5 bits = 120 bits

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const RecoveryFileSchema = z.object({
  format: z.literal('bioai-recovery'),
  version: z.literal(1),
  createdAt: z.number(),
  /** X25519 public key, SPKI DER. */
  publicKey: b64,
  /** The private key (PKCS#8 DER) wrapped by the recovery code. */
  privateKey: ScryptSlotSchema,
  /** The data key sealed to the public key. */
  dataKey: z.object({ ephemeral: b64, iv: b64, tag: b64, wrapped: b64 }),
  /** HMAC-SHA256(data key, label): tells which data key this file seals without opening it. */
  keyCheck: b64,
});
export type RecoveryFile = z.infer<typeof RecoveryFileSchema>;

const PRIVATE_AAD = Buffer.from('bioai-recovery-v1:private-key');
const SEAL_INFO = Buffer.from('bioai-recovery-v1:data-key');

/** 24 random base32 characters in groups of four: XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** Accepts lower case, spaces or dashes, and the usual misreadings (O→0, I/L→1); null if malformed. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_CHARS || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

const badCode = (): AppError =>
  new AppError(
    'bad-recovery-code',
    'This recovery code does not open the data. Check it against the code you wrote down (24 letters and digits).',
  );

function keyCheck(dek: Buffer): string {
  return createHmac('sha256', dek).update('bioai-recovery-v1:key-check').digest('base64');
}

function sealKey(dek: Buffer, publicKey: KeyObject): RecoveryFile['dataKey'] {
  const eph = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey });
  const ephDer = eph.publicKey.export({ type: 'spki', format: 'der' });
  const kek = Buffer.from(hkdfSync('sha256', shared, ephDer, SEAL_INFO, 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(ephDer);
  const wrapped = Buffer.concat([cipher.update(dek), cipher.final()]);
  return {
    ephemeral: ephDer.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** A new key pair wrapped by `code`, with `dek` sealed to it. */
export function createRecovery(dek: Buffer, code: string, params: ScryptParams): RecoveryFile {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new AppError('internal', 'Malformed recovery code.');
  const pair = generateKeyPairSync('x25519');
  const privateDer = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    format: 'bioai-recovery',
    version: 1,
    createdAt: Date.now(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: sealWithScrypt(privateDer, normalized, params, PRIVATE_AAD),
    dataKey: sealKey(dek, pair.publicKey),
    keyCheck: keyCheck(dek),
  };
}

/** The same key pair (so the same code) sealing a new data key: used when the database is re-keyed. */
export function resealRecovery(file: RecoveryFile, dek: Buffer): RecoveryFile {
  const publicKey = createPublicKey({ key: Buffer.from(file.publicKey, 'base64'), format: 'der', type: 'spki' });
  return { ...file, dataKey: sealKey(dek, publicKey), keyCheck: keyCheck(dek) };
}

/** Whether this recovery file seals exactly this data key. */
export function recoverySeals(file: RecoveryFile, dek: Buffer): boolean {
  const a = Buffer.from(file.keyCheck, 'base64');
  const b = Buffer.from(keyCheck(dek), 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The data key, or a `bad-recovery-code` error. */
export function openRecovery(file: RecoveryFile, code: string): Buffer {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw badCode();
  try {
    const privateDer = openWithScrypt(file.privateKey, normalized, PRIVATE_AAD);
    const privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
    const ephDer = Buffer.from(file.dataKey.ephemeral, 'base64');
    const ephemeral = createPublicKey({ key: ephDer, format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey, publicKey: ephemeral });
    const kek = Buffer.from(hkdfSync('sha256', shared, ephDer, SEAL_INFO, 32));
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.dataKey.iv, 'base64'));
    decipher.setAAD(ephDer);
    decipher.setAuthTag(Buffer.from(file.dataKey.tag, 'base64'));
    const dek = Buffer.concat([decipher.update(Buffer.from(file.dataKey.wrapped, 'base64')), decipher.final()]);
    if (dek.length !== 32) throw new Error('bad key length');
    return dek;
  } catch {
    throw badCode();
  }
}

export const parseRecovery = (text: string): RecoveryFile | null => parseKeyFile(RecoveryFileSchema, text);

export const readRecovery = (file: string): RecoveryFile | null =>
  readKeyFile(
    file,
    RecoveryFileSchema,
    `The recovery file ${path.basename(file)} is damaged. Restore it from a backup, or unlock with your passphrase and issue a new recovery code.`,
  );

export function writeRecovery(file: string, recovery: RecoveryFile): void {
  writeFileAtomic(file, `${JSON.stringify(recovery, null, 2)}\n`, 0o600);
}
