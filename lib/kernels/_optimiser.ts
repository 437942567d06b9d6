/**
 * The functions of `kernels/_simd.ts` that both training modules (`kernels/fusionnet.ts`,
 * `kernels/sequence.ts`) export: Adam and the sum of the threads' gradients.
 *
 * @module
 */

/** Adam and the gradient sum; pointers are byte offsets into the memory, n a multiple of 4. */
export interface OptimiserKernels {
  /** One Adam step over n parameters (TensorFlow's form, `kernels/_simd.ts`); zeroes g. */
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    lrT: number,
    b1: number,
    b2: number,
    epsT: number,
  ): void;
  /** a += b, then b = 0, over n floats. */
  addInto(a: number, b: number, n: number): void;
}
