/**
 * The `features` and `lld` groups of `deno task bench`: feature extraction beside librosa. See `main.ts`.
 *
 * @module
 */
import { FUSIONNET_LOAD, loadClip } from "../lib/audio/mod.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurize, featurizeSet } from "../lib/dataset/featurize.ts";
import { CUTS, extractFeatures, extractSet, FUSIONNET_FEATURES } from "../lib/features/mod.ts";
import { type BenchOptions, type Figures, python, round, SHARED } from "./_common.ts";

/** The `features` group (see `main.ts`): the paper's features per clip, beside librosa. */
export async function features(o: BenchOptions): Promise<Figures> {
  const { clips } = await discoverClips(`${SHARED}/datasets/sample`);
  const files = await Promise.all(
    clips.map(async (c) =>
      [c.path, await Deno.readFile(`${SHARED}/datasets/sample/${c.path}`)] as const
    ),
  );
  const once = () => {
    const times: number[] = [];
    for (const [path, bytes] of files) {
      const t = performance.now();
      extractFeatures(loadClip(bytes, path, FUSIONNET_LOAD), 22050);
      times.push(performance.now() - t);
    }
    return times;
  };
  once(); // warm-up (JIT, filter banks)
  const times = once().sort((a, b) => a - b);
  const out: Figures = {
    feature_ms_per_clip: round(times[times.length >> 1], 2),
    feature_clips_timed: times.length,
  };
  const librosa = await python(["bench/librosa_features.py", `${SHARED}/datasets/sample`]);
  if (librosa?.ms_per_clip) {
    out.librosa_ms_per_clip = librosa.ms_per_clip as number;
    out.librosa_version = librosa.librosa as string;
    out.feature_ratio_vs_librosa = round(
      (librosa.ms_per_clip as number) / (out.feature_ms_per_clip as number),
      2,
    );
  } else {
    out.librosa_ms_per_clip = null;
    out.librosa_note = "librosa is not importable by python3 here: not measured side by side";
  }
  if (o.data) {
    const found = await discoverClips(String(o.data));
    const cache = await Deno.makeTempDir();
    const t = performance.now();
    const r = await featurize(
      found.clips.map((c) => ({
        file: `${o.data}/${c.path}`,
        sha256: c.sha256,
        augmentation: null,
      })),
      {
        load: FUSIONNET_LOAD,
        features: FUSIONNET_FEATURES,
        cacheDir: cache,
        label: "superset features",
      },
    );
    out.superset_features_s = round((performance.now() - t) / 1000, 1);
    out.superset_clips = found.clips.length;
    out.superset_skipped = r.skipped.length;
    await Deno.remove(cache, { recursive: true });
  }
  return out;
}

/** The large functional set's time per clip, both cuts, beside librosa's for the same work. */
/** The `lld` group (see `main.ts`): every descriptor and the large set per clip, beside librosa. */
export async function lld(o: BenchOptions): Promise<Figures> {
  const { clips } = await discoverClips(`${SHARED}/datasets/sample`);
  const files = await Promise.all(
    clips.slice(0, o.clips).map(async (c) =>
      [c.path, await Deno.readFile(`${SHARED}/datasets/sample/${c.path}`)] as const
    ),
  );
  const out: Figures = {};
  for (const cut of ["paper", "whole"] as const) {
    const time = (subset: typeof files) => {
      const times: number[] = [];
      for (const [path, bytes] of subset) {
        const t = performance.now();
        try {
          extractSet(loadClip(bytes, path, CUTS[cut]), 22050, "large");
        } catch {
          continue; // a clip too short for the descriptors is skipped, not timed
        }
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    };
    time(files.slice(0, 40)); // warm-up (JIT, filter banks, transition tables)
    const times = time(files);
    const key = cut === "paper" ? "large_set_ms_per_clip" : "large_set_whole_ms_per_clip";
    out[key] = round(times[times.length >> 1], 2);
    if (cut === "paper") out.large_set_clips_timed = times.length;
  }
  const librosa = await python(
    ["bench/librosa_lld.py", `${SHARED}/datasets/sample`],
    "/usr/bin/python3",
  );
  if (librosa?.ms_per_clip) {
    out.librosa_large_set_ms_per_clip = librosa.ms_per_clip as number;
    out.large_set_ratio_vs_librosa = round(
      (librosa.ms_per_clip as number) / (out.large_set_ms_per_clip as number),
      2,
    );
  } else {
    out.librosa_large_set_ms_per_clip = null;
    out.librosa_large_set_note =
      "librosa is not importable by /usr/bin/python3 here: bench/librosa_lld.py not run";
    // the stand-in: librosa 0.10.1's algorithms transcribed to numpy/scipy, on the same clips
    const numpy = await python(
      ["bench/numpy_lld.py", `${SHARED}/datasets/sample`, String(files.length)],
      "/usr/bin/python3",
    );
    if (numpy?.ms_per_clip) {
      out.numpy_reference_large_set_ms_per_clip = numpy.ms_per_clip as number;
      out.numpy_reference = numpy.reference as string;
      out.large_set_ratio_vs_numpy_reference = round(
        (numpy.ms_per_clip as number) / (out.large_set_ms_per_clip as number),
        2,
      );
    } else {
      out.numpy_reference_large_set_ms_per_clip = null;
      out.numpy_reference_note = "bench/numpy_lld.py did not run (needs python3-numpy, -scipy)";
    }
  }
  if (o.data) {
    const found = await discoverClips(String(o.data));
    const cache = await Deno.makeTempDir();
    const t = performance.now();
    const large = await featurizeSet(
      found.clips.map((c) => ({
        file: `${o.data}/${c.path}`,
        sha256: c.sha256,
        augmentation: null,
      })),
      { set: "large", cut: "whole", cacheDir: cache, label: "superset large set" },
    );
    out.superset_large_set_s = round((performance.now() - t) / 1000, 1);
    out.superset_large_set_clips = found.clips.length;
    out.superset_large_set_skipped = large.skipped.length;
    await Deno.remove(cache, { recursive: true });
  }
  return out;
}
