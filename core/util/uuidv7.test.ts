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

  it('draws fresh random bits for every id, across refills of its random pool', () => {
    // 600 ids in one millisecond pass the 4 KiB pool twice; the random tails (after the counter)
    // must all differ and none may be all zeros (a handed-out slice is wiped in the pool, not in the id).
    const tails = Array.from({ length: 600 }, () => uuidv7(3_000_000_000_000).slice(19));
    expect(new Set(tails).size).toBe(600);
    expect(tails.some((t) => /^[08]0{3}-0{12}$/.test(t))).toBe(false);
  });
});
