// One home for the seeded random numbers of the synthetic catalogue and the bench's
// request generator: mulberry32, small, fast, and the same sequence on every
// machine for a seed (a bench run or a seed can be replayed).
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
