/**
 * A headless Chromium page driven over the DevTools protocol: start it on a URL, evaluate
 * expressions in the page, send any protocol command. The static figure export and the browser
 * tests use it.
 *
 * @module
 */

/** Debian's Chromium, as the figure export and the browser tests use it. */
export const CHROMIUM = "/usr/bin/chromium";

/** A started Chromium with its page. */
export interface Page {
  /** Evaluates `expression` in the page (promises awaited); returns its value. */
  evaluate(expression: string): Promise<unknown>;
  /** Sends a DevTools protocol command to the page; returns its result. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Closes the connection and the browser. */
  close(): Promise<void>;
}

/**
 * Starts headless `chromium` (its profile under `profile`) on `url` and connects to that page.
 * Throws naming the browser when it does not start its DevTools endpoint within 30 s, or opens no
 * page at `url`; the browser is stopped then.
 *
 * @example
 * ```ts ignore
 * const page = await openPage(CHROMIUM, "about:blank", await Deno.makeTempDir());
 * console.log(await page.evaluate("1 + 1")); // 2
 * await page.close();
 * ```
 */
export async function openPage(chromium: string, url: string, profile: string): Promise<Page> {
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
      url,
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const ws = await _connect(await _browserUrl(child.stderr, chromium), url);
    return _page(ws, child);
  } catch (e) {
    try {
      child.kill();
    } catch { /* already gone */ }
    await child.status;
    throw e;
  }
}

/** The browser's DevTools WebSocket URL, read from its standard error (which is then drained). */
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

/** A WebSocket to the page the browser opened at `url` (waiting up to 10 s for it to appear). */
async function _connect(browserWs: string, url: string): Promise<WebSocket> {
  const base = browserWs.replace(/^ws:/, "http:").replace(/\/devtools\/.*$/, "");
  type Target = { type: string; url: string; webSocketDebuggerUrl: string };
  let target: Target | undefined;
  for (let i = 0; i < 100 && !target; i++) {
    const targets = await (await fetch(`${base}/json/list`)).json() as Target[];
    target = targets.find((t) => t.type === "page" && t.url.startsWith(url.split("?")[0]));
    if (!target) await new Promise((r) => setTimeout(r, 100));
  }
  if (!target) throw new Error(`headless Chromium opened no page at ${url}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = () => fail(new Error("cannot connect to headless Chromium"));
  });
  return ws;
}

function _page(ws: WebSocket, child: Deno.ChildProcess): Page {
  let next = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  };
  const send = (method: string, params: Record<string, unknown> = {}) => {
    const id = next++;
    ws.send(JSON.stringify({ id, method, params }));
    return new Promise<Record<string, unknown>>((ok, fail) => {
      waiting.set(id, (m) => {
        if (m.error) fail(new Error(`${method}: ${JSON.stringify(m.error)}`));
        else ok(m.result as Record<string, unknown>);
      });
    });
  };
  return {
    send,
    async evaluate(expression) {
      const r = await send("Runtime.evaluate", {
        expression,
        awaitPromise: true,
        returnByValue: true,
      }) as {
        result?: { value?: unknown };
        exceptionDetails?: { exception?: { description?: string }; text?: string };
      };
      const d = r.exceptionDetails;
      if (d) {
        throw new Error(`in headless Chromium: ${d.exception?.description ?? d.text ?? "error"}`);
      }
      return r.result?.value;
    },
    async close() {
      ws.close();
      try {
        child.kill();
      } catch { /* already gone */ }
      await child.status;
    },
  };
}
