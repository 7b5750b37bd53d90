import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../contract/errors.ts';

/** A key file's text parsed with its schema; null when it is not JSON or not that kind of file. */
export function parseKeyFile<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * Reads one of the data folder's key files (the passphrase keyring, the recovery slot): null when the
 * file is absent (not set up), its parsed content, or the 'not-a-database' error with `damaged` as its
 * sentence when the file is there but unreadable as that kind of file.
 */
export function readKeyFile<T>(file: string, schema: z.ZodType<T>, damaged: string): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = parseKeyFile(schema, text);
  if (!parsed) throw new AppError('not-a-database', damaged);
  return parsed;
}
