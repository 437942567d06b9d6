import { describeCandidate } from "../eval/best.ts";
import type { ExperimentResult, VariantResult } from "../eval/result.ts";
import { domainSection } from "./domain.ts";
import { enrolmentSection } from "./enrolment.ts";
import { barFigure, confusionFigure, learningCurveFigure } from "./figures.ts";
import { type Figure, plotDiv, plotlyScript } from "./plotly.ts";
import type { RunRecord } from "./record.ts";

/**
 * The figures of one experiment: fold accuracies against the paper, pooled confusion matrix of
 * each variant, accuracy by corpus and gender, and every fold's learning curves.
 *
 * @example
 * ```ts ignore
 * const figures = experimentFigures(result);
 * ```
 */
export function experimentFigures(
  e: ExperimentResult,
): { id: string; figure: Figure; height?: number }[] {
  const out: { id: string; figure: Figure; height?: number }[] = [];
  const id = (s: string) => `${e.name}-${s}`.replace(/[^a-z0-9-]/gi, "-");
  const main = e.variants[0];
  out.push({
    id: id("folds"),
    figure: barFigure(
      Object.fromEntries(main.folds.map((f) => [f.name, f.accuracy])),
      `${e.name}: accuracy per fold (mean ${_pct(e.accuracy_mean)} ± ${_pct(e.accuracy_std)})`,
      "accuracy",
      e.paper?.accuracy,
    ),
  });
  if (e.variants.length > 1) {
    out.push({
      id: id("variants"),
      figure: barFigure(
        Object.fromEntries(e.variants.map((v) => [v.name, v.accuracy_mean])),
        `${e.name}: mean accuracy per variant`,
        "accuracy",
      ),
    });
  }
  for (const v of e.variants) {
    out.push({
      id: id(`confusion-${v.name}`),
      figure: confusionFigure(
        v.pooled.confusion,
        e.classes,
        `${e.name} / ${v.name}: confusion, all folds`,
      ),
      height: 480,
    });
  }
  const groups = { ...main.pooled.per_corpus, ...main.pooled.per_gender };
  out.push({
    id: id("groups"),
    figure: barFigure(
      Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g.accuracy])),
      `${e.name}: accuracy by corpus and gender`,
      "accuracy",
    ),
  });
  for (const f of main.folds) {
    if (f.history.extractor?.length) {
      out.push({
        id: id(`curve-${f.name}-extractor`),
        figure: learningCurveFigure(f.history.extractor, `${e.name} / ${f.name}: extractor`),
      });
    }
    if (f.history.fusion?.length) {
      out.push({
        id: id(`curve-${f.name}-fusion`),
        figure: learningCurveFigure(f.history.fusion, `${e.name} / ${f.name}: fusion classifier`),
      });
    }
  }
  return out;
}

/**
 * A standalone page of an experiment's plots (plotly.js embedded: works offline).
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("plots/ablation.html", plotsPage(result));
 * ```
 */
export function plotsPage(e: ExperimentResult): string {
  const figures = experimentFigures(e).map((f) => plotDiv(f.id, f.figure, f.height)).join("\n");
  return _page(`${e.name} — plots`, `<h1>${_esc(e.name)}</h1><p>${_esc(e.title)}</p>${figures}`);
}

/**
 * The run's report: what data, settings and backend; every experiment's figures beside the
 * paper's; the leak audit; variant and per-group tables; key plots.
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("report.html", reportPage(record));
 * ```
 */
