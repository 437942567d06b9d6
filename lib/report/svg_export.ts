/**
 * Static SVG of plotly figures, made by plotly.js itself (`Plotly.toImage(gd, {format: "svg"})`)
 * in headless Chromium driven over the DevTools protocol, so that a page GitHub renders shows
 * the same plots as `report.html`.
 *
 * @module
 */
import { CHROMIUM, openPage } from "./chromium.ts";
import { type Figure, PLOTLY_SOURCE } from "./plotly.ts";

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
  try {
    const page = await openPage(chromium, "about:blank", profile);
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
      await page.close();
    }
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}
