/**
 * A small seeded generator (mulberry32): a user's flows, tool counts and think times are the same
 * on every run of a scenario, so a failure can be replayed.
 *
 * @example
 * const random = createRandom(42);
 * random(); // 0 ≤ x < 1, the same sequence for seed 42 every time
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
