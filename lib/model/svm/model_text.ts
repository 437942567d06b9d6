/**
 * Reads libsvm's own model text (what `svm_save_model`, and libsvm-js's `serializeModel`, write;
 * the format of libsvm's `svm.cpp`, Chang & Lin 2011) into arrays, checking every field: the ONNX
 * export and the model card's check read a C-SVC with probability estimates from it.
 *
 * @module
 */

/** A C-SVC's model, as libsvm's text holds it. */
export interface SvmModelText {
  kernel: "linear" | "rbf";
  /** The RBF's gamma (0 for the linear kernel, which has none). */
  gamma: number;
  /** The classes libsvm saw, in its order (first appearance in training). */
  labels: number[];
  /** One per pair (i < j in `labels` order): decision = Σ coef·K(sv, x) − rho. */
  rho: number[];
  /** Platt's sigmoid per pair: P(i | i or j) = 1 / (1 + exp(probA·decision + probB)). */
  probA: number[];
  probB: number[];
  /** Support vectors per class, in `labels` order. */
  nSV: number[];
  /** (classes − 1) × total support vectors, row-major (libsvm's `sv_coef`). */
  coef: Float64Array;
  /** total support vectors × dims, row-major, dense (absent indices are 0). */
  sv: Float64Array;
}

/**
 * Parses libsvm's model text of a C-SVC with probability estimates over `dims` features. Throws
 * an `Error` whose message names the line or header field and the problem.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseSvmModel } from "./model_text.ts";
 * const text = "svm_type c_svc\nkernel_type linear\nnr_class 2\ntotal_sv 2\nrho 0\nlabel 1 0\n" +
 *   "probA -1\nprobB 0\nnr_sv 1 1\nSV\n1 1:1 \n-1 1:-1 \n";
 * const m = parseSvmModel(text, 1);
 * assertEquals([m.labels, Array.from(m.sv)], [[1, 0], [1, -1]]);
 * ```
 */
export function parseSvmModel(text: string, dims: number): SvmModelText {
  const lines = text.split("\n");
  const header = new Map<string, string[]>();
  let at = 0;
  for (; at < lines.length && lines[at].trim() !== "SV"; at++) {
    const [key, ...values] = lines[at].trim().split(/\s+/);
    if (key) header.set(key, values);
  }
  if (at === lines.length) throw new Error('no "SV" line: not libsvm model text');
  const word = (key: string) => header.get(key)?.[0];
  const numbers = (key: string, length: number): number[] => {
    const v = (header.get(key) ?? []).map(Number);
    if (v.length !== length || !v.every(Number.isFinite)) {
      throw new Error(`${key}: must hold ${length} finite numbers, holds "${header.get(key)}"`);
    }
    return v;
  };
  if (word("svm_type") !== "c_svc") {
    throw new Error(`svm_type: "${word("svm_type")}", expected "c_svc"`);
  }
  const kernel = word("kernel_type");
  if (kernel !== "linear" && kernel !== "rbf") {
    throw new Error(`kernel_type: "${kernel}", expected "linear" or "rbf"`);
  }
  const [k] = numbers("nr_class", 1), [total] = numbers("total_sv", 1);
  if (!Number.isInteger(k) || k < 2) throw new Error(`nr_class: ${k}, expected 2 or more`);
  const pairs = k * (k - 1) / 2;
  const labels = numbers("label", k);
  if (new Set(labels).size !== k || !labels.every((l) => Number.isInteger(l) && l >= 0)) {
    throw new Error(`label: "${labels}" must be ${k} distinct class numbers`);
  }
  const nSV = numbers("nr_sv", k);
  if (nSV.reduce((a, b) => a + b, 0) !== total) {
    throw new Error(`nr_sv: "${nSV}" does not add up to total_sv ${total}`);
  }
  const gamma = kernel === "rbf" ? numbers("gamma", 1)[0] : 0;
  if (kernel === "rbf" && !(gamma > 0)) throw new Error(`gamma: ${gamma}, must be positive`);
  const model: SvmModelText = {
    kernel,
    gamma,
    labels,
    rho: numbers("rho", pairs),
    probA: numbers("probA", pairs),
    probB: numbers("probB", pairs),
    nSV,
    coef: new Float64Array((k - 1) * total),
    sv: new Float64Array(total * dims),
  };
  for (let s = 0; s < total; s++) {
    const line = lines[at + 1 + s]?.trim().split(/\s+/) ?? [];
    const bad = (problem: string): never => {
      throw new Error(`support vector ${s + 1} of ${total}: ${problem}`);
    };
    if (line.length < k - 1) bad("missing");
    for (let c = 0; c < k - 1; c++) {
      const v = Number(line[c]);
      if (!Number.isFinite(v)) bad(`coefficient "${line[c]}" is not a finite number`);
      model.coef[c * total + s] = v;
    }
    for (const pair of line.slice(k - 1)) {
      const [i, v] = pair.split(":").map(Number);
      if (!Number.isInteger(i) || i < 1 || i > dims || !Number.isFinite(v)) {
        bad(`"${pair}" is not index:value with an index in 1..${dims}`);
      }
      model.sv[s * dims + i - 1] = v;
    }
  }
  return model;
}
