/**
 * Static SVG of plotly figures, made by plotly.js itself (`Plotly.toImage(gd, {format: "svg"})`)
 * in headless Chromium driven over the DevTools protocol, so that a page GitHub renders shows
 * the same plots as `report.html`.
 *
 * @module
 */
import { type Figure, PLOTLY_SOURCE } from "./plotly.ts";

/** Debian's Chromium, as the browser tests use it. */
export const CHROMIUM = "/usr/bin/chromium";

/** A figure to export and its size in pixels. */
export interface SvgJob {
  figure: Figure;
  width?: number;
  height?: number;
}

/**
 * Renders each figure to SVG text with plotly.js in one headless Chromium. Throws, naming the
 * browser, when Chromium is missing or fails to start, and naming the figure when plotly fails.
 *
 * @example
 * ```ts ignore
 * const [svg] = await figuresToSvg([{ figure: barFigure({ a: 0.5 }, "t", "accuracy") }]);
 * ```
 */
export async function figuresToSvg(jobs: SvgJob[], chromium = CHROMIUM): Promise<string[]> {
  await Deno.stat(chromium).catch(() => {
    throw new Error(`${chromium} is missing: sudo apt-get install -y chromium`);
  });
  const profile = await Deno.makeTempDir({ prefix: "serlab-svg-" });
  const child = new Deno.Command(chromium, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const page = await _connect(await _browserUrl(child.stderr, chromium));
    try {
      await page.evaluate(PLOTLY_SOURCE + "\n;true");
      const out: string[] = [];
      for (const [i, job] of jobs.entries()) {
        const width = job.width ?? 900;
        const height = job.height ?? 420;
        const url = await page.evaluate(`(async () => {
          const gd = document.createElement("div");
          gd.style.width = "${width}px"; gd.style.height = "${height}px";
          document.body.appendChild(gd);
          const f = ${JSON.stringify(job.figure)};
          await Plotly.newPlot(gd, f.data, f.layout, {staticPlot: true});
          const url = await Plotly.toImage(gd, {format: "svg", width: ${width}, height: ${height}});
          Plotly.purge(gd); gd.remove();
          return url;
        })()`) as string;
        const prefix = "data:image/svg+xml,";
        if (typeof url !== "string" || !url.startsWith(prefix)) {
          throw new Error(`figure ${i + 1}: plotly returned no SVG`);
        }
        out.push(decodeURIComponent(url.slice(prefix.length)));
      }
      return out;
    } finally {
      page.close();
    }
  } finally {
    try {
      child.kill();
    } catch { /* already gone */ }
    await child.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function _browserUrl(stderr: ReadableStream<Uint8Array>, chromium: string): Promise<string> {
  const reader = stderr.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const timer = setTimeout(() => reader.cancel(), 30_000);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        // keep draining so Chromium never blocks on a full pipe
        (async () => {
          try {
            while (!(await reader.read()).done) { /* drain */ }
          } catch { /* closed */ }
        })();
        return m[1];
      }
    }
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`${chromium} did not start its DevTools endpoint: ${text.slice(-500)}`);
}

interface _Page {
  evaluate(expression: string): Promise<unknown>;
  close(): void;
}

async function _connect(browserWs: string): Promise<_Page> {
  const base = browserWs.replace(/^ws:/, "http:").replace(/\/devtools\/.*$/, "");
  const targets = await (await fetch(`${base}/json/list`)).json() as {
    type: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.type === "page");
  if (!target) throw new Error("headless Chromium has no page to draw in");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = () => fail(new Error("cannot connect to headless Chromium"));
  });
  let next = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  };
  return {
    evaluate(expression) {
      const id = next++;
      ws.send(JSON.stringify({
        id,
        method: "Runtime.evaluate",
        params: { expression, awaitPromise: true, returnByValue: true },
      }));
      return new Promise((ok, fail) => {
        waiting.set(id, (m) => {
          const r = m.result as {
            result?: { value?: unknown };
            exceptionDetails?: { exception?: { description?: string }; text?: string };
          } | undefined;
          if (m.error || !r || r.exceptionDetails) {
            const d = r?.exceptionDetails;
            fail(
              new Error(
                `in headless Chromium: ${
                  d?.exception?.description ?? d?.text ?? JSON.stringify(m.error)
                }`,
              ),
            );
          } else ok(r.result?.value);
        });
      });
    },
    close() {
      ws.close();
    },
  };
}
