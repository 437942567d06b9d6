import { PLOTLY_SOURCE } from "../report/plotly.ts";
import { EmotionPredictor } from "./predictor.ts";

/** How {@linkcode serveApp} runs. */
export interface ServeOptions {
  /** A model folder written by `deno task train` or `deno task reproduce`. */
  modelDir: string;
  port: number;
  hostname: string;
  /** Receives what the page posts to /report (its `?report` mode, for tests). */
  onReport?: (result: Record<string, unknown>) => void;
  signal?: AbortSignal;
}

const WEB = new URL("../../web/", import.meta.url);

/**
 * Serves the live page: bundles `web/app.ts` (serlab's own feature and prediction code and
 * TensorFlow.js) for the browser, and serves it with plotly.js, the AudioWorklet and the model's
 * files, all from this machine, so the page works offline, cross-origin isolated (so that it may
 * share WebAssembly memory, as the sequence model's kernels do). Returns the server and its URL. The
 * model folder is loaded and checked first: a damaged one is an error naming the file.
 *
 * @example
 * ```ts ignore
 * const { url } = await serveApp({ modelDir: "results/demo/model", port: 8000, hostname: "127.0.0.1" });
 * ```
 */
export async function serveApp(o: ServeOptions): Promise<{ server: Deno.HttpServer; url: string }> {
  // the whole folder is checked (card, weights) before the page is offered
  (await EmotionPredictor.load(o.modelDir)).dispose();
  const app = await _bundle();
  const files: Record<string, [string, string]> = {
    "/": ["text/html; charset=utf-8", await Deno.readTextFile(new URL("index.html", WEB))],
    "/app.js": ["text/javascript; charset=utf-8", app],
    "/capture_worklet.js": [
      "text/javascript; charset=utf-8",
      await Deno.readTextFile(new URL("capture_worklet.js", WEB)),
    ],
    "/plotly.js": ["text/javascript; charset=utf-8", PLOTLY_SOURCE],
  };
  const modelRoot = await Deno.realPath(o.modelDir);
  const server = Deno.serve({
    port: o.port,
    hostname: o.hostname,
    signal: o.signal,
    onListen: () => {},
  }, async (req) => {
    const response = await respond(req);
    // cross-origin isolation: the page may make shared WebAssembly memory (the sequence
    // model's kernels); everything it loads is served from here
    response.headers.set("cross-origin-opener-policy", "same-origin");
    response.headers.set("cross-origin-embedder-policy", "require-corp");
    return response;
  });
  const addr = server.addr as Deno.NetAddr;
  return { server, url: `http://${addr.hostname}:${addr.port}/` };

  async function respond(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (req.method === "POST" && path === "/report" && o.onReport) {
      o.onReport(await req.json());
      return new Response("ok");
    }
    const file = files[path];
    if (file) return new Response(file[1], { headers: { "content-type": file[0] } });
    if (path.startsWith("/model/")) {
      try {
        const real = await Deno.realPath(`${modelRoot}/${decodeURIComponent(path.slice(7))}`);
        if (!real.startsWith(`${modelRoot}/`)) return new Response("forbidden", { status: 403 });
        const type = real.endsWith(".json") ? "application/json" : "application/octet-stream";
        return new Response(await Deno.readFile(real), { headers: { "content-type": type } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    }
    return new Response("not found", { status: 404 });
  }
}

/** `web/app.ts` and everything it imports as one browser module (`deno bundle`). */
async function _bundle(): Promise<string> {
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    const r = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--platform",
        "browser",
        "--format",
        "esm",
        "--minify",
        "-o",
        out,
        new URL("app.ts", WEB).pathname,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!r.success) {
      throw new Error(`bundling the page failed: ${new TextDecoder().decode(r.stderr)}`);
    }
    return await Deno.readTextFile(out);
  } finally {
    await Deno.remove(out).catch(() => {});
  }
}
