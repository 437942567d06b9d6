import { callWorker } from "../../lib/util/worker.ts";
import { assertEquals, assertRejects } from "../_assert.ts";

function _worker(code: string): Worker {
  const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  return new Worker(url, { type: "module" });
}

Deno.test("callWorker: resolves with the worker's replies, one request after another", async () => {
  const w = _worker("self.onmessage = (e) => self.postMessage({ twice: e.data.n * 2 });");
  try {
    assertEquals(await callWorker(w, { n: 21 }, "doubler"), { twice: 42 });
    assertEquals(await callWorker(w, { n: -4 }, "doubler"), { twice: -8 });
  } finally {
    w.terminate();
  }
});

Deno.test("callWorker: an error thrown in the worker rejects, named by who", async () => {
  const w = _worker("self.onmessage = () => { throw new Error('no such task'); };");
  try {
    await assertRejects(() => callWorker(w, {}, "test worker"), Error, "test worker:");
  } finally {
    w.terminate();
  }
});
