import { type Figure, PLOTLY_SOURCE } from "./plotly.ts";

/** What a notebook works on. */
export interface NotebookSetup {
  /** The corpora folder: $SERLAB_DATA, else data/corpora, else the 605 sample clips. */
  data: string;
  /** True on the sample clips: notebooks then train for fewer epochs (small-data mode). */
  small: boolean;
}

/**
 * The first cell of every notebook: loads plotly.js into the notebook once (so later plots are
 * small), and says which data the notebook uses.
 *
 * @example
 * ```ts ignore
 * const { data, small } = await setupNotebook();
 * ```
 */
export async function setupNotebook(): Promise<NotebookSetup> {
  // plotly's bundle registers with require.js when it finds it (classic Jupyter has it); hiding
  // define/module/exports makes it set window.Plotly in every front end
  display(
    `<script>(function (define, module, exports) {${
      PLOTLY_SOURCE.replaceAll("</script", "<\\/script")
    }}).call(window);</script>`,
  );
  const exists = async (p: string) => await Deno.stat(p).then(() => true, () => false);
  const candidates = [Deno.env.get("SERLAB_DATA"), "data/corpora", "../data/corpora"].filter(
    Boolean,
  ) as string[];
  for (const c of candidates) {
    if (await exists(c)) return _announce({ data: c, small: false });
  }
  for (const c of ["../shared/datasets/sample", "../../shared/datasets/sample"]) {
    if (await exists(c)) return _announce({ data: c, small: true });
  }
  throw new Error("no data: set SERLAB_DATA to a corpora folder (see docs/notebooks.md)");
}

function _announce(s: NotebookSetup): NotebookSetup {
  const small = s.small || /shared\/datasets\/sample\/?$/.test(s.data);
  display(
    `<p>Data: <code>${s.data}</code>${
      small ? " — the 605 sample clips (small-data mode)" : ""
    }</p>`,
  );
  return { ...s, small };
}

let _n = 0;

/**
 * Shows a plotly figure in the notebook (plotly.js loaded by {@linkcode setupNotebook}).
 *
 * @example
 * ```ts ignore
 * showFigure(confusionFigure(m.confusion, labels, "Confusion"));
 * ```
 */
export function showFigure(figure: Figure, height = 420): void {
  const id = `serlab-plot-${Date.now().toString(36)}-${_n++}`;
  const json = JSON.stringify(figure).replaceAll("</", "<\\/");
  display(`<div id="${id}" style="height:${height}px"></div><script>(function () {
  var f = ${json};
  function draw() { if (window.Plotly) window.Plotly.newPlot(${
    JSON.stringify(id)
  }, f.data, f.layout, {responsive: true, displaylogo: false}); else setTimeout(draw, 50); }
  draw();
})();</script>`);
}

/**
 * Shows rows of values as an HTML table.
 *
 * @example
 * ```ts ignore
 * showTable([{ corpus: "ravdess", clips: 1440 }]);
 * ```
 */
export function showTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return display("<p>(no rows)</p>");
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) =>
    typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v);
  const esc = (s: string) =>
    s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  display(
    `<table><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>${
      rows.map((r) => `<tr>${cols.map((c) => `<td>${esc(cell(r[c]))}</td>`).join("")}</tr>`).join(
        "",
      )
    }</table>`,
  );
}

/** Displays HTML in the Jupyter front end (outside Jupyter: prints a note to standard error). */
export function display(html: string): void {
  const jupyter = (Deno as unknown as {
    jupyter?: { display(b: Record<string, string>, o: { raw: boolean }): void };
  }).jupyter;
  if (jupyter) jupyter.display({ "text/html": html }, { raw: true });
  else console.error(`[html output, ${html.length} characters]`);
}
