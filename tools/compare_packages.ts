/**
 * The measurements behind docs/packages.md's lines for `wavefile` and `simple-statistics`
 * (meyda's are in notebook 02): `deno run -A tools/compare_packages.ts [RAVDESS_CLIP.wav]`.
 *
 * - wavefile 11.0.0 against serlab's `encodeWav`: 48,000 seeded random samples in [-1, 1] (and
 *   ±1, ±0.5) written as float32 and 16-bit, read back through serlab's decoder.
 * - simple-statistics 7.12.1 against serlab's `moments` (numpy's `var`, scipy's biased `skew`
 *   and `kurtosis`) on a clip's waveform and on its 108 RMS frames.
 *
 * @module
 */
import wavefile from "wavefile";
import * as ss from "simple-statistics";
import { decodeAudio, encodeWav, FUSIONNET_LOAD, loadClip, readMono } from "../lib/audio/mod.ts";
import { lowLevelDescriptors, moments } from "../lib/features/mod.ts";

interface _WaveFile {
  fromScratch(channels: number, rate: number, depth: string, samples: number[]): void;
  toBitDepth(depth: string): void;
  toBuffer(): Uint8Array;
}
const { WaveFile } = wavefile as unknown as { WaveFile: new () => _WaveFile };

const clip = Deno.args[0] ??
  new URL("../../shared/datasets/sample/ravdess/Actor_01/03-01-05-02-01-01-01.wav", import.meta.url)
    .pathname;

const n = 48000;
const x = new Float32Array(n);
let seed = 1;
for (let i = 0; i < n; i++) {
  seed = (seed * 16807) % 2147483647;
  x[i] = (seed / 2147483647) * 2 - 1;
}
x.set([1, -1, 0.5, -0.5]);
const decode = (bytes: Uint8Array) => readMono(decodeAudio(bytes, "x.wav"));
const maxError = (a: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - x[i])), 0);
const wavefileWav = (depth: string) => {
  const w = new WaveFile();
  w.fromScratch(1, 22050, "32f", Array.from(x));
  if (depth !== "32f") w.toBitDepth(depth);
  return w.toBuffer();
};
const [wf32, ours32] = [wavefileWav("32f"), encodeWav(x, 22050, "float32")];
const [wf16, ours16] = [decode(wavefileWav("16")), decode(encodeWav(x, 22050, "int16"))];
const codes = (a: Float32Array) => Array.from(a, (v) => Math.round(v * 32768));
const [c1, c2] = [codes(wf16), codes(ours16)];
console.log(JSON.stringify({
  wavefile: {
    float32_identical_bytes: wf32.length === ours32.length && wf32.every((b, i) => b === ours32[i]),
    int16_codes_of_1_m1_half_mhalf: c1.slice(0, 4),
    serlab_int16_codes: c2.slice(0, 4),
    int16_codes_differing: `${c1.filter((c, i) => c !== c2[i]).length} of ${n}`,
    int16_max_error: maxError(wf16),
    serlab_int16_max_error: maxError(ours16),
    // samples from 32767.5 / 32768 up are clipped to 32767
    serlab_int16_max_error_unclipped: maxError(
      ours16.map((v, i) => (x[i] * 32768 >= 32767.5 ? x[i] : v)),
    ),
  },
}));

const y = loadClip(await Deno.readFile(clip), clip, FUSIONNET_LOAD);
const rmsFrames = Float32Array.from(lowLevelDescriptors(y, 22050).rows.rms[0]);
for (const [name, v] of [["waveform", y], ["rms_frames", rmsFrames]] as const) {
  const m = moments(v);
  const a = Array.from(v);
  console.log(JSON.stringify({
    simple_statistics: name,
    n: a.length,
    variance: [ss.variance(a), m.variance],
    skewness: [ss.sampleSkewness(a), m.skewness],
    kurtosis: [ss.sampleKurtosis(a), m.kurtosis],
  }));
}
