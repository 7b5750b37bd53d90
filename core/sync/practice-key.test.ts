import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, generatePracticeKey, unwrapPracticeKey, wrapPracticeKey } from './practice-key.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('practice key', () => {
  it('unwraps with the practice passphrase only', () => {
    const key = generatePracticeKey();
    const envelope = wrapPracticeKey(key, 'our practice passphrase', FAST);
    expect(envelope).not.toContain(key.toString('base64'));
    expect(unwrapPracticeKey(envelope, 'our practice passphrase').equals(key)).toBe(true);
    expect(() => unwrapPracticeKey(envelope, 'wrong passphrase!')).toThrow(/does not open/);
    expect(() => unwrapPracticeKey('{"format":"x"}', 'our practice passphrase')).toThrow(/cannot read/);
  });

  it('encrypts field values bound to their row and field', () => {
    const key = generatePracticeKey();
    const c = encryptField(key, 'clients/1/name', 'Ada Lovelace');
    expect(c).toMatch(/^enc:v1:/);
    expect(c).not.toContain('Ada');
    expect(decryptField(key, 'clients/1/name', c)).toBe('Ada Lovelace');
    // An empty value is encrypted too (the server cannot tell it from a filled one).
    const empty = encryptField(key, 'clients/1/phone', null);
    expect(empty).toMatch(/^enc:v1:/);
    expect(decryptField(key, 'clients/1/phone', empty)).toBeNull();
    expect(decryptField(key, 'clients/1/name', null)).toBeNull();
    // A field the first wire version sent in plaintext may still be held that way by a server.
    expect(decryptField(key, 'clients/1/weight_kg', 61, true)).toBe(61);
    expect(decryptField(key, 'clients/1/weight_kg', encryptField(key, 'clients/1/weight_kg', 61), true)).toBe(61);
    expect(() => decryptField(key, 'clients/2/name', c)).toThrow(/does not decrypt/);
    expect(() => decryptField(generatePracticeKey(), 'clients/1/name', c)).toThrow(/does not decrypt/);
    expect(() => decryptField(key, 'clients/1/name', 'Ada')).toThrow(/unencrypted/);
    expect(decryptField(key, 'events/1/detail', encryptField(key, 'events/1/detail', { amount: 2 }))).toEqual({
      amount: 2,
    });
  });
});
