// AssemblyScript source, compiled to WebAssembly (SIMD, relaxed SIMD, shared memory) by
// `deno task build-kernels`.
// The frame-level sequence model's forward and backward pass, one clip at a time:
//
//   x [T][F] -> Conv1D(H, k=5, same) -> ReLU -> Conv1D(H, k=3, same) -> ReLU      (h1, h2 [T][H])
//            -> attention pooling: u_t = tanh(Wa h2_t + ba), s_t = v . u_t, alpha = softmax(s),
//               p = sum_t alpha_t h2_t                                               (p [H])
//            -> Dense(C) -> softmax
//
// Parameters, one float32 block (named by `parameterBlocks`, lib/model/sequence/_net.ts):
//   w1 [5][F][H], b1 [H], w2 [3][H][H], b2 [H], wa [H][A], ba [A], va [A], wo [H][Cp], bo [Cp]
// Every weight is input-major, so each product runs along contiguous outputs. F is a multiple of
// 4, H and A of 16, Cp (C rounded up to 4) of 4. Pointers are byte offsets.
//
// Scratch per clip (sizes from `scratchFloats`): h1, h2 [T][H], u [T][A], alpha [T], p [H],
// prob [Cp], then the gradients dh1, dh2 [T][H], da [T][A], ds [T] and dp [H].

import {
  addOuter,
  axpy,
  copy,
  gradWeights,
  matrixTimesVector,
  multiply,
  relu,
  reluGrad,
  rowTimesMatrix,
  zero,
} from "./_products";
import { dot } from "./_simd";

// Adam, and the sum of the shards' gradients (each zeroes the gradient it has used).
export { adam, addInto } from "./_simd";

let F: i32 = 0;
let H: i32 = 0;
let A: i32 = 0;
let C: i32 = 0;
let Cp: i32 = 0;

/** Sets the dimensions every other function uses. */
export function configure(f: i32, h: i32, a: i32, c: i32): void {
  F = f;
  H = h;
  A = a;
  C = c;
  Cp = (c + 3) & ~3;
}

/** Floats of the parameter block. */
export function paramFloats(): i32 {
  return 5 * F * H + H + 3 * H * H + H + H * A + 2 * A + H * Cp + Cp;
}

/** Floats of the scratch a clip of T frames needs. */
export function scratchFloats(T: i32): i32 {
  return 4 * T * H + 2 * T * A + 2 * ((T + 3) & ~3) + 2 * H + Cp;
}

// Offsets (bytes) of the parameters inside a block, and of the scratch arrays.
function oB1(): usize {
  return <usize> (5 * F * H) << 2;
}
function oW2(): usize {
  return oB1() + (<usize> H << 2);
}
function oB2(): usize {
  return oW2() + (<usize> (3 * H * H) << 2);
}
function oWa(): usize {
  return oB2() + (<usize> H << 2);
}
function oBa(): usize {
  return oWa() + (<usize> (H * A) << 2);
}
function oVa(): usize {
  return oBa() + (<usize> A << 2);
}
function oWo(): usize {
  return oVa() + (<usize> A << 2);
}
function oBo(): usize {
  return oWo() + (<usize> (H * Cp) << 2);
}
function sH2(T: i32): usize {
  return <usize> (T * H) << 2;
}
function sU(T: i32): usize {
  return sH2(T) + (<usize> (T * H) << 2);
}
function sAlpha(T: i32): usize {
  return sU(T) + (<usize> (T * A) << 2);
}
function sP(T: i32): usize {
  return sAlpha(T) + (<usize> ((T + 3) & ~3) << 2);
}
function sProb(T: i32): usize {
  return sP(T) + (<usize> H << 2);
}
function sDh1(T: i32): usize {
  return sProb(T) + (<usize> Cp << 2);
}
function sDh2(T: i32): usize {
  return sDh1(T) + (<usize> (T * H) << 2);
}
function sDa(T: i32): usize {
  return sDh2(T) + (<usize> (T * H) << 2);
}
function sDs(T: i32): usize {
  return sDa(T) + (<usize> (T * A) << 2);
}
function sDp(T: i32): usize {
  return sDs(T) + (<usize> ((T + 3) & ~3) << 2);
}

