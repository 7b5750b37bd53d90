import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_SCRYPT } from '../test-utils/core-harness.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { DEFAULT_SCRYPT, parseKeyring, readKeyring, wrapWithPassphrase } from './keyring.ts';
import { createRecovery, generateRecoveryCode, parseRecovery } from './recovery.ts';

const withCost = (text: string, cost: { N?: number; r?: number; p?: number }): string => {
  const json = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const slot = json.passphrase ?? json.privateKey;
  if (!slot) throw new Error('no scrypt slot');
  Object.assign(slot, cost);
  return JSON.stringify(json);
};

describe('scrypt parameters from key files', () => {
  const ring = JSON.stringify(wrapWithPassphrase(Buffer.alloc(32, 1), 'a passphrase', FAST_SCRYPT));

  it('accepts the production and the test cost', () => {
    expect(parseKeyring(ring)).not.toBeNull();
    expect(parseKeyring(withCost(ring, DEFAULT_SCRYPT))).not.toBeNull();
  });

  it('refuses a tampered file asking for gigabytes (N, r, p or N·r too high, N not a power of two)', () => {
    for (const cost of [
      { N: 2 ** 22, r: 32 }, // 16 GiB
      { N: 2 ** 19, r: 8 },
      { N: 2 ** 18, r: 16 }, // N·r = 2^22: 512 MiB
      { r: 64 },
      { p: 16 },
      { N: 3000 },
    ]) {
      expect(parseKeyring(withCost(ring, cost)), JSON.stringify(cost)).toBeNull();
    }
    const dir = tempDir();
    const file = path.join(dir, 'keyring.json');
    fs.writeFileSync(file, withCost(ring, { N: 2 ** 22, r: 32 }));
    expect(() => readKeyring(file)).toThrow(/damaged or is not a BioAI Nutrition key file/);
  });

  it('refuses the same in a recovery file', () => {
    const recovery = JSON.stringify(createRecovery(Buffer.alloc(32, 1), generateRecoveryCode(), FAST_SCRYPT));
    expect(parseRecovery(recovery)).not.toBeNull();
    expect(parseRecovery(withCost(recovery, { N: 2 ** 22, r: 32 }))).toBeNull();
  });
});
