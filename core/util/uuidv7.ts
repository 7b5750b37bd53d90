import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. Ids sort by creation
 * time, which keeps B-tree inserts local and gives sync a stable order. Within one millisecond a
 * 12-bit counter in rand_a keeps ids from this process monotonic (RFC 9562 §6.2, method 1).
 */
let lastMs = -1;
let counter = 0;

// Random bytes are drawn from the CSPRNG 4 KiB at a time and handed out 16 per id: one call to the
// generator per 256 ids instead of one per id (a practice-wide rule pass creates thousands of rows).
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;
function random16(): Buffer {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const out = Buffer.from(POOL.subarray(poolAt, poolAt + 16));
  POOL.fill(0, poolAt, poolAt + 16); // a byte handed out is not kept
  poolAt += 16;
  return out;
}

export function uuidv7(now: number = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      // Counter exhausted: borrow the next millisecond rather than lose monotonicity.
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const bytes = random16();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