// ---------------------------------------------------------------------------------------------
// Forward

/**
 * Forward pass of one clip x [T][F] with parameters w; leaves the activations in scratch s and
 * returns the pointer to the class probabilities [Cp] (inside s). A non-zero `mask` [H]
 * (dropout: 0 or 1/(1-rate)) multiplies the pooled vector.
 */
export function forward(w: usize, x: usize, T: i32, s: usize, mask: usize): usize {
  const h1 = s, h2 = s + sH2(T), u = s + sU(T);
  const alpha = s + sAlpha(T), p = s + sP(T), prob = s + sProb(T);
  conv(x, F, T, 5, w, w + oB1(), h1);
  conv(h1, H, T, 3, w + oW2(), w + oB2(), h2);
  // attention scores
  const wa = w + oWa(), ba = w + oBa(), va = w + oVa();
  let top: f32 = -Infinity;
  for (let t = 0; t < T; t++) {
    const ut = u + ((<usize> (t * A)) << 2);
    copy(ba, ut, A);
    rowTimesMatrix(h2 + ((<usize> (t * H)) << 2), H, wa, A, ut);
    let st: f32 = 0;
    for (let a = 0; a < A; a++) {
      const v = Mathf.tanh(load<f32>(ut + (<usize> a << 2)));
      store<f32>(ut + (<usize> a << 2), v);
      st += v * load<f32>(va + (<usize> a << 2));
    }
    store<f32>(alpha + (<usize> t << 2), st);
    if (st > top) top = st;
  }
  let sum: f32 = 0;
  for (let t = 0; t < T; t++) {
    const e = Mathf.exp(load<f32>(alpha + (<usize> t << 2)) - top);
    store<f32>(alpha + (<usize> t << 2), e);
    sum += e;
  }
  zero(p, H);
  for (let t = 0; t < T; t++) {
    const at = load<f32>(alpha + (<usize> t << 2)) / sum;
    store<f32>(alpha + (<usize> t << 2), at);
    axpy(at, h2 + ((<usize> (t * H)) << 2), p, H);
  }
  if (mask != 0) multiply(p, mask, H);
  // output layer and softmax
  copy(w + oBo(), prob, Cp);
  rowTimesMatrix(p, H, w + oWo(), Cp, prob);
  top = -Infinity;
  for (let c = 0; c < C; c++) top = max(top, load<f32>(prob + (<usize> c << 2)));
  sum = 0;
  for (let c = 0; c < C; c++) {
    const e = Mathf.exp(load<f32>(prob + (<usize> c << 2)) - top);
    store<f32>(prob + (<usize> c << 2), e);
    sum += e;
  }
  for (let c = 0; c < C; c++) {
    store<f32>(prob + (<usize> c << 2), load<f32>(prob + (<usize> c << 2)) / sum);
  }
  for (let c = C; c < Cp; c++) store<f32>(prob + (<usize> c << 2), 0);
  return prob;
}

/** out[t] = relu(b + sum over taps k, inputs i of in[t + k - K/2][i] w[k][i][:]), zero padding. */
function conv(inp: usize, I: i32, T: i32, K: i32, w: usize, b: usize, out: usize): void {
  for (let t = 0; t < T; t++) copy(b, out + ((<usize> (t * H)) << 2), H);
  convAdd(inp, I, T, K, w, out);
  relu(out, T * H);
}

/**
 * out[t][0..H) += sum over taps k, inputs i of in[t + k - K/2][i] w[k][i][0..H), zero padding.
 * Four frames at a time inside the clip (they share every weight load), one at a time at its
 * edges.
 */
