import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/test-utils/temp-dir.ts';
import { checkLogs, secretsFromSpecs } from '../e2e/global-teardown.ts';

/** The end-to-end run's log scan (e2e/global-teardown.ts), checked without a browser. */
describe('e2e log scan', () => {
  it('fails when it finds no log file at all (a scan of nothing passes vacuously)', () => {
    expect(() => checkLogs(tempDir(), ['Ana Souza'])).toThrow(/no log files/);
    expect(() => checkLogs(path.join(tempDir(), 'missing'), ['Ana Souza'])).toThrow(/no log files/);
  });

  it('scans for the passphrases the specs type, not only client data', () => {
    const secrets = secretsFromSpecs();
    for (const s of [
      'pumpkin soup 2026!',
      'tomato basil 2026!',
      'a new passphrase 2026',
      'shared practice secret 42',
    ]) {
      expect(secrets).toContain(s);
    }
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'serve.log'), '{"msg":"unlock","passphrase":"pumpkin soup 2026!"}\n');
    expect(() => checkLogs(dir, secrets)).toThrow(/pumpkin soup/);
    fs.writeFileSync(path.join(dir, 'serve.log'), '{"msg":"unlock","passphrase":"[redacted]"}\n');
    expect(checkLogs(dir, secrets)).toEqual({ files: 1, lines: 2 });
  });
});
