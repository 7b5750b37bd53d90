import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { BACKUP_KINDS } from '../contract/backup.ts';

/**
 * The backup file: one file that holds the encrypted database and its key files.
 *
 *   "BIOAIBK1" (8 bytes) | header length (uint32, big-endian) | header (JSON) | file bodies
 *
 * The header names each body with its length and SHA-256, so a truncated or damaged file is found
 * before anything is restored. It holds no client data: the database body is the SQLCipher file
 * itself (still encrypted with its data key), and the key files hold that key only wrapped (by the
 * passphrase, and by the recovery code's key pair).
 */

const MAGIC = Buffer.from('BIOAIBK1', 'latin1');
const MAX_HEADER = 64 * 1024;

const Header = z.object({
  format: z.literal('bioai-backup'),
  version: z.literal(1),
  createdAt: z.number(),
  kind: z.enum(BACKUP_KINDS),
  schemaVersion: z.number(),
  files: z.array(
    z.object({
      name: z.string().regex(/^[a-z.]+$/),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupHeader = z.infer<typeof Header>;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function packBackup(
  meta: Omit<BackupHeader, 'format' | 'version' | 'files'>,
  files: { name: string; data: Buffer }[],
): Buffer {
  const header: BackupHeader = {
    format: 'bioai-backup',
    version: 1,
    ...meta,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  return Buffer.concat([MAGIC, length, headerBytes, ...files.map((f) => f.data)]);
}

const corrupt = (fileName: string, why: string): AppError =>
  new AppError('backup-corrupt', `The backup ${fileName} ${why}. Nothing was changed; choose another backup.`);

/** The header alone (for listing); null when the file does not start like a backup. */
export function readBackupHeader(data: Buffer): BackupHeader | null {
  if (data.length < 12 || !data.subarray(0, 8).equals(MAGIC)) return null;
  const length = data.readUInt32BE(8);
  if (length > MAX_HEADER || 12 + length > data.length) return null;
  try {
    const parsed = Header.safeParse(JSON.parse(data.subarray(12, 12 + length).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Parses and verifies a whole backup; a `backup-corrupt` error says what is wrong. */
export function unpackBackup(data: Buffer, fileName: string): { header: BackupHeader; files: Map<string, Buffer> } {
  if (data.length < 12 || !data.subarray(0, 8).equals(MAGIC)) {
    throw corrupt(fileName, 'is not a BioAI Nutrition backup (or its beginning is damaged)');
  }
  const length = data.readUInt32BE(8);
  if (length > MAX_HEADER) throw corrupt(fileName, 'is damaged (its header is unreadable)');
  if (12 + length > data.length) throw corrupt(fileName, 'is incomplete (the file was cut short)');
  const header = readBackupHeader(data);
  if (!header) throw corrupt(fileName, 'is damaged (its header is unreadable)');
  const expected = header.files.reduce((sum, f) => sum + f.bytes, 12 + length);
  if (data.length < expected) {
    throw corrupt(fileName, `is incomplete (the file was cut short: ${data.length} of ${expected} bytes)`);
  }
  if (data.length > expected) throw corrupt(fileName, 'is damaged (it has extra bytes at the end)');
  const files = new Map<string, Buffer>();
  let offset = 12 + length;
  for (const f of header.files) {
    const body = data.subarray(offset, offset + f.bytes);
    offset += f.bytes;
    if (sha256(body) !== f.sha256) throw corrupt(fileName, `is damaged (the checksum of ${f.name} does not match)`);
    files.set(f.name, body);
  }
  return { header, files };
}
