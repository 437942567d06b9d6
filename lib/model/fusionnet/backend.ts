import { tf } from "./_tfjs.ts";
import type { ExtractorConfig } from "./architecture.ts";
import { WasmExtractor } from "./engine.ts";
import { extractorLayers, writeLayerWeights } from "./layers.ts";
import { LayersNetwork } from "./layers_network.ts";
import type { FeatureNetwork } from "./network.ts";

/** What can compute the extractor. */
export type BackendName = "wasm-simd" | "tfjs-node-gpu" | "tfjs-node" | "tfjs-webgpu" | "tfjs-cpu";

/** A backend, or "auto": the fastest that loads here. */
export type BackendChoice = BackendName | "auto";

/** Every backend name, for option parsing. */
export const BACKENDS: readonly BackendChoice[] = Object.freeze([
  "auto",
  "wasm-simd",
  "tfjs-node-gpu",
  "tfjs-node",
  "tfjs-webgpu",
  "tfjs-cpu",
]);

/** The backend chosen, why, and what the others said: recorded with every result. */
export interface BackendInfo {
  name: BackendName;
  /** Threads, adapter or library that computes it. */
  detail: string;
  /** For "auto": each candidate's training rate in samples/s, or why it did not load. */
  candidates: Record<string, number | string>;
}

/**
 * Resolves a backend choice. "auto" tries, in turn, `@tensorflow/tfjs-node-gpu` and
 * `@tensorflow/tfjs-node` (used when installed and they load), Deno's WebGPU on a real (not
 * fallback or software) adapter, and the WebAssembly SIMD engine; when more than one loads, each
 * trains a few batches of the real shape and the fastest wins. tfjs `cpu` (about 11 samples/s)
 * is chosen only when nothing else computes the architecture (two Conv1D blocks on a machine
 * without tfjs-node or a GPU); name it to force it.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * import { selectBackend } from "./backend.ts";
 * const info = await selectBackend("auto", extractorConfig(6));
 * // "wasm-simd" on a machine without tfjs-node or a real GPU; never tfjs "cpu", as wasm-simd computes it
 * assert(info.name !== "tfjs-cpu");
 * ```
 */
export async function selectBackend(
  choice: BackendChoice,
  config: ExtractorConfig,
): Promise<BackendInfo> {
  if (choice !== "auto") {
    const why = await _load(choice, config);
    if (typeof why === "string") throw new Error(`backend ${choice} is not available: ${why}`);
    return { name: choice, detail: why.detail, candidates: {} };
  }
  // the choice depends on the machine and the architecture only: made once per process
  const key = JSON.stringify(config);
  let choosing = _auto.get(key);
  if (!choosing) _auto.set(key, choosing = _chooseFastest(config));
  return await choosing;
}

const _auto = new Map<string, Promise<BackendInfo>>();

async function _chooseFastest(config: ExtractorConfig): Promise<BackendInfo> {
  const candidates: Record<string, number | string> = {};
  const loaded: { name: BackendName; detail: string }[] = [];
  for (const name of ["tfjs-node-gpu", "tfjs-node", "tfjs-webgpu", "wasm-simd"] as const) {
    const r = await _load(name, config);
    if (typeof r === "string") candidates[name] = r;
    else loaded.push({ name, detail: r.detail });
  }
  if (loaded.length === 0) {
    // nothing faster computes this architecture here: TensorFlow.js's plain-JavaScript backend does
    return {
      name: "tfjs-cpu",
      detail: "TensorFlow.js cpu (nothing faster loads for this architecture)",
      candidates,
    };
  }
  if (loaded.length === 1) return { ...loaded[0], candidates };
  let best = loaded[0], bestRate = -1;
  for (const b of loaded) {
    const rate = await _probe(b.name, config);
    candidates[b.name] = Math.round(rate);
    if (rate > bestRate) [best, bestRate] = [b, rate];
  }
  return { ...best, candidates };
}

/**
 * A fresh extractor on `backend` with initial weights drawn from `seed` (the same weights on
 * every backend: TensorFlow.js models get the engine's draw).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * import { createExtractor, selectBackend } from "./backend.ts";
 * const config = extractorConfig(6);
 * const net = await createExtractor(config, 42, await selectBackend("wasm-simd", config));
 * assertEquals(net.backend, "wasm-simd");
 * net.dispose();
 * ```
 */
