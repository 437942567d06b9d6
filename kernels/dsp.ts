// AssemblyScript source, compiled to WebAssembly (SIMD) by `deno task build-kernels`.
// Signal-processing inner loops of lib/audio and lib/features. Pointers are byte offsets into the
// module's memory; the TypeScript side (lib/kernels/heap.ts) lays the arrays out.

/**
 * Polyphase resampling. Output t sits at input time t*m/l = n + p/l; its value is the dot product
 * of phase p's `taps` weights (at bank + p*taps*4) with x[n - left + 1 ...], x being zero outside
 * [0, nIn). `taps` is a multiple of 8.
 */
export function resample(
  x: usize,
  nIn: i32,
  y: usize,
  nOut: i32,
  bank: usize,
  taps: i32,
  left: i32,
  l: i32,
  m: i32,
): void {
  for (let t = 0; t < nOut; t++) {
    const num = <i64> t * <i64> m;
    const n = <i32> (num / <i64> l);
    const p = <i32> (num - <i64> n * <i64> l);
    const x0 = n - left + 1;
    const w = bank + ((<usize> p * <usize> taps) << 2);
    let acc: f32 = 0;
    if (x0 >= 0 && x0 + taps <= nIn) {
      acc = dot(w, x + (<usize> x0 << 2), taps);
    } else {
      const j0 = max(0, -x0);
      const j1 = min(taps, nIn - x0);
      for (let j = j0; j < j1; j++) {
        acc += load<f32>(w + (<usize> j << 2)) * load<f32>(x + (<usize> (x0 + j) << 2));
      }
    }
    store<f32>(y + (<usize> t << 2), acc);
  }
}

/** Dot product of n (a multiple of 8) float32s at a and b. */
function dot(a: usize, b: usize, n: i32): f32 {
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  for (let i = 0; i < n; i += 8) {
    const o = <usize> i << 2;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  const s = f32x4.add(s0, s1);
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) +
    f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}
