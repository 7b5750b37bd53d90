import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-utils/temp-dir.ts';
import { writeFileAtomic } from './atomic-file.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes the whole buffer when write(2) writes only part of it per call', () => {
    const dir = tempDir();
    const file = path.join(dir, 'backup.bin');
    const data = Buffer.alloc(1 << 20);
    for (let i = 0; i < data.length; i++) data[i] = i % 251;
    const realWrite = fs.writeSync;
    // What write(2) does on a nearly-full disk (or for > 2 GiB on Linux): writes part and returns the count.
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, offset = 0, length?: number) =>
      realWrite(fd, buf, offset, Math.min(4096, length ?? buf.length - offset))) as never);
    writeFileAtomic(file, data);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('never renames a short write over the target: a write that stops making progress throws', () => {
    const dir = tempDir();
    const file = path.join(dir, 'backup.bin');
    fs.writeFileSync(file, 'previous good content');
    const realWrite = fs.writeSync;
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, offset = 0) =>
      calls++ === 0 ? realWrite(fd, buf, offset, 4096) : 0) as never);
    expect(() => writeFileAtomic(file, Buffer.alloc(1 << 20, 7))).toThrow(/short write/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe('previous good content');
    expect(leftovers(dir)).toEqual([]);
  });

  it('leaves the target as it was and removes the temporary file when the disk is full', () => {
    const dir = tempDir();
    const file = path.join(dir, 'keyring.json');
    fs.writeFileSync(file, 'old key file');
    vi.spyOn(fs, 'writeSync').mockImplementation((() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as never);
    expect(() => writeFileAtomic(file, 'new key file')).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe('old key file');
    expect(leftovers(dir)).toEqual([]);
  });
});