export async function createExtractor(
  config: ExtractorConfig,
  seed: number,
  backend: BackendInfo,
): Promise<FeatureNetwork> {
  if (backend.name === "wasm-simd") return await WasmExtractor.create(config, seed);
  await _activate(backend.name);
  const model = extractorLayers(config);
  if (WasmExtractor.supports(config)) {
    const init = await WasmExtractor.create(config, seed, 1);
    writeLayerWeights(model, init.getWeights());
    init.dispose();
  }
  return new LayersNetwork(model, backend.name);
}

/** Loads a backend's library (or adapter); returns what it is, or why it cannot be used. */
async function _load(
  name: BackendName,
  config: ExtractorConfig,
): Promise<{ detail: string } | string> {
  if (name === "wasm-simd" || name === "tfjs-cpu") return await _loadOnce(name, config);
  // libraries and adapters do not change within a process: look once
  const known = _loaded.get(name);
  if (known) return await known;
  const pending = _loadOnce(name, config);
  _loaded.set(name, pending);
  return await pending;
}

const _loaded = new Map<BackendName, Promise<{ detail: string } | string>>();

async function _loadOnce(
  name: BackendName,
  config: ExtractorConfig,
): Promise<{ detail: string } | string> {
  try {
    switch (name) {
      case "wasm-simd":
        if (!WasmExtractor.supports(config)) return "computes one Conv1D(k=5) block only";
        return {
          detail: `${Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1))} threads`,
        };
      case "tfjs-cpu":
        return { detail: "TensorFlow.js cpu (plain JavaScript)" };
      case "tfjs-node":
      case "tfjs-node-gpu": {
        // A computed specifier: only resolves when the user installed the package.
        const specifier = `@tensorflow/${name}`;
        await import(specifier);
        return { detail: `TensorFlow.js ${name} (libtensorflow)` };
      }
      case "tfjs-webgpu": {
        const gpu = (navigator as { gpu?: GPU }).gpu;
        const adapter = gpu && await _quietly(() => gpu.requestAdapter());
        if (!adapter) return "no WebGPU adapter";
        const info = adapter.info;
        const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
        if (
          (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ||
          /llvmpipe|lavapipe|swiftshader|software/i.test(text)
        ) {
          return `only a software adapter (${info.description || info.vendor})`;
        }
        await import("@tensorflow/tfjs-backend-webgpu");
        return { detail: `WebGPU: ${info.description || info.vendor}` };
      }
    }
  } catch (e) {
    return `does not load (${
      (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 160)
    })`;
  }
}

/**
 * Runs a WebGPU adapter request without libwayland's "XDG_RUNTIME_DIR is invalid or not set" on
 * stderr (Mesa's Vulkan drivers probe Wayland; headless machines often lack the variable): when it
 * is unset, it points at a private temporary folder for the request.
 */
async function _quietly<T>(request: () => Promise<T>): Promise<T> {
  let dir: string | undefined;
  try {
    if (!Deno.env.get("XDG_RUNTIME_DIR")) {
      dir = Deno.makeTempDirSync({ prefix: "serlab-runtime-" });
      Deno.env.set("XDG_RUNTIME_DIR", dir);
    }
  } catch {
    // without env or write permission the message stays; the request is the same
  }
  try {
    return await request();
  } finally {
    if (dir) Deno.removeSync(dir, { recursive: true });
  }
}

/** Makes TensorFlow.js compute on `name`. */
async function _activate(name: BackendName): Promise<void> {
  const tfName = name === "tfjs-webgpu" ? "webgpu" : name === "tfjs-cpu" ? "cpu" : "tensorflow";
  if (tf.getBackend() !== tfName && !(await tf.setBackend(tfName))) {
    throw new Error(`TensorFlow.js backend ${tfName} failed to initialise`);
  }
}

/** Training samples per second of the extractor on `name`, over a few batches of random data. */
async function _probe(name: BackendName, config: ExtractorConfig): Promise<number> {
  const net = await createExtractor(config, 1, { name, detail: "", candidates: {} });
  const x = Float32Array.from({ length: 64 * config.inputLength }, (_, i) => Math.sin(i));
  const y = Int32Array.from({ length: 64 }, (_, i) => i % config.classes);
  try {
    for (let i = 0; i < 2; i++) await net.trainBatch(x, y, 1e-3);
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 500) {
      await net.trainBatch(x, y, 1e-3);
      n += 64;
    }
    return (n * 1000) / (performance.now() - start);
  } finally {
    net.dispose();
  }
}
