/**
 * A headless Chromium page driven over the DevTools protocol, for the browser tests: start it on
 * a URL, evaluate expressions in the page, send any protocol command.
 */

/** A started Chromium with its page. */
export interface Page {
  /** Evaluates `expression` in the page (promises awaited); returns its value. */
  evaluate(expression: string): Promise<unknown>;
  /** Sends a DevTools protocol command to the page; returns its result. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Closes the connection and the browser. */
  close(): Promise<void>;
}

/** Starts headless `chromium` (its profile under `profile`) on `url`. */
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
  const reader = child.stderr.getReader();
  let text = "";
  let browser: string | undefined;
  while (!browser) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${chromium} did not start its DevTools endpoint: ${text}`);
    text += new TextDecoder().decode(value);
    browser = /DevTools listening on (ws:\/\/\S+)/.exec(text)?.[1];
  }
  (async () => { // keep draining so Chromium never blocks on a full pipe
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  const base = browser.replace(/^ws:/, "http:").replace(/\/devtools\/.*$/, "");
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
      }) as { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
      if (r.exceptionDetails) throw new Error(`in the page: ${JSON.stringify(r.exceptionDetails)}`);
      return r.result?.value;
    },
    async close() {
      ws.close();
      child.kill();
      await child.status;
    },
  };
}
