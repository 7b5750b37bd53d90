import { execFileSync } from 'node:child_process';

/**
 * Real small or read-only file systems for the storage-condition tests: a tmpfs of a few megabytes
 * (which really fills up) mounted on a test folder. Needs root with the right to mount; where that is
 * not available (or BIOAI_TEST_NO_MOUNT is set) the callers fall back (SQLite's max_page_count, chmod).
 */
export function mountTmpfs(dir: string, megabytes: number): boolean {
  if (process.getuid?.() !== 0 || process.env['BIOAI_TEST_NO_MOUNT']) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' });
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
}
