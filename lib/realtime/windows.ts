/** One analysis window of a stream. */
export interface Window {
  /** Seconds from the start of the stream. */
  start: number;
  end: number;
  samples: Float32Array;
}

/**
 * Cuts a stream of samples into windows of `window` seconds every `hop` seconds, holding no
 * more than one window of audio however long the stream runs.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Windower } from "./windows.ts";
 * const w = new Windower(10, 1, 0.5);
 * assertEquals(w.push(new Float32Array(20)).map((x) => x.start), [0, 0.5, 1]);
 * ```
 */
export class Windower {
  readonly sampleRate: number;
  readonly #size: number;
  /** Hop in samples, possibly fractional: window k ends at round(size + k * hop). */
  readonly #hop: number;
  readonly #ring: Float32Array;
  #filled = 0;
  #emitted = 0;
  #next: number;
  #total = 0;

  constructor(sampleRate: number, window: number, hop: number) {
    if (!(hop > 0 && window > 0)) throw new RangeError("window and hop must be positive");
    this.sampleRate = sampleRate;
    this.#size = Math.round(window * sampleRate);
    if (!(this.#size >= 1)) {
      throw new RangeError(`a ${window} s window at ${sampleRate} Hz holds no sample`);
    }
    this.#hop = Math.max(1, hop * sampleRate);
    this.#ring = new Float32Array(this.#size);
    this.#next = this.#size;
  }

  /** Adds samples; returns the windows that are now complete, oldest first. */
  push(samples: Float32Array): Window[] {
    const out: Window[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.#ring[this.#filled % this.#size] = samples[i];
      this.#filled++;
      this.#total++;
      if (this.#total === this.#next) {
        const w = new Float32Array(this.#size);
        const start = this.#filled % this.#size; // oldest sample
        w.set(this.#ring.subarray(start));
        w.set(this.#ring.subarray(0, start), this.#size - start);
        const end = this.#total / this.sampleRate;
        out.push({ start: end - this.#size / this.sampleRate, end, samples: w });
        this.#emitted++;
        this.#next = Math.round(this.#size + this.#emitted * this.#hop);
      }
      if (this.#filled === 2 * this.#size) this.#filled = this.#size; // keep the counter small
    }
    return out;
  }
}

/**
 * Level of a signal in dB relative to full scale (RMS); -Infinity for digital silence.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { levelDb } from "./windows.ts";
 * assertAlmostEquals(levelDb(new Float32Array(100).fill(0.1)), -20, 1e-5);
 * ```
 */
export function levelDb(y: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * y[i];
  return 10 * Math.log10(s / Math.max(1, y.length));
}