function convAdd(inp: usize, I: i32, T: i32, K: i32, w: usize, out: usize): void {
  const half = K >> 1;
  const L = K * I;
  const rs = <usize> I << 2, ws = <usize> H << 2;
  let t = 0;
  for (; t < T; t++) {
    if (t >= half && t + 3 + half < T) {
      // frames t..t+3, whole windows
      const a0 = inp + ((<usize> ((t - half) * I)) << 2);
      const o0 = out + ((<usize> (t * H)) << 2);
      for (let n = 0; n < H; n += 8) {
        const on = <usize> n << 2;
        let s00 = v128.load(o0 + on), s01 = v128.load(o0 + on, 16);
        let s10 = v128.load(o0 + ws + on), s11 = v128.load(o0 + ws + on, 16);
        let s20 = v128.load(o0 + 2 * ws + on), s21 = v128.load(o0 + 2 * ws + on, 16);
        let s30 = v128.load(o0 + 3 * ws + on), s31 = v128.load(o0 + 3 * ws + on, 16);
        let a = a0, r = w + on;
        for (let j = 0; j < L; j++) {
          const u = v128.load(r), v = v128.load(r, 16);
          const x0 = v128.load32_splat(a), x1 = v128.load32_splat(a + rs);
          s00 = f32x4.relaxed_madd(x0, u, s00);
          s01 = f32x4.relaxed_madd(x0, v, s01);
          s10 = f32x4.relaxed_madd(x1, u, s10);
          s11 = f32x4.relaxed_madd(x1, v, s11);
          const x2 = v128.load32_splat(a + 2 * rs), x3 = v128.load32_splat(a + 3 * rs);
          s20 = f32x4.relaxed_madd(x2, u, s20);
          s21 = f32x4.relaxed_madd(x2, v, s21);
          s30 = f32x4.relaxed_madd(x3, u, s30);
          s31 = f32x4.relaxed_madd(x3, v, s31);
          a += 4;
          r += ws;
        }
        v128.store(o0 + on, s00);
        v128.store(o0 + on, s01, 16);
        v128.store(o0 + ws + on, s10);
        v128.store(o0 + ws + on, s11, 16);
        v128.store(o0 + 2 * ws + on, s20);
        v128.store(o0 + 2 * ws + on, s21, 16);
        v128.store(o0 + 3 * ws + on, s30);
        v128.store(o0 + 3 * ws + on, s31, 16);
      }
      t += 3;
      continue;
    }
    const k0 = max(0, half - t), k1 = min(K, T + half - t);
    rowTimesMatrix(
      inp + ((<usize> ((t + k0 - half) * I)) << 2),
      (k1 - k0) * I,
      w + ((<usize> (k0 * I * H)) << 2),
      H,
      out + ((<usize> (t * H)) << 2),
    );
  }
}

/**
 * wt[k][o][i] = w2[2 - k][i][o]: the second convolution's taps flipped and transposed, so that
 * its input gradient is a convolution of the output gradient (`backward` needs it current).
 */