export function reportPage(run: RunRecord): string {
  const rows = run.experiments.map((e) => {
    const leak = e.leak_audit;
    const leakText = leak.clean
      ? "clean: no actor or recording on both sides"
      : `LEAKS: shared actors in ${leak.folds_with_shared_actors} fold(s), shared recordings in ${leak.folds_with_shared_content}, ${leak.augmented_copies_of_test_clips} test clips with augmented copies in training`;
    return `<tr><td><a href="#${_esc(e.name)}">${_esc(e.name)}</a></td><td>${
      _esc(e.protocol)
    }</td><td>${_esc(e.dataset)}</td><td>${e.folds.length}</td>
<td class="num"><b>${_pct(e.accuracy_mean)}</b>${
      e.folds.length > 1 ? ` ± ${_pct(e.accuracy_std)}` : ""
    }</td><td class="num">${_pct(e.uar_mean)}</td><td class="num">${_pct(e.macro_f1_mean)}</td>
<td>${e.paper ? _esc(e.paper.text) : "—"}</td><td class="${leak.clean ? "ok" : "bad"}">${
      _esc(leakText)
    }${
      leak.transductive_speaker_statistics
        ? "; per-speaker feature statistics from unlabelled test recordings"
        : ""
    }</td></tr>`;
  }).join("\n");
  const sections = run.experiments.map((e) => _experimentSection(e)).join("\n");
  const demo = run.data.demo
    ? `<div class="banner">DEMO CORPUS: these numbers come from synthetic speech generated with espeak-ng and sox (${run.data.clips} clips), not from the real corpora. They show the pipeline works end to end; they say nothing about RAVDESS, CREMA-D, SAVEE or TESS. Run <code>deno task reproduce --data DIR</code> on real corpora.</div>`
    : "";
  const s = run.settings;
  const body = `<h1>serlab — SER-FusionNet reproduction</h1>
${demo}
<p>Run <code>${_esc(run.run_id)}</code>, ${_esc(run.created)}. Data: <code>${
    _esc(run.data.root)
  }</code>, ${run.data.clips} clips
(${
    Object.entries(run.data.counts.byCorpus).map(([k, v]) => `${k} ${v}`).join(", ")
  }), manifest SHA-256 <code>${run.data.manifest_sha256.slice(0, 16)}…</code>.
Extractor backend: <b>${
    _esc(run.backend ? `${run.backend.name} (${run.backend.detail})` : "n/a")
  }</b>. Seed ${s.seed}; augmentation of training clips:
${s.augment.length ? _esc(s.augment.join(", ")) : "none"}; normalisation: ${
    s.normalization === "speaker"
      ? "per speaker (serlab; the paper standardised globally)"
      : "global (the paper's)"
  }.</p>
<h2>Results beside the paper</h2>
<table><tr><th>experiment</th><th>protocol</th><th>data</th><th>folds</th><th>accuracy</th><th>UAR</th><th>macro-F1</th><th>paper</th><th>leak audit</th></tr>
${rows}</table>
${_anchorSection(run)}
<p class="note">The paper's 88% came from a random split after augmentation: augmented copies of one recording on both
sides, and every speaker on both sides. <code>leaky-ravdess-split</code> repeats that protocol and its audit shows the
leak; the actor-disjoint experiments keep every speaker (and every recording) on one side.</p>
${sections}
<h2>Settings and versions</h2><pre>${
    _esc(JSON.stringify({ settings: run.settings, versions: run.versions }, null, 2))
  }</pre>`;
  return _page("serlab report", body, true);
}

/**
 * serlab's functional-set classifiers beside the published anchors: every variant labelled
 * inductive (nothing computed from test recordings) or per-speaker (transductive), inductive
 * rows first.
 */
function _anchorSection(run: RunRecord): string {
  const withAnchors = run.experiments.filter((e) => e.anchors);
  if (withAnchors.length === 0) return "";
  const label = (transductive: boolean) =>
    transductive
      ? "per-speaker (transductive: test speakers' unlabelled statistics)"
      : "inductive (nothing from test recordings)";
  const rows = withAnchors.flatMap((e) => {
    const ours = [...e.variants].sort((a, b) => _transductive(a) - _transductive(b)).map((v) =>
      `<tr><td><a href="#${_esc(e.name)}">${_esc(e.name)}</a></td><td>serlab, ${
        _esc(v.name)
      }</td><td>${label(_transductive(v) === 1)}</td><td class="num"><b>${
        _pct(v.accuracy_mean)
      }</b> ± ${_pct(v.accuracy_std)}</td><td class="num"><b>${_pct(v.uar_mean)}</b></td></tr>`
    );
    const theirs = (e.anchors ?? []).map((a) =>
      `<tr><td></td><td>${_esc(a.system)} (${_esc(a.source)})</td><td>${
        label(a.standardisation === "per-speaker")
      }</td><td class="num">—</td><td class="num">${_pct(a.uar)}</td></tr>`
    );
    return [...ours, ...theirs];
  }).join("\n");
  return `<h2>serlab's classifiers beside published systems</h2>
<p>Logistic regression and SVMs on the functional sets, and on RAVDESS the frame-level sequence
model (3 seeds averaged), chosen per fold on validation actors (nested; never on a test fold). Inductive rows lead; per-speaker rows standardise each test speaker
by their own unlabelled recordings and are labelled so. Published figures are UAR, speaker-independent,
without a pretrained speech encoder.</p>
<table><tr><th>experiment</th><th>system</th><th>standardisation</th><th>accuracy</th><th>UAR</th></tr>
${rows}</table>`;
}

function _transductive(v: VariantResult): number {
  return v.folds.some((f) =>
      f.leak_audit.transductive_speaker_statistics || f.leak_audit.test_corpus_audio_read
    )
    ? 1
    : 0;
}

