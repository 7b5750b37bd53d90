import { describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7 } from './uuidv7.ts';

describe('uuidv7', () => {
  it('encodes the millisecond timestamp, version 7 and the RFC 9562 variant', () => {
    const id = uuidv7(0x0123456789ab);
    expect(id.startsWith('01234567-89ab-7')).toBe(true);
    expect(id).toMatch(UUID_RE);
  });

  it('stays strictly increasing within one millisecond and across a clock step back', () => {
    const ids = [
      uuidv7(2_000_000_000_000),
      uuidv7(2_000_000_000_000),
      uuidv7(1_999_999_999_000),
      uuidv7(2_000_000_000_001),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });
});
