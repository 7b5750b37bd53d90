import fs from 'node:fs';
import path from 'node:path';

/** Writes all of `buf` to `fd`: write(2) may write less than asked (a nearly full disk, > 2 GiB on Linux). */
function writeAll(fd: number, buf: Buffer): void {
  let offset = 0;
  while (offset < buf.length) {
    const written = fs.writeSync(fd, buf, offset, buf.length - offset);
    if (!Number.isInteger(written) || written <= 0) {
      throw Object.assign(new Error(`ENOSPC: short write (${offset} of ${buf.length} bytes)`), { code: 'ENOSPC' });
    }
    offset += written;
  }
}

/**
 * Write a file so that a crash leaves either the old or the new content, never half of one:
 * write a temporary file in the same folder (looping until every byte is written), fsync it, rename
 * it over the target, fsync the folder. On any error the temporary file is removed and the target is
 * left as it was.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    try {
      writeAll(fd, buf);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.statSync(tmp).size !== buf.length) {
      throw new Error(`The temporary file for ${path.basename(file)} has the wrong size.`);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory for fsync; the rename is still atomic there.
  }
}
