import type { EpochLog } from "../model/fusionnet/train.ts";
import type { Figure } from "./plotly.ts";

/**
 * A confusion matrix as a heatmap, rows normalised to the share of each true class.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { confusionFigure } from "./figures.ts";
 * const f = confusionFigure([[3, 1], [0, 4]], ["sad", "happy"], "Confusion");
 * assertEquals(f.data[0].type, "heatmap");
 * ```
 */
export function confusionFigure(confusion: number[][], classes: string[], title: string): Figure {
  const share = confusion.map((row) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (n ? v / n : 0));
  });
  return {
    data: [{
      type: "heatmap",
      z: share,
      x: classes,
      y: classes,
      text: confusion.map((row) => row.map(String)),
      texttemplate: "%{text}",
      colorscale: [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]],
      zmin: 0,
      zmax: 1,
      hovertemplate: "true %{y}, predicted %{x}: %{text} (%{z:.0%})<extra></extra>",
    }],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "predicted" } },
      yaxis: { title: { text: "true" }, autorange: "reversed" },
      margin: { l: 90, b: 80 },
    },
  };
}

/**
 * Loss and accuracy per epoch, training and validation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { learningCurveFigure } from "./figures.ts";
 * assertEquals(learningCurveFigure([], "Extractor").data.length, 4);
 * ```
 */
