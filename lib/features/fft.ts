/**
 * A typed face of the `fft.js` package (radix-4, by Fedor Indutny): the FFT under the STFT.
 *
 * @module
 */
import FFTJS from "fft.js";

/** A power-of-two FFT with precomputed tables (`fft.js`). */
export interface FFT {
  /** The transform size. */
  readonly size: number;
  /** An interleaved complex array of `2 * size` numbers. */
  createComplexArray(): number[];
  /**
   * The FFT of real `input` (length `size`) into interleaved complex `output`; bins
   * `0 ..= size / 2` are filled.
   */
  realTransform(output: number[] | Float64Array, input: ArrayLike<number>): void;
  /** The FFT of interleaved complex `input` into interleaved complex `output`. */
  transform(output: number[] | Float64Array, input: ArrayLike<number>): void;
  /** The inverse FFT of interleaved complex `input` into `output`, scaled by 1 / size. */
  inverseTransform(output: number[] | Float64Array, input: ArrayLike<number>): void;
}

/**
 * Makes an FFT of `size` (a power of two).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FFT } from "./fft.ts";
 * const fft = new FFT(8);
 * const out = fft.createComplexArray();
 * fft.realTransform(out, [1, 1, 1, 1, 1, 1, 1, 1]);
 * assertEquals(out[0], 8); // the DC bin sums the input
 * ```
 */
export const FFT = FFTJS as unknown as new (size: number) => FFT;
