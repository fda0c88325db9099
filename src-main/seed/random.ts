import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * A seeded random source for the demo portfolio. Every draw comes from one xoroshiro128+
 * stream, so the same seed replays the same portfolio on any machine. Never Math.random.
 */
export class Rng {
  private readonly generator: RandomGenerator;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return uniformInt(this.generator, min, max);
  }

  /** True with probability `p` (resolution one in a million). */
  chance(p: number): boolean {
    return uniformInt(this.generator, 0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[uniformInt(this.generator, 0, items.length - 1)] as T;
  }

  /** Picks a key by integer weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times in four. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = uniformInt(this.generator, 0, total - 1);
    for (const [value, weight] of entries) {
      if (roll < weight) return value;
      roll -= weight;
    }
    throw new RangeError('weighted pick with no positive weight');
  }

  /** `digits` decimal digits as a string, leading zeros kept. */
  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i += 1) text += String(uniformInt(this.generator, 0, 9));
    return text;
  }
}
