/**
 * One shard of a training batch: forward and backward of its clips (already in the shared
 * memory) into the shard's own gradient block. Runs on the main thread and in the workers.
 *
 * @module
 */
import type { SequenceKernels } from "../../kernels/sequence.ts";

/** Where a shard's arrays live (byte offsets) and its clips as (x, T, label, mask) quadruples. */
export interface ShardTask {
  w: number;
  wt: number;
  g: number;
  s: number;
  clips: number[];
  scale: number;
}

/** Runs a shard; returns the sum of its clips' losses. */
export function runShard(k: SequenceKernels, task: ShardTask): number {
  let loss = 0;
  const c = task.clips;
  for (let i = 0; i < c.length; i += 4) {
    const [x, T, label, mask] = [c[i], c[i + 1], c[i + 2], c[i + 3]];
    k.forward(task.w, x, T, task.s, mask);
    loss += k.backward(task.w, task.wt, task.g, x, T, task.s, mask, label, task.scale);
  }
  return loss;
}
