/**
 * Posts `message` to `worker` and resolves with its next reply; an error the worker throws
 * rejects, named by `who`. One request at a time per worker (the reply handler is replaced).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { callWorker } from "./worker.ts";
 * const code = "self.onmessage = (e) => self.postMessage({ twice: e.data.n * 2 });";
 * const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
 * const worker = new Worker(url, { type: "module" });
 * assertEquals(await callWorker(worker, { n: 21 }, "doubler"), { twice: 42 });
 * worker.terminate();
 * ```
 */
export function callWorker(
  worker: Worker,
  message: Record<string, unknown>,
  who: string,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`${who}: ${e.message}`));
    };
    worker.postMessage(message);
  });
}
