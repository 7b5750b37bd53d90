/**
 * The grams an entry logs for a share eaten of a served amount: grams × share, to one decimal (at least
 * 0.1 g when anything was eaten). The same rule as the core's `eatenGrams` (core/vision/pairing.ts),
 * which computes what saving logs: the renderer may not import contract values, so it is written twice
 * and the e2e spec checks that the review and the log show the same grams.
 */
export function eatenGrams(served: number, share: number): number {
  return share <= 0 ? 0 : Math.max(0.1, Math.round(served * share * 10) / 10);
}
