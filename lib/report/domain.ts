import type { DomainAnalysis } from "../eval/domain.ts";

/**
 * The `domain` section of a leave-one-corpus-out experiment: how well each feature group names
 * the corpus (chance 1 / corpora), each corpus's bandwidth and level, and the features that shift
 * most between corpora.
 *
 * @example
 * ```ts
 * import { domainSection } from "./domain.ts";
 * const html = domainSection({
 *   corpora: ["a", "b"],
 *   groups: [{ group: "all", features: 69, uar: 0.99 }],
 *   shifts: [{ feature: "loudness_mean", ratio: 4, means: { a: -30, b: -20 } }],
 *   audio: [{ corpus: "a", clips: 40, sample_rate: 16000, bandwidth_hz: 7992, level_dbfs: -24 }],
 * });
 * console.log(html.includes("99.0%")); // true
 * ```
 */
export function domainSection(d: DomainAnalysis): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const groups = d.groups.map((g) =>
    `<tr><td>${esc(g.group)}</td><td class="num">${g.features}</td><td class="num">${
      pct(g.uar)
    }</td></tr>`
  ).join("");
  const audio = d.audio.map((a) =>
    `<tr><td>${
      esc(a.corpus)
    }</td><td class="num">${a.clips}</td><td class="num">${a.sample_rate}</td><td class="num">${
      Math.round(a.bandwidth_hz)
    }</td><td class="num">${a.level_dbfs.toFixed(1)}</td></tr>`
  ).join("");
  const shifts = d.shifts.map((s) =>
    `<tr><td>${esc(s.feature)}</td><td class="num">${s.ratio.toFixed(2)}</td>${
      d.corpora.map((c) => `<td class="num">${s.means[c]?.toFixed(3) ?? "—"}</td>`).join("")
    }</tr>`
  ).join("");
  return `<h4>Domain: why models fail on an unseen corpus</h4>
<p>A corpus classifier (logistic regression, one half of each corpus's speakers against the other)
per feature group of the compact set: UAR over ${d.corpora.length} corpora, chance ${
    pct(1 / d.corpora.length)
  }. A group that names the corpus well carries its recording conditions, speakers or scripts.</p>
<table><tr><th>feature group</th><th>features</th><th>corpus UAR</th></tr>${groups}</table>
<p>Recording conditions (median over the clips measured): bandwidth is the highest frequency within
50 dB of the mean spectrum's peak.</p>
<table><tr><th>corpus</th><th>clips</th><th>sample rate (Hz)</th><th>bandwidth (Hz)</th><th>level (dBFS)</th></tr>${audio}</table>
<p>The features that shift most between corpora (between- over within-corpus variance), with each corpus's mean.</p>
<table><tr><th>feature</th><th>ratio</th>${
    d.corpora.map((c) => `<th>${esc(c)}</th>`).join("")
  }</tr>${shifts}</table>`;
}
