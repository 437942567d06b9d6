import type { EpochLog } from "../model/train.ts";
import type { Figure } from "./plotly.ts";

/**
 * A confusion matrix as a heatmap, rows normalised to the share of each true class.
 *
 * @example
 * ```ts
 * import { confusionFigure } from "./figures.ts";
 * const f = confusionFigure([[3, 1], [0, 4]], ["sad", "happy"], "Confusion");
 * console.log(f.data[0].type); // "heatmap"
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
 * import { learningCurveFigure } from "./figures.ts";
 * console.log(learningCurveFigure([], "Extractor").data.length); // 4
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
 * import { barFigure } from "./figures.ts";
 * console.log(barFigure({ "fold 1": 0.5 }, "Accuracy", "accuracy", 0.45).layout.shapes); // [ ... ]
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
