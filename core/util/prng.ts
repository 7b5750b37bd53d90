/**
 * A small deterministic PRNG (mulberry32, Tommy Ettinger's, public domain): identical in every JS engine,
 * so a seed replays the same draws. Tests that draw random inputs use it with a fixed seed (a failure
 * names a seed that replays it exactly); the scripts use it for reproducible samples and model inputs.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
