/// <reference lib="deno.worker" />
/**
 * A worker thread of the sequence model's training: runs {@linkcode runShard} on the shared
 * memory when the network asks.
 *
 * @module
 */
import { type SequenceKernels, sequenceKernels } from "../../kernels/sequence.ts";
import { runShard } from "./_shard.ts";

let kernels: SequenceKernels;

self.onmessage = (e: MessageEvent) => {
  const m = e.data;
  if (m.type === "init") {
    kernels = sequenceKernels(m.memory, m.module);
    kernels.configure(m.dims[0], m.dims[1], m.dims[2], m.dims[3]);
    self.postMessage({ loss: 0 });
  } else {
    self.postMessage({ loss: runShard(kernels, m.task) });
  }
};
