/**
 * `deno task serve MODEL_DIR [--port 8000] [--host 127.0.0.1]`: serves the live page, which loads
 * the model with TensorFlow.js in the browser, captures the microphone and shows the emotion
 * probabilities over time, computed with the same feature code as training. Works offline.
 *
 * @module
 */
import { serveApp } from "../lib/realtime/serve.ts";
import { PORT, taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("serve", Deno.args, {
    usage: "usage: deno task serve MODEL_DIR [--port 8000] [--host 127.0.0.1]",
    strings: ["host"],
    numbers: { port: PORT },
    positionals: { min: 1, max: 1, what: "one model folder" },
  });
  const [modelDir] = args._;
  try {
    const { url } = await serveApp({
      modelDir,
      port: (args.port as number | undefined) ?? 8000,
      hostname: (args.host as string | undefined) ?? "127.0.0.1",
    });
    console.log(`serving ${modelDir} at ${url} — open it and allow the microphone (Ctrl-C stops)`);
  } catch (e) {
    console.error(`serve: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
