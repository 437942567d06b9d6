/**
 * `predict MODEL DIR|FILE...`: every recording judged on all of its speech, one result per clip
 * (or per speech segment), progress and a summary on standard error, `--csv` written atomically.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import type { SileroVad } from "../lib/audio/vad.ts";
import { type EmotionPredictor, judgeRecording, type Verdict } from "../lib/realtime/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { Progress } from "../lib/util/progress.ts";

/** The file names a folder walk takes as recordings (a named file is always tried). */
export const AUDIO_FILES = /\.(wav|wave|aif|aiff|aifc)$/i;

/**
 * The recordings an argument names: a file itself, or the WAV and AIFF files anywhere under a
 * folder, sorted. Throws when the path cannot be read or a folder holds no recording.
 *
 * @example
 * ```ts ignore
 * const files = await audioFiles("../shared/datasets/sample/tess"); // [".../OAF_angry/...", ...]
 * ```
 */
export async function audioFiles(path: string): Promise<string[]> {
  const info = await Deno.stat(path);
  if (!info.isDirectory) return [path];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const p = `${dir.replace(/\/$/, "")}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (AUDIO_FILES.test(e.name)) out.push(p);
    }
  };
  await walk(path);
  if (!out.length) throw new Error("no WAV or AIFF files in this folder");
  return out.sort();
}

/** How {@linkcode predictBatch} reports. */
export interface BatchOptions {
  json: boolean;
  /** Also write a table of every result here (atomically, refreshed as the batch goes). */
  csv?: string;
  perSegment: boolean;
  gender?: "male" | "female";
  minConfidence?: number;
  withInputs?: boolean;
}

/**
 * Judges every recording under `inputs` ({@linkcode judgeRecording}), printing a line per
 * result: tab-separated, or with `json` one object per line with `file`. A recording that fails
 * gets a line with its error and the batch goes on; the summary on standard error counts the
 * results per emotion and lists the failures with their causes. Returns 1 if any failed (after
 * the whole batch), else 0.
 *
 * @example
 * ```ts ignore
 * const status = await predictBatch(predictor, vad, ["recordings/"], { json: true, perSegment: false });
 * ```
 */
export async function predictBatch(
  predictor: EmotionPredictor,
  vad: SileroVad,
  inputs: string[],
  o: BatchOptions,
): Promise<number> {
  const labels = predictor.labels;
  // every recording in the order given; an argument that cannot be walked keeps its place
  const entries: { file: string; error?: string }[] = [];
  for (const input of inputs) {
    try {
      entries.push(...(await audioFiles(input)).map((file) => ({ file })));
    } catch (e) {
      entries.push({ file: input, error: _message(e, input) });
    }
  }
  const failed: { file: string; error: string }[] = [];
  const table = new _Table(labels, o.perSegment, o.csv);
  if (!o.json) console.log(_tsvHeader(labels, o.perSegment));
  const counts = new Map<string, number>();
  const files = entries.filter((e) => !e.error).length;
  const progress = new Progress("predict", files, "recordings");
  for (const { file, error: walkError } of entries) {
    try {
      if (walkError) throw new Error(walkError);
      const bytes = await Deno.readFile(file);
      for await (const v of judgeRecording(predictor, vad, bytes, file, o)) {
        const key = v.emotion ?? v.reason!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        _print(o.json, file, v, null, labels, o.perSegment);
        table.add(file, v, null);
      }
    } catch (e) {
      const error = _message(e, file);
      failed.push({ file, error });
      _print(o.json, file, null, error, labels, o.perSegment);
      table.add(file, null, error);
    }
    if (!walkError) progress.tick();
    await table.flush(false);
  }
  progress.done();
  await table.flush(true);
  _summary(counts, files, failed, o.perSegment ? "segments" : "recordings", o.csv);
  return failed.length ? 1 : 0;
}

function _summary(
  counts: Map<string, number>,
  files: number,
  failed: { file: string; error: string }[],
  unit: string,
  csv?: string,
): void {
  const results = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const total = results.reduce((a, [, n]) => a + n, 0);
  // a recording that failed has no result; --segments counts segments
  console.error(
    `predict: ${files} recordings` + (unit === "recordings" ? ": " : `, ${total} ${unit}: `) +
      (results.length ? results.map(([k, n]) => `${k} ${n}`).join(", ") : "none") +
      `; ${failed.length} failed` + (csv ? `; table in ${csv}` : ""),
  );
  for (const f of failed) console.error(`  failed: ${f.error}`);
}

function _tsvHeader(labels: string[], perSegment: boolean): string {
  return ["file", ...(perSegment ? ["start", "end"] : []), "emotion", ...labels, "segments"]
    .join("\t");
}

function _print(
  json: boolean,
  file: string,
  v: Verdict | null,
  error: string | null,
  labels: string[],
  perSegment: boolean,
): void {
  if (json) {
    console.log(JSON.stringify(v ? { file, ...v } : { file, error }));
  } else if (!v) console.log(`${file}\terror: ${error}`);
  else {
    const p = v.probabilities;
    console.log(
      [
        file,
        ...(perSegment ? [v.start?.toFixed(2) ?? "", v.end?.toFixed(2) ?? ""] : []),
        v.emotion ?? `none (${v.reason})`,
        ...labels.map((l) => p ? p[l].toFixed(3) : ""),
        v.segments,
      ].join("\t"),
    );
  }
}

/** The `--csv` table: every result and failure so far, rewritten atomically every 5 s. */
class _Table {
  readonly #rows: (string | number)[][] = [];
  readonly #labels: string[];
  readonly #perSegment: boolean;
  readonly #path?: string;
  #written = performance.now();

  constructor(labels: string[], perSegment: boolean, path?: string) {
    this.#labels = labels;
    this.#perSegment = perSegment;
    this.#path = path;
  }

  add(file: string, v: Verdict | null, error: string | null): void {
    if (!this.#path) return;
    this.#rows.push([
      file,
      ...(this.#perSegment ? [v?.start ?? "", v?.end ?? ""] : []),
      v?.emotion ?? "",
      v?.reason ?? "",
      v?.segments ?? "",
      v?.standardization ?? "",
      v?.gender ?? "",
      v?.genderSource ?? "",
      ...this.#labels.map((l) => v?.probabilities?.[l] ?? ""),
      error ?? "",
    ]);
  }

  async flush(final: boolean): Promise<void> {
    if (!this.#path || (!final && performance.now() - this.#written < 5000)) return;
    const header = [
      "file",
      ...(this.#perSegment ? ["start", "end"] : []),
      "emotion",
      "reason",
      "segments",
      "standardization",
      "gender",
      "genderSource",
      ...this.#labels,
      "error",
    ];
    await writeFileAtomic(this.#path, stringify([header, ...this.#rows]));
    this.#written = performance.now();
  }
}

function _message(e: unknown, file: string): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.startsWith(file) ? m : `${file}: ${m}`;
}
