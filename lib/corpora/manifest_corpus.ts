import { parse } from "csv-parse/sync";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { mapLimit } from "../util/concurrency.ts";
import { sha256Hex } from "../util/hash.ts";
import type { Clip, Gender } from "./clip.ts";
import type { Discovery, Skipped } from "./discover.ts";
import { emotionOf } from "./labels.ts";

/** The columns a corpus manifest must have; `gender`, `corpus`, `language`, `sentence` are optional. */
export const MANIFEST_REQUIRED = ["path", "emotion", "speaker"] as const;

/** Where ids of speakers that no corpus adapter knows begin (known ones are 1..131). */
const _FIRST_ID = 1001;

interface _Row {
  line: number;
  path: string;
  corpus: string;
  speaker: string;
  gender: Gender;
  emotion: string;
  sentence: string;
  language: string;
  actor?: number;
}

/**
 * A corpus from a manifest CSV (`--data FILE.csv`): a header with at least `path,emotion,speaker`;
 * optional `gender` (female or male, f or m, empty or unknown for unknown), `corpus` (default: the
 * CSV's name without extension), `language`, `sentence`, and `actor` (serlab's own manifests
 * carry it; other speakers get ids from 1001 up, in order of corpus and speaker). Paths are
 * relative to the CSV's folder, the result's `root` (absolute paths are made relative to it).
 * Emotion words are read by `emotionOf`: synonyms become the study's emotions, other words
 * classes of their own. A row with a missing or unreadable file, an empty path, emotion or
 * speaker, a gender that is none of those, a path given before, or a speaker given another gender
 * before is listed in `skipped` as `FILE.csv:LINE` with the reason; the other rows are read.
 * Throws naming the file when it cannot be read or lacks a required column.
 *
 * @example
 * ```ts ignore
 * import { readManifestCorpus } from "./manifest_corpus.ts";
 * const { clips, skipped } = await readManifestCorpus("my_corpus.csv");
 * for (const s of skipped) console.log(`${s.path}: ${s.reason}`); // "my_corpus.csv:7: no file wav/x.wav"
 * ```
 */
export async function readManifestCorpus(
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Discovery> {
  const root = dirname(file);
  const where = (line: number) => `${file}:${line}`;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(await Deno.readTextFile(file), {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
      bom: true,
      trim: true,
    });
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
  const header = records.length ? Object.keys(records[0].record) : [];
  const missing = MANIFEST_REQUIRED.filter((k) => records.length && !header.includes(k));
  if (missing.length) {
    throw new Error(
      `${file}: no ${missing.join(", ")} column (a manifest's header has at least ` +
        `${MANIFEST_REQUIRED.join(",")}; optional gender, corpus, language, sentence)`,
    );
  }
  const corpus = basename(file).replace(/\.[^.]*$/, "");
  const skipped: Skipped[] = [];
  const rows: _Row[] = [];
  const firstLine = new Map<string, number>();
  const genderOf = new Map<string, { gender: Gender; line: number }>();
  for (const { record: r, info } of records) {
    const line = info.lines;
    const bad = (reason: string) => skipped.push({ path: where(line), reason });
    if (!r.path) {
      bad("empty path");
      continue;
    }
    const path = isAbsolute(r.path) ? relative(resolve(root), r.path) : r.path;
    const first = firstLine.get(path);
    if (first !== undefined) {
      bad(`path ${r.path} again (first on line ${first})`);
      continue;
    }
    firstLine.set(path, line);
    const emotion = emotionOf(r.emotion ?? "");
    if (!emotion) {
      bad(`empty emotion for ${r.path}`);
      continue;
    }
    if (!r.speaker) {
      bad(`empty speaker for ${r.path}`);
      continue;
    }
    const gender = _gender(r.gender ?? "");
    if (!gender) {
      bad(`gender "${r.gender}" is not female, male or empty (unknown), for ${r.path}`);
      continue;
    }
    const row: _Row = {
      line,
      path,
      corpus: r.corpus || corpus,
      speaker: r.speaker,
      gender,
      emotion,
      sentence: r.sentence ?? "",
      language: r.language ?? "",
    };
    const key = `${row.corpus}:${row.speaker}`;
    const seen = genderOf.get(key);
    if (seen && seen.gender !== gender) {
      bad(`speaker ${row.speaker} is ${gender} here but ${seen.gender} on line ${seen.line}`);
      continue;
    }
    if (!seen) genderOf.set(key, { gender, line });
    const actor = Number(r.actor);
    if (r.actor && Number.isInteger(actor)) row.actor = actor;
    rows.push(row);
  }
  const ids = _actorIds(rows);
  let done = 0;
  const hashes = await mapLimit(rows, 8, async (row) => {
    let h: string;
    try {
      h = await sha256Hex(await Deno.readFile(`${root}/${row.path}`));
    } catch (e) {
      h = e instanceof Deno.errors.NotFound
        ? `no file ${row.path}`
        : `${row.path} not readable (${e instanceof Error ? e.message : e})`;
      h = `!${h}`;
    }
    onProgress?.(++done, rows.length);
    return h;
  });
  const clips: Clip[] = [];
  rows.forEach((row, i) => {
    if (hashes[i].startsWith("!")) {
      skipped.push({ path: where(row.line), reason: hashes[i].slice(1) });
      return;
    }
    clips.push({
      path: row.path,
      corpus: row.corpus,
      speaker: row.speaker,
      actor: ids.get(`${row.corpus}:${row.speaker}`)!,
      gender: row.gender,
      emotion: row.emotion,
      intensity: "",
      sentence: row.sentence,
      ...(row.language ? { language: row.language } : {}),
      sha256: hashes[i],
    });
  });
  skipped.sort((a, b) => _line(a.path) - _line(b.path));
  return { root, clips, skipped, cremadGender: "manifest" };
}

function _gender(word: string): Gender | undefined {
  const w = word.trim().toLowerCase();
  if (w === "female" || w === "f") return "female";
  if (w === "male" || w === "m") return "male";
  if (w === "" || w === "unknown") return "unknown";
  return undefined;
}

/**
 * Every speaker's actor id: the manifest's own where its rows give one (serlab's manifests),
 * else the next free id from 1001 (above any given), in order of corpus and speaker.
 */
function _actorIds(rows: readonly _Row[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const r of rows) if (r.actor !== undefined) ids.set(`${r.corpus}:${r.speaker}`, r.actor);
  let next = Math.max(_FIRST_ID, ...[...ids.values()].map((a) => a + 1));
  const rest = [...new Set(rows.map((r) => `${r.corpus}:${r.speaker}`))]
    .filter((k) => !ids.has(k))
    .sort();
  for (const k of rest) ids.set(k, next++);
  return ids;
}

function _line(where: string): number {
  return Number(where.slice(where.lastIndexOf(":") + 1));
}
