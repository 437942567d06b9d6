import type { EnrolmentPoint } from "../eval/enrolment.ts";
import { plotDiv } from "./plotly.ts";

/**
 * The enrolment curve as a report section: a table and a plot of accuracy and UAR against
 * the seconds of the test speaker's speech enrolled ("all": all of their other clips).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { enrolmentSection } from "./enrolment.ts";
 * assert(enrolmentSection("x", [{ seconds: 0, accuracy: 0.4, uar: 0.38 }]).includes("40.0%"));
 * ```
 */
export function enrolmentSection(name: string, curve: EnrolmentPoint[]): string {
  const label = (p: EnrolmentPoint) => p.seconds === null ? "all" : `${p.seconds} s`;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const rows = curve.map((p) =>
    `<tr><td>${label(p)}</td><td class="num">${pct(p.accuracy)}</td><td class="num">${
      pct(p.uar)
    }</td></tr>`
  ).join("");
  const x = curve.map(label);
  const figure = {
    data: [
      {
        type: "scatter",
        mode: "lines+markers",
        name: "accuracy",
        x,
        y: curve.map((p) => p.accuracy),
      },
      { type: "scatter", mode: "lines+markers", name: "UAR", x, y: curve.map((p) => p.uar) },
    ],
    layout: {
      title: { text: "Enrolment: the test speaker's statistics from their other clips" },
      xaxis: { title: { text: "enrolled speech" }, type: "category" },
      yaxis: { title: { text: "mean over folds" } },
    },
  };
  return `<h4>Enrolment curve</h4><p>Each test clip standardised by its speaker's statistics from
this much of the speaker's other speech (never the clip scored); 0 s is the training set's global
scaler.</p><table><tr><th>enrolled</th><th>accuracy</th><th>UAR</th></tr>${rows}</table>
${plotDiv(`${name}-enrolment`, figure, 360)}`;
}
