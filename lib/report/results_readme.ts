/**
 * `results/README.md` of a published run: the headline tables, the leak audit's label, the
 * figures, the data, the exact command that produced the run, versions and date — every number
 * taken from the run's record, never typed.
 *
 * @module
 */
import { FUSIONNET_TRAINING } from "../model/fusionnet/train.ts";
import { RESULTS_README_LINE } from "./folders.ts";
import type { RunRecord } from "./record.ts";

/**
 * The command that produced the run, from its recorded settings and experiments and whether the
 * run folder holds a model and executed notebooks.
 *
 * @example
 * ```ts ignore
 * reproduceCommand(run, { model: true, notebooks: false }); // "deno task reproduce --data ..."
 * ```
 */
export function reproduceCommand(
  run: RunRecord,
  made: { model: boolean; notebooks: boolean },
): string {
  const s = run.settings;
  const quick = s.quick !== undefined || s.training.epochs !== FUSIONNET_TRAINING.epochs;
  const args = [
    "deno task reproduce",
    run.data.demo ? "" : `--data ${run.data.root}`,
    `--experiments ${
      [...run.experiments.map((e) => e.name), ...(run.not_run ?? []).map((n) => n.name)].join(",")
    }`,
    `--seed ${s.seed}`,
    `--augment ${s.augment.length ? s.augment.join(",") : "none"}`,
    `--normalization ${s.normalization}`,
    `--power ${s.power}`,
    `--conv-layers ${s.convLayers}`,
    `--backend ${s.backend}`,
    quick ? "--quick" : "",
    made.model ? "" : "--no-model",
    made.notebooks ? "--notebooks" : "",
  ];
  return args.filter(Boolean).join(" ");
}

/**
 * The headline table (markdown): experiment, protocol, accuracy ± std over folds, UAR, macro
 * F1, whether the test speakers' unlabelled statistics were used, and the leak audit.
 *
 * @example
 * ```ts ignore
 * console.log(headlineTable(run));
 * ```
 */
export function headlineTable(run: RunRecord): string {
  const rows = run.experiments.map((e) => [
    `\`${e.name}\``,
    e.protocol,
    e.folds.length > 1 ? `${_n(e.accuracy_mean)} ± ${_n(e.accuracy_std)}` : _n(e.accuracy_mean),
    _n(e.uar_mean),
    _n(e.macro_f1_mean),
    String(e.folds.length),
    e.leak_audit.transductive_speaker_statistics ? "per-speaker" : "inductive",
    leakAuditLabel(e.leak_audit),
    e.paper?.text ?? "",
  ]);
  return _table(
    [
      "experiment",
      "protocol",
      "accuracy",
      "UAR",
      "macro F1",
      "folds",
      "test speakers",
      "leak audit",
      "paper",
    ],
    rows,
  );
}

/**
 * A leak audit in a few words: `clean`, or what is shared between training and test.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { leakAuditLabel } from "./results_readme.ts";
 * const audit = { clean: true, folds_with_shared_actors: 0, folds_with_shared_content: 0, augmented_copies_of_test_clips: 0 };
 * assertEquals(leakAuditLabel(audit), "clean");
 * ```
 */
export function leakAuditLabel(a: {
  clean: boolean;
  folds_with_shared_actors: number;
  folds_with_shared_content: number;
  augmented_copies_of_test_clips: number;
}): string {
  if (a.clean) return "clean";
  const parts = [];
  if (a.folds_with_shared_actors) {
    parts.push(`speakers shared (${a.folds_with_shared_actors} fold(s))`);
  }
  if (a.folds_with_shared_content) {
    parts.push(`recordings shared (${a.folds_with_shared_content} fold(s))`);
  }
  if (a.augmented_copies_of_test_clips) {
    parts.push(`${a.augmented_copies_of_test_clips} augmented copies of test clips in training`);
  }
  return parts.join("; ") || "not clean";
}

/**
 * The README of a published run: the tables, the figures, the data, the command, versions, date.
 * `where` says where it goes and so what its links are relative to: `results/README.md`
 * ("results", the default) or the run's own `results/published/<run>/README.md` ("run"). Figure
 * paths are given relative to `results/`.
 *
 * @example
 * ```ts ignore
 * const made = { model: true, notebooks: false };
 * const md = resultsReadme(run, { made, figures: [], copied: ["metrics.json"], left_out: [] });
 * ```
 */
