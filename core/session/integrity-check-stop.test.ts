import fs from 'node:fs';
import { expect, it } from 'vitest';
import { createCore } from '../app.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, ok, PASSPHRASE, tempDir, track } from '../test-utils/core-harness.ts';

/**
 * Unlocking starts an integrity check in a worker with its own keyed connection. A lock that comes
 * first must end that worker: otherwise it opens the database, with the key, after the practitioner
 * locked it (and, in a test, while its folder is being removed). The worker takes a moment to start,
 * so a lock right after the unlock always comes first here.
 */
it('a lock right after unlocking stops the integrity check before it opens the database', async () => {
  const dataDir = tempDir();
  const core = track(createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: FAST_SCRYPT }));
  await ok(core, 'session.setup', { passphrase: PASSPHRASE });
  await core.session.integrityChecked();
  await ok(core, 'session.lock');

  await ok(core, 'session.unlock', { passphrase: PASSPHRASE });
  expect(core.session.status().integrityCheck).toBe('running');
  await ok(core, 'session.lock');
  // Watched from after the lock, whose own close removes the write-ahead files.
  const opened: string[] = [];
  const watcher = fs.watch(dataDir, (_event, name) => {
    if (name?.startsWith(`${DATABASE_FILE}-`)) opened.push(name);
  });
  try {
    await core.session.integrityChecked();
    // Give any late writer time to show itself.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    watcher.close();
  }
  expect(opened).toEqual([]);
  expect(fs.readdirSync(dataDir).filter((f) => f.startsWith(`${DATABASE_FILE}-`))).toEqual([]);
});
