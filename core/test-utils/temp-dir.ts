import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  // A closed core ends its workers, but a thread's end is asynchronous: a file one of them was
  // closing can appear during the removal (ENOTEMPTY), so the removal tries again briefly.
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'bioai-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