export function transposeTaps(w: usize, wt: usize): void {
  const w2 = w + oW2();
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < H; i++) {
      for (let o = 0; o < H; o++) {
        store<f32>(
          wt + ((<usize> ((k * H + o) * H + i)) << 2),
          load<f32>(w2 + ((<usize> (((2 - k) * H + i) * H + o)) << 2)),
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Backward

/**
 * Backward pass of the clip `forward` just ran (same x, T, s, mask): adds the gradient of
 * `scale * cross-entropy(label)` to g (same layout as w); wt from `transposeTaps(w, wt)`.
 * Returns the clip's loss.
 */
export function backward(
  w: usize,
  wt: usize,
  g: usize,
  x: usize,
  T: i32,
  s: usize,
  mask: usize,
  label: i32,
  scale: f32,
): f32 {
  const h1 = s, h2 = s + sH2(T), u = s + sU(T);
  const alpha = s + sAlpha(T), p = s + sP(T), prob = s + sProb(T);
  const dh1 = s + sDh1(T), dh2 = s + sDh2(T), da = s + sDa(T);
  const ds = s + sDs(T), dp = s + sDp(T);
  const loss = -Mathf.log(max(load<f32>(prob + (<usize> label << 2)), 1e-30));
  // dz = scale (prob - onehot), kept in prob
  for (let c = 0; c < Cp; c++) {
    const at = prob + (<usize> c << 2);
    store<f32>(at, scale * (load<f32>(at) - (c == label ? <f32> 1 : <f32> 0)));
  }
  // output layer: gWo += p dz, gbo += dz
  const wo = w + oWo();
  addOuter(p, H, prob, Cp, g + oWo());
  axpy(1, prob, g + oBo(), Cp);
  // dp[h] = sum_c wo[h][c] dz[c]
  zero(dp, H);
  matrixTimesVector(wo, H, Cp, prob, dp);
  if (mask != 0) multiply(dp, mask, H);
  // pooling: dh2_t = alpha_t dp; dalpha_t = dp . h2_t; ds_t = alpha_t (dalpha_t - sum alpha dalpha)
  let mean: f32 = 0;
  for (let t = 0; t < T; t++) {
    const dt = dot(dp, h2 + ((<usize> (t * H)) << 2), H);
    const at = load<f32>(alpha + (<usize> t << 2));
    mean += at * dt;
    store<f32>(ds + (<usize> t << 2), dt);
    const dht = dh2 + ((<usize> (t * H)) << 2);
    zero(dht, H);
    axpy(at, dp, dht, H);
  }
  for (let t = 0; t < T; t++) {
    const at = ds + (<usize> t << 2);
    store<f32>(at, load<f32>(alpha + (<usize> t << 2)) * (load<f32>(at) - mean));
  }
  const va = w + oVa(), wa = w + oWa();
  const gva = g + oVa(), gba = g + oBa(), gwa = g + oWa();
  // attention: gva += ds_t u_t; da_t = ds_t va (1 - u_t^2)
  for (let t = 0; t < T; t++) {
    const dst = load<f32>(ds + (<usize> t << 2));
    const ut = u + ((<usize> (t * A)) << 2);
    axpy(dst, ut, gva, A);
    const dat = da + ((<usize> (t * A)) << 2);
    for (let a = 0; a < A; a += 4) {
      const o = <usize> a << 2;
      const uv = v128.load(ut + o);
      const one = f32x4.splat(1);
      v128.store(
        dat + o,
        f32x4.mul(
          f32x4.mul(f32x4.splat(dst), v128.load(va + o)),
          f32x4.sub(one, f32x4.mul(uv, uv)),
        ),
      );
    }
  }
  // gWa += sum_t h2_t da_t; gba += sum_t da_t; dh2_t += Wa da_t
  gradWeights(h2, H, da, A, 0, T, H, gwa);
  for (let t = 0; t < T; t++) {
    const dat = da + ((<usize> (t * A)) << 2);
    axpy(1, dat, gba, A);
    matrixTimesVector(wa, H, A, dat, dh2 + ((<usize> (t * H)) << 2));
  }
  // conv2 (ReLU through h2): dz2 in dh2
  reluGrad(h2, dh2, T * H);
  convGrad(h1, H, T, 3, dh2, g + oW2(), g + oB2());
  zero(dh1, T * H);
  convAdd(dh2, H, T, 3, wt, dh1);
  reluGrad(h1, dh1, T * H);
  convGrad(x, F, T, 5, dh1, g, g + oB1());
  return loss;
}

/** Gradients of out = conv(in) given dout [T][H]: gw[k][i][:] += sum_t in[t+k-K/2][i] dout[t], gb += sum_t dout[t]. */
function convGrad(inp: usize, I: i32, T: i32, K: i32, dout: usize, gw: usize, gb: usize): void {
  const half = K >> 1;
  for (let t = 0; t < T; t++) axpy(1, dout + ((<usize> (t * H)) << 2), gb, H);
  for (let k = 0; k < K; k++) {
    // rows t with 0 <= t + k - half < T
    const t0 = max(0, half - k), t1 = min(T, T + half - k);
    if (t1 <= t0) continue;
    gradWeights(
      inp + ((<usize> ((t0 + k - half) * I)) << 2),
      I,
      dout + ((<usize> (t0 * H)) << 2),
      H,
      0,
      t1 - t0,
      I,
      gw + ((<usize> (k * I * H)) << 2),
    );
  }
}