export function resultsReadme(
  run: RunRecord,
  parts: {
    made: { model: boolean; notebooks: boolean };
    figures: { path: string; title: string }[];
    copied: string[];
    left_out: string[];
  },
  where: "results" | "run" = "results",
): string {
  const base = where === "results" ? `published/${run.run_id}` : ".";
  const figures = parts.figures.map((f) => ({
    ...f,
    path: where === "results" ? f.path : f.path.replace(`published/${run.run_id}/`, ""),
  }));
  const c = run.data.counts;
  const lines = [
    `# Results: \`${run.run_id}\``,
    "",
    RESULTS_README_LINE,
    run.data.demo
      ? "\n**These numbers come from the built-in synthetic demo corpus, not real speech.**\n"
      : "",
    `Run created ${run.created}, seed ${run.seed}. Accuracy is the mean ± standard deviation over`,
    "folds (one number for a single split), UAR the unweighted average recall and macro F1 the mean",
    'over folds. "test speakers": `per-speaker` means the features were standardised by each',
    "speaker's own statistics, test speakers' included (their unlabelled features; transductive),",
    "`inductive` that nothing was taken from test recordings. The leak audit lists actors,",
    "recordings and augmented copies of test clips found on both sides of a split.",
    "",
    headlineTable(run),
    "",
  ];
  const variants = run.experiments.filter((e) => e.variants.length > 1);
  for (const e of variants) {
    lines.push(
      `Variants of \`${e.name}\` (${e.protocol}):`,
      "",
      _table(
        ["variant", "accuracy", "UAR", "macro F1"],
        e.variants.map((v) => [
          `\`${v.name}\``,
          v.folds.length > 1
            ? `${_n(v.accuracy_mean)} ± ${_n(v.accuracy_std)}`
            : _n(v.accuracy_mean),
          _n(v.uar_mean),
          _n(v.macro_f1_mean),
        ]),
      ),
      "",
    );
  }
  if (run.not_run?.length) {
    lines.push(
      "Not run: " + run.not_run.map((n) => `\`${n.name}\` (${n.reason})`).join("; ") + ".",
      "",
    );
  }
  lines.push("## Figures", "");
  for (const f of figures) lines.push(`![${_esc(f.title)}](${f.path})`, "");
  lines.push(
    "## Data",
    "",
    `${run.data.clips} clips${
      run.data.demo ? " of the demo corpus" : ` under \`${run.data.root}\``
    }, ` +
      `${c.actors} actors (${c.femaleActors} female, ${c.maleActors} male${
        c.unknownGenderActors ? `, ${c.unknownGenderActors} of unknown gender` : ""
      }); by corpus: ` +
      Object.entries(c.byCorpus).map(([k, n]) => `${k} ${n}`).join(", ") +
      `; by emotion: ` + Object.entries(c.byEmotion).map(([k, n]) => `${k} ${n}`).join(", ") +
      `; ${run.data.skipped_files} files skipped. Manifest sha256 \`${run.data.manifest_sha256}\`.`,
    "",
    "## Command",
    "",
    "```sh",
    reproduceCommand(run, parts.made),
    `deno task publish results/${run.run_id}`,
    "```",
    "",
    "## Versions",
    "",
    Object.entries(run.versions).map(([k, v]) => `${k} ${v}`).join(", ") +
      (run.backend ? `; extractor backend ${run.backend.name} (${run.backend.detail})` : "") +
      ".",
    "",
    "## Files",
    "",
    `In \`${base}/\`: ` + parts.copied.map((f) => `[${f}](${base}/${f})`).join(", ") + ".",
    parts.left_out.length ? `Not published: ${parts.left_out.join(", ")}.` : "",
    "`report.html` and `plots/` are interactive (download and open them in a browser).",
    "",
  );
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

function _table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`),
  ].join("\n");
}

function _n(x: number): string {
  return x.toFixed(3);
}

function _esc(s: string): string {
  return s.replace(/[[\]]/g, "");
}
