// AssemblyScript, imported by the training kernels (fusionnet.ts, sequence.ts, which export
// `adam` and `addInto` from here); not a kernel module of its own. The float32 SIMD pieces both
// networks run the same way: Adam, summing the threads' gradients, and the dot-product helpers.
// Pointers are byte offsets; n is a multiple of 4.

/**
 * Adam on n parameters, TensorFlow's form: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr_t m / (sqrt(v) + eps_t), with lr_t = lr sqrt(1-b2^t)/(1-b1^t) and
 * eps_t = eps sqrt(1-b2^t) carrying the bias corrections. Zeroes g as it goes (it is spent).
 */
export function adam(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  lrT: f32,
  b1: f32,
  b2: f32,
  epsT: f32,
): void {
  const B1 = f32x4.splat(b1), B2 = f32x4.splat(b2);
  const C1 = f32x4.splat(1 - b1), C2 = f32x4.splat(1 - b2);
  const LR = f32x4.splat(lrT), EPS = f32x4.splat(epsT);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(B1, v128.load(m + o)), f32x4.mul(C1, gi));
    const vi = f32x4.add(f32x4.mul(B2, v128.load(v + o)), f32x4.mul(C2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    v128.store(g + o, f32x4.splat(0));
    const step = f32x4.div(f32x4.mul(LR, mi), f32x4.add(f32x4.sqrt(vi), EPS));
    v128.store(p + o, f32x4.sub(v128.load(p + o), step));
  }
}

/** a[i] += b[i], then b[i] = 0, for n floats: sums the threads' gradients into a. */
export function addInto(a: usize, b: usize, n: i32): void {
  const z = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    v128.store(a + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
    v128.store(b + o, z);
  }
}

/** sum over i < n of a[i] b[i], four lanes fused then added across. */
export function dot(a: usize, b: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    s = f32x4.relaxed_madd(v128.load(a + o), v128.load(b + o), s);
  }
  return hsum(s);
}

/** The four lanes' sum, lane 0 first. */
export function hsum(s: v128): f32 {
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) +
    f32x4.extract_lane(s, 3);
}

/** at[0..4) += s. */
export function addStore(at: usize, s: v128): void {
  v128.store(at, f32x4.add(v128.load(at), s));
}