function _experimentSection(e: ExperimentResult): string {
  const folds = e.folds.map((f) =>
    `<tr><td>${
      _esc(f.name)
    }</td><td class="num">${f.n_train}</td><td class="num">${f.n_val}</td><td class="num">${f.n_test}</td><td class="num">${
      _pct(f.accuracy)
    }</td><td class="num">${_pct(f.uar)}</td><td class="num">${_pct(f.macro_f1)}</td><td>${
      f.leak_audit.clean
        ? "clean"
        : `${f.leak_audit.sharedActors.length} shared actors, ${f.leak_audit.sharedContent.length} shared recordings`
    }</td></tr>`
  ).join("\n");
  const variants = e.variants.length > 1
    ? `<h4>Variants</h4><table><tr><th>variant</th><th>accuracy</th><th>UAR</th><th>macro-F1</th></tr>${
      e.variants.map((v: VariantResult) =>
        `<tr><td>${_esc(v.name)}</td><td class="num">${_pct(v.accuracy_mean)} ± ${
          _pct(v.accuracy_std)
        }</td><td class="num">${_pct(v.uar_mean)}</td><td class="num">${
          _pct(v.macro_f1_mean)
        }</td></tr>`
      ).join("")
    }</table>`
    : "";
  const main = e.variants[0];
  const groups = Object.entries({ ...main.pooled.per_corpus, ...main.pooled.per_gender }).map((
    [k, g],
  ) =>
    `<tr><td>${_esc(k)}</td><td class="num">${g.n}</td><td class="num">${
      _pct(g.accuracy)
    }</td><td class="num">${_pct(g.uar)}</td></tr>`
  ).join("");
  const figures = experimentFigures(e).slice(0, e.variants.length > 1 ? 3 : 2).map((f) =>
    plotDiv(f.id, f.figure, f.height)
  ).join("\n");
  const notes = (e.notes ?? []).map((n) => `<p class="note">${_esc(n)}</p>`).join("");
  const recipes = main.folds.some((f) => f.recipe)
    ? `<h4>Chosen ${
      main.folds.some((f) => f.recipe?.validation)
        ? "by leaving each training corpus out in turn (nested; the held-out corpus never looked at)"
        : "on validation actors"
    } (${
      _esc(main.name)
    })</h4><table><tr><th>fold</th><th>recipe</th><th>validation UAR</th><th>temperature</th><th>test ECE (uncalibrated)</th></tr>${
      main.folds.map((f) =>
        `<tr><td>${_esc(f.name)}</td><td>${
          _esc(f.recipe!.chosen.map(describeCandidate).join(" + "))
        }</td><td class="num">${_pct(f.recipe!.validation_uar)}</td><td class="num">${
          f.calibration ? f.calibration.temperature.toFixed(2) : "—"
        }</td><td class="num">${
          f.calibration
            ? `${_pct(f.calibration.ece)} (${_pct(f.calibration.ece_uncalibrated)})`
            : "—"
        }</td></tr>`
      ).join("")
    }</table><p class="note">Probabilities are calibrated by temperature scaling fitted on the validation rows (Guo et al., ICML 2017); ECE: expected calibration error over 15 confidence bins of the test rows.</p>`
    : "";
  return `<h3 id="${_esc(e.name)}">${_esc(e.name)}</h3><p>${_esc(e.title)}.${
    e.model ? ` Model: ${_esc(e.model)}.` : ""
  } ${e.n_clips} clips, classes: ${_esc(e.classes.join(", "))}.
<a href="plots/${_esc(e.name)}.html">All plots</a>.</p>
<table><tr><th>fold</th><th>train rows</th><th>val rows</th><th>test</th><th>accuracy</th><th>UAR</th><th>macro-F1</th><th>leak audit</th></tr>${folds}</table>
${notes}${variants}${recipes}${e.enrolment ? enrolmentSection(e.name, e.enrolment) : ""}${
    e.domain ? domainSection(e.domain) : ""
  }<h4>By corpus and gender (all folds)</h4><table><tr><th>group</th><th>test clips</th><th>accuracy</th><th>UAR</th></tr>${groups}</table>
<div class="figs">${figures}</div>`;
}

function _page(title: string, body: string, plots = true): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${_esc(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.ok{color:#060}td.bad{color:#a00;font-weight:600}
.banner{background:#fff3cd;border:2px solid #d39e00;padding:1em;font-weight:600;margin:1em 0}.note{color:#555}
pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}.figs>div{margin:1em 0}</style>
${plots ? plotlyScript() : ""}</head><body>${body}</body></html>`;
}

function _pct(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "—";
}

function _esc(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}
