import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH } from './passphrase-check.ts';

describe('checkNewPassphrase', () => {
  it('asks for the minimum length, counting characters exactly', () => {
    const short = 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1);
    const enough = 'x'.repeat(MIN_PASSPHRASE_LENGTH);
    expect(checkNewPassphrase(short, short)).toEqual({ tooShort: true, mismatch: false });
    expect(checkNewPassphrase(enough, enough)).toEqual({ tooShort: false, mismatch: false });
  });

  it('finds a confirmation that differs, even by case or a trailing space', () => {
    expect(checkNewPassphrase('correct horse', 'Correct horse').mismatch).toBe(true);
    expect(checkNewPassphrase('correct horse', 'correct horse ').mismatch).toBe(true);
    expect(checkNewPassphrase('correct horse', '').mismatch).toBe(true);
  });

  it('skips the length check with a minimum of 0', () => {
    expect(checkNewPassphrase('a', 'a', 0)).toEqual({ tooShort: false, mismatch: false });
  });
});
