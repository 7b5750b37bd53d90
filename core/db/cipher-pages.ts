import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';

/**
 * Page-level access to a SQLCipher 4 file (the format openDatabase writes: raw 256-bit key, 4096-byte
 * pages, 80 reserved bytes per page = 16-byte IV + 64-byte HMAC-SHA512). Used only when the database
 * itself does not open: to tell a damaged file from a wrong key (a page that authenticates proves the
 * key belongs to the file), to find which pages are damaged, and to repair the file header on page 1
 * in a working copy so the readable rest can be salvaged. Decrypted bytes stay in memory.
 *
 * Layout: the first 16 bytes of the file are the salt (not encrypted). The HMAC key is
 * PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations, 32 bytes). Each page is AES-256-CBC encrypted
 * (page 1 from byte 16 on) with the IV stored after the data; the HMAC covers data + IV + the page
 * number (4 bytes, little-endian).
 */

export const PAGE_SIZE = 4096;
const RESERVE = 80;
const IV_BYTES = 16;
const SALT_BYTES = 16;
const HMAC_BYTES = 64;
const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

export interface PageCryptor {
  /** Whether page `pgno` (1-based) authenticates under this key and salt. */
  verify(page: Buffer, pgno: number): boolean;
  /** The plaintext of a page (page 1 with the SQLite header put back in its first 16 bytes). */
  decrypt(page: Buffer, pgno: number): Buffer;
  /** Encrypts a plaintext page with a fresh IV and its HMAC. */
  encrypt(plain: Buffer, pgno: number): Buffer;
}

export function pageCryptor(key: Buffer, salt: Buffer): PageCryptor {
  const hmacSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
  const hmacKey = pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
  const start = (pgno: number): number => (pgno === 1 ? SALT_BYTES : 0);
  const mac = (page: Buffer, pgno: number): Buffer => {
    const number = Buffer.alloc(4);
    number.writeUInt32LE(pgno);
    return createHmac('sha512', hmacKey)
      .update(page.subarray(start(pgno), PAGE_SIZE - RESERVE + IV_BYTES))
      .update(number)
      .digest();
  };
  return {
    verify(page, pgno) {
      if (page.length !== PAGE_SIZE) return false;
      return timingSafeEqual(mac(page, pgno), page.subarray(PAGE_SIZE - HMAC_BYTES));
    },
    decrypt(page, pgno) {
      const iv = page.subarray(PAGE_SIZE - RESERVE, PAGE_SIZE - RESERVE + IV_BYTES);
      const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const body = Buffer.concat([decipher.update(page.subarray(start(pgno), PAGE_SIZE - RESERVE)), decipher.final()]);
      const plain = Buffer.alloc(PAGE_SIZE);
      if (pgno === 1) SQLITE_HEADER.copy(plain, 0);
      body.copy(plain, start(pgno));
      return plain;
    },
    encrypt(plain, pgno) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const body = Buffer.concat([cipher.update(plain.subarray(start(pgno), PAGE_SIZE - RESERVE)), cipher.final()]);
      const page = Buffer.alloc(PAGE_SIZE);
      if (pgno === 1) salt.copy(page, 0);
      body.copy(page, start(pgno));
      iv.copy(page, PAGE_SIZE - RESERVE);
      mac(page, pgno).copy(page, PAGE_SIZE - HMAC_BYTES);
      return page;
    },
  };
}

function readPage(fd: number, pgno: number): Buffer | null {
  const page = Buffer.alloc(PAGE_SIZE);
  const n = fs.readSync(fd, page, 0, PAGE_SIZE, (pgno - 1) * PAGE_SIZE);
  return n === PAGE_SIZE ? page : null;
}

/**
 * Whether `key` is the key of the database `file`, judged from its pages' HMACs: 'match' when a page
 * authenticates, 'mismatch' when none of the first pages does although the file is long enough to
 * judge, 'unknown' for a file too short to tell. Page 1 damage does not hide a right key: page 2 on
 * still authenticates (unless the salt in the first 16 bytes was overwritten, which reads as mismatch).
 */
export function keyMatchesFile(file: string, key: Buffer, pagesToTry = 16): 'match' | 'mismatch' | 'unknown' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 'unknown';
  }
  try {
    const first = readPage(fd, 1);
    if (!first) return 'unknown';
    const cryptor = pageCryptor(key, first.subarray(0, SALT_BYTES));
    const pages = Math.floor(fs.fstatSync(fd).size / PAGE_SIZE);
    let tried = 0;
    for (let pgno = 1; pgno <= pages && tried < pagesToTry; pgno++) {
      const page = readPage(fd, pgno);
      if (!page) break;
      tried++;
      if (cryptor.verify(page, pgno)) return 'match';
    }
    return tried >= 2 ? 'mismatch' : 'unknown';
  } finally {
    fs.closeSync(fd);
  }
}

/** The pages of `file` whose HMAC does not verify under `key` (1-based page numbers). */
export function damagedPages(file: string, key: Buffer): { pageCount: number; damaged: number[] } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const pageCount = Math.ceil(size / PAGE_SIZE);
    const first = readPage(fd, 1);
    if (!first) return { pageCount, damaged: [1] };
    const cryptor = pageCryptor(key, first.subarray(0, SALT_BYTES));
    const damaged: number[] = [];
    for (let pgno = 1; pgno <= pageCount; pgno++) {
      const page = readPage(fd, pgno);
      if (!page || !cryptor.verify(page, pgno)) damaged.push(pgno);
    }
    return { pageCount, damaged };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Repairs page 1 of a working copy when its HMAC fails: decrypts it (the overwritten 16-byte blocks
 * come out as noise, the rest is intact), puts back the file-header fields whose values this app
 * always writes (page size, reserved bytes, formats, encoding; the page count from the file size; the
 * free-page list dropped, which only matters for writing), and encrypts it again with a valid HMAC.
 * Returns false when page 1 was intact. Whether the schema table on page 1 survived is known only
 * when SQLite reads it.
 */
export function repairPageOne(file: string, key: Buffer): boolean {
  const fd = fs.openSync(file, 'r+');
  try {
    const first = readPage(fd, 1);
    if (!first) return false;
    const cryptor = pageCryptor(key, first.subarray(0, SALT_BYTES));
    if (cryptor.verify(first, 1)) return false;
    const plain = cryptor.decrypt(first, 1);
    const walMode = plain[18] === 2 ? 2 : 1;
    plain.writeUInt16BE(PAGE_SIZE, 16);
    plain[18] = walMode;
    plain[19] = walMode;
    plain[20] = RESERVE;
    plain[21] = 64;
    plain[22] = 32;
    plain[23] = 32;
    plain.writeUInt32BE(Math.ceil(fs.fstatSync(fd).size / PAGE_SIZE), 28);
    plain.writeUInt32BE(0, 32); // first free-list trunk page
    plain.writeUInt32BE(0, 36); // free-list page count
    plain.writeUInt32BE(4, 44); // schema format
    plain.writeUInt32BE(0, 52); // no auto-vacuum
    plain.writeUInt32BE(1, 56); // UTF-8
    plain.writeUInt32BE(0, 64);
    plain.fill(0, 72, 92);
    plain.writeUInt32BE(plain.readUInt32BE(24), 92); // version-valid-for = change counter
    fs.writeSync(fd, cryptor.encrypt(plain, 1), 0, PAGE_SIZE, 0);
    return true;
  } finally {
    fs.closeSync(fd);
  }
}
