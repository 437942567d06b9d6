/**
 * A seeded pseudo-random generator (xoshiro128**, seeded by splitmix32), so every run that
 * takes the same seed draws the same numbers on every platform.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Random } from "./random.ts";
 * const a = new Random(42), b = new Random(42);
 * assertEquals(a.next(), b.next());
 * ```
 */
export class Random {
  #s: Uint32Array;
  #spare: number | undefined;

  /** A generator for `seed` (any integer; strings are hashed with {@linkcode seedOf}). */
  constructor(seed: number) {
    let x = seed >>> 0;
    const s = new Uint32Array(4);
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    this.#s = s;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const s = this.#s;
    const result = Math.imul(_rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = _rotl(s[3], 11);
    return result / 4294967296;
  }

  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal number (Box-Muller). */
  normal(): number {
    if (this.#spare !== undefined) {
      const s = this.#spare;
      this.#spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[] | Int32Array): T[] | Int32Array {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/**
 * A 32-bit seed from any text, so that derived streams ("fold 3", "augment noise") are
 * independent yet reproducible.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { seedOf } from "./random.ts";
 * assertEquals(seedOf(42, "fold", 3), seedOf(42, "fold", 3));
 * ```
 */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function _rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
