import fs from 'node:fs';

/**
 * Writes a file only its owner may read: a report or a plan handout holds a client's health data in
 * the clear. writeFileSync's mode applies only to a new file, so an existing one is set as well.
 */
export function writePrivateFile(file: string, bytes: Uint8Array): void {
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
