/**
 * plotly.js (the cartesian bundle: heatmap, bar, scatter), as text to embed in standalone HTML so
 * that plots work offline; notebooks embed it once per notebook.
 *
 * @module
 */
import source from "plotly.js-cartesian-dist-min/plotly-cartesian.min.js" with { type: "text" };

/** A plotly figure: traces and layout, as plotly.js takes them. */
export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** The minified plotly.js cartesian bundle. */
export const PLOTLY_SOURCE: string = source;

/**
 * A `<script>` element holding plotly.js (about 1.5 MB).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { plotlyScript } from "./plotly.ts";
 * assert(plotlyScript().startsWith("<script>"));
 * ```
 */
export function plotlyScript(): string {
  return `<script>${PLOTLY_SOURCE.replaceAll("</script", "<\\/script")}</script>`;
}

/**
 * A `<div>` and the script that draws `figure` into it (plotly.js must be loaded before).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { plotDiv } from "./plotly.ts";
 * assert(plotDiv("a", { data: [], layout: {} }).includes("Plotly.newPlot"));
 * ```
 */
export function plotDiv(id: string, figure: Figure, height = 420): string {
  const json = JSON.stringify(figure).replaceAll("</", "<\\/");
  return `<div id="${id}" style="height:${height}px"></div>\n<script>Plotly.newPlot(${
    JSON.stringify(id)
  }, ${json}.data, ${json}.layout, {responsive: true, displaylogo: false});</script>`;
}