export function learningCurveFigure(epochs: EpochLog[], title: string): Figure {
  const x = epochs.map((e) => e.epoch);
  const line = (name: string, y: (number | null)[], axis: string, dash: string) => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x,
    y,
    yaxis: axis,
    line: { dash },
  });
  return {
    data: [
      line("loss", epochs.map((e) => e.loss), "y", "solid"),
      line("validation loss", epochs.map((e) => e.valLoss), "y", "dot"),
      line("accuracy", epochs.map((e) => e.accuracy), "y2", "solid"),
      line("validation accuracy", epochs.map((e) => e.valAccuracy), "y2", "dot"),
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "loss" } },
      yaxis2: { title: { text: "accuracy" }, overlaying: "y", side: "right", range: [0, 1] },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Bars of a value per named group (folds, corpora, genders, variants), with an optional
 * reference line (the paper's figure).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { barFigure } from "./figures.ts";
 * const f = barFigure({ "fold 1": 0.5 }, "Accuracy", "accuracy", 0.45);
 * const [line] = f.layout.shapes as { type: string; y0: number }[]; // a dashed line at the reference
 * assertEquals([line.type, line.y0], ["line", 0.45]);
 * ```
 */
export function barFigure(
  values: Record<string, number>,
  title: string,
  axis: string,
  reference?: number,
): Figure {
  const names = Object.keys(values);
  return {
    data: [{
      type: "bar",
      x: names,
      y: names.map((n) => values[n]),
      text: names.map((n) => values[n].toFixed(3)),
      textposition: "auto",
    }],
    layout: {
      title: { text: title },
      yaxis: { title: { text: axis }, range: [0, 1] },
      shapes: reference === undefined ? [] : [{
        type: "line",
        xref: "paper",
        x0: 0,
        x1: 1,
        y0: reference,
        y1: reference,
        line: { dash: "dash", color: "crimson" },
      }],
      annotations: reference === undefined ? [] : [{
        xref: "paper",
        x: 1,
        y: reference,
        text: `paper ${reference}`,
        showarrow: false,
        yshift: 10,
        xanchor: "right",
        font: { color: "crimson" },
      }],
    },
  };
}

/**
 * Bars stacked by series: `series[name][category]` (class counts per corpus, say).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stackedBarFigure } from "./figures.ts";
 * assertEquals(stackedBarFigure({ ravdess: { sad: 2 } }, "Clips", "clips").data.length, 1);
 * ```
 */
export function stackedBarFigure(
  series: Record<string, Record<string, number>>,
  title: string,
  axis: string,
): Figure {
  const categories = [...new Set(Object.values(series).flatMap((s) => Object.keys(s)))];
  return {
    data: Object.entries(series).map(([name, s]) => ({
      type: "bar",
      name,
      x: categories,
      y: categories.map((c) => s[c] ?? 0),
    })),
    layout: { title: { text: title }, barmode: "stack", yaxis: { title: { text: axis } } },
  };
}

/**
 * Overlaid histograms of values per group (clip durations per corpus, say).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { histogramFigure } from "./figures.ts";
 * assertEquals(histogramFigure({ tess: [2.1, 2.3] }, "Durations", "seconds").data[0].type, "histogram");
 * ```
 */
export function histogramFigure(
  groups: Record<string, number[]>,
  title: string,
  axis: string,
): Figure {
  return {
    data: Object.entries(groups).map(([name, x]) => ({ type: "histogram", name, x, opacity: 0.6 })),
    layout: {
      title: { text: title },
      barmode: "overlay",
      xaxis: { title: { text: axis } },
      yaxis: { title: { text: "clips" } },
    },
  };
}

/**
 * Box plots of values per group (a feature by emotion, say).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { boxFigure } from "./figures.ts";
 * assertEquals(boxFigure({ sad: [1, 2], angry: [3] }, "RMS", "rms").data.length, 2);
 * ```
 */
export function boxFigure(groups: Record<string, number[]>, title: string, axis: string): Figure {
  return {
    data: Object.entries(groups).map(([name, y]) => ({ type: "box", name, y, boxpoints: false })),
    layout: { title: { text: title }, yaxis: { title: { text: axis } }, showlegend: false },
  };
}

/**
 * One line per series over shared x labels (mean MFCCs per emotion, say).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { profileFigure } from "./figures.ts";
 * assertEquals(profileFigure({ sad: [1, 2] }, ["a", "b"], "Profile").data[0].mode, "lines+markers");
 * ```
 */
export function profileFigure(
  series: Record<string, number[]>,
  x: string[],
  title: string,
): Figure {
  return {
    data: Object.entries(series).map(([name, y]) => ({
      type: "scatter",
      mode: "lines+markers",
      name,
      x,
      y,
    })),
    layout: { title: { text: title } },
  };
}

/**
 * A signal over time (thinned to at most `points` points for the browser).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { waveformFigure } from "./figures.ts";
 * assertEquals(waveformFigure(new Float32Array(100), 22050, "Clip").data[0].type, "scatter");
 * ```
 */
export function waveformFigure(y: Float32Array, sr: number, title: string, points = 4000): Figure {
  const step = Math.max(1, Math.ceil(y.length / points));
  const idx = Array.from({ length: Math.ceil(y.length / step) }, (_, i) => i * step);
  return {
    data: [{
      type: "scatter",
      mode: "lines",
      x: idx.map((i) => i / sr),
      y: idx.map((i) => y[i]),
      line: { width: 1 },
    }],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "seconds" } },
      yaxis: { title: { text: "amplitude" } },
    },
  };
}

/**
 * A matrix of rows over frames as a heatmap (spectrograms, chroma, MFCCs).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { heatmapFigure } from "./figures.ts";
 * assertEquals(heatmapFigure([Float64Array.of(1, 2)], 512 / 22050, ["c0"], "MFCC").data[0].type, "heatmap");
 * ```
 */
export function heatmapFigure(
  rows: ArrayLike<number>[],
  secondsPerFrame: number,
  labels: string[],
  title: string,
): Figure {
  const frames = rows[0]?.length ?? 0;
  return {
    data: [{
      type: "heatmap",
      z: rows.map((r) => Array.from(r)),
      x: Array.from({ length: frames }, (_, t) => t * secondsPerFrame),
      y: labels,
      colorscale: "Viridis",
    }],
    layout: { title: { text: title }, xaxis: { title: { text: "seconds" } } },
  };
}
