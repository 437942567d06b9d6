/// <reference lib="deno.worker" />
/**
 * A worker thread of the WebAssembly engine: runs {@linkcode gradientPart} or
 * {@linkcode forwardPart} on its rows of the shared memory when the engine asks.
 *
 * @module
 */
import { type FusionnetKernels, fusionnetKernels } from "../../kernels/fusionnet.ts";
import { type EngineLayout, forwardPart, gradientPart } from "./_engine_part.ts";

let kernels: FusionnetKernels;
let memory: WebAssembly.Memory;
let layout: EngineLayout;

self.onmessage = (e: MessageEvent) => {
  const m = e.data;
  if (m.type === "init") {
    memory = m.memory;
    layout = m.layout;
    kernels = fusionnetKernels(memory, m.module);
    self.postMessage({ type: "ready" });
  } else if (m.type === "grad") {
    const r = gradientPart(kernels, memory, layout, m.thread, m.n0, m.n1, m.batch, m.labels);
    self.postMessage({ type: "done", ...r });
  } else if (m.type === "forward") {
    forwardPart(kernels, layout, m.thread, m.n0, m.n1);
    self.postMessage({ type: "done" });
  }
};
