// A small seeded PRNG (mulberry32): the sample registry must come out the same for the same seed
// on every runtime, so Math.random is never used.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `items`, drawn with the given relative weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Up to `n` distinct items, in the order of `items`. */
  some<T>(items: readonly T[], n: number): T[];
}

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly T[], weights: readonly number[]): T => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    some: <T>(items: readonly T[], n: number): T[] => {
      // Small n over short lists: a bitmask of chosen positions is enough and allocates nothing.
      if (items.length > 30) {
        const chosen = new Set<number>();
        while (chosen.size < Math.min(n, items.length)) chosen.add(int(0, items.length - 1));
        return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
      }
      const want = Math.min(n, items.length);
      let mask = 0;
      let count = 0;
      while (count < want) {
        const bit = 1 << int(0, items.length - 1);
        if (!(mask & bit)) {
          mask |= bit;
          count++;
        }
      }
      const out: T[] = [];
      for (let i = 0; i < items.length; i++) if (mask & (1 << i)) out.push(items[i]!);
      return out;
    },
  };
}
