/**
 * Decibels of powers as `librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80)`: values below
 * the clip's loudest minus `topDb` are raised to it (over the whole array, not per frame).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { powerToDb } from "./mfcc.ts";
 * assertEquals(powerToDb(Float64Array.of(1, 0.1, 0)), Float64Array.of(0, -10, -80));
 * ```
 */
export function powerToDb(power: Float64Array, topDb = 80): Float64Array {
  const db = new Float64Array(power.length);
  let max = -Infinity;
  for (let i = 0; i < power.length; i++) {
    db[i] = 10 * Math.log10(Math.max(1e-10, power[i]));
    if (db[i] > max) max = db[i];
  }
  const floor = max - topDb;
  for (let i = 0; i < db.length; i++) if (db[i] < floor) db[i] = floor;
  return db;
}

const _dcts = new Map<string, Float64Array>();

/**
 * MFCCs of each frame from mel powers (`frames * bands`, frame-major): `powerToDb`, then the
 * orthonormal DCT-II over bands, first `nMfcc` coefficients, as `librosa.feature.mfcc`.
 * Returns `frames * nMfcc`, frame-major.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * import { mfcc } from "./mfcc.ts";
 * const c = mfcc(new Float64Array(2 * 128).fill(1), 2, 128, 20);
 * assertEquals(c.length, 40);
 * assertAlmostEquals(c[1], 0, 1e-9); // a flat spectrum has only c0
 * ```
 */
export function mfcc(
  melPower: Float64Array,
  frames: number,
  bands: number,
  nMfcc: number,
): Float64Array {
  const db = powerToDb(melPower);
  const basis = _dctBasis(bands, nMfcc);
  const out = new Float64Array(frames * nMfcc);
  for (let t = 0; t < frames; t++) {
    const x = t * bands;
    for (let k = 0; k < nMfcc; k++) {
      const b = k * bands;
      let acc = 0;
      for (let n = 0; n < bands; n++) acc += basis[b + n] * db[x + n];
      out[t * nMfcc + k] = acc;
    }
  }
  return out;
}

/** Rows of the orthonormal DCT-II matrix. */
function _dctBasis(n: number, rows: number): Float64Array {
  const key = `${n}:${rows}`;
  let basis = _dcts.get(key);
  if (!basis) {
    basis = new Float64Array(rows * n);
    for (let k = 0; k < rows; k++) {
      const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
      for (let i = 0; i < n; i++) {
        basis[k * n + i] = scale * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
      }
    }
    _dcts.set(key, basis);
  }
  return basis;
}
