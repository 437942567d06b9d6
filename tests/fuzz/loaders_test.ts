/**
 * Fuzzing: randomly damaged WAV, AIFF, WAV-stream, model and feature-cache files (seeded, a
 * bounded number of cases, a few seconds) fed to the loaders. Each case must either work, with
 * finite numbers, or fail with an error naming the file; never a crash of another kind, a hang
 * or a NaN result.
 *
 * @module
 */
import { assert, assertEquals } from "../_assert.ts";
import { AudioError, FUSIONNET_LOAD } from "../../lib/audio/mod.ts";
import { computeFeatures } from "../../lib/dataset/compute.ts";
import { FUSIONNET_FEATURES } from "../../lib/features/mod.ts";
import { FeatureCache } from "../../lib/features/cache.ts";
import { EmotionPredictor, monoChunks } from "../../lib/realtime/mod.ts";
import { Random } from "../../lib/util/random.ts";
import { testModel } from "../_model.ts";
import { REFERENCE_AUDIO, SAMPLE } from "../_shared.ts";

/** One random kind of damage: flipped bytes, a cut, a rewritten size field, junk, a splice. */
function damage(bytes: Uint8Array, rng: Random): { bytes: Uint8Array; how: string } {
  const out = bytes.slice();
  const kind = rng.int(6);
  const header = Math.min(out.length, 128);
  switch (kind) {
    case 0: { // flip bytes anywhere
      const n = 1 + rng.int(8);
      for (let i = 0; i < n; i++) out[rng.int(out.length)] ^= 1 + rng.int(255);
      return { bytes: out, how: `${n} bytes flipped` };
    }
    case 1: { // flip bytes in the header, where the sizes and formats are
      const n = 1 + rng.int(4);
      for (let i = 0; i < n; i++) out[rng.int(header)] ^= 1 << rng.int(8);
      return { bytes: out, how: `${n} header bits flipped` };
    }
    case 2: { // cut anywhere
      const at = rng.int(out.length);
      return { bytes: out.subarray(0, at), how: `cut at ${at}` };
    }
    case 3: { // a 32-bit field of the header set to an extreme
      const at = rng.int(Math.max(1, header - 4));
      const v = [0, 1, 0xffffffff, 0x7fffffff, rng.int(2 ** 31)][rng.int(5)];
      new DataView(out.buffer).setUint32(at, v, rng.int(2) === 0);
      return { bytes: out, how: `uint32 at ${at} set to ${v}` };
    }
    case 4: { // float samples of extreme values written over the data
      const v = new DataView(out.buffer);
      const at = header + rng.int(Math.max(1, out.length - header - 4));
      const x = [NaN, Infinity, -1e30, 1e19, 3e38][rng.int(5)];
      for (let i = 0; i < 64 && at + 4 * i + 4 <= out.length; i++) {
        v.setFloat32(at + 4 * i, x, true);
      }
      return { bytes: out, how: `${x} written at ${at}` };
    }
    default: { // random bytes after a real header
      const keep = rng.int(header);
      const junk = Uint8Array.from({ length: rng.int(4096) }, () => rng.int(256));
      const spliced = new Uint8Array(keep + junk.length);
      spliced.set(out.subarray(0, keep));
      spliced.set(junk, keep);
      return { bytes: spliced, how: `${junk.length} junk bytes after ${keep}` };
    }
  }
}

const finite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

/** Runs `fn`; it may succeed or throw an error naming `name`, nothing else, and not take long. */
async function expectWorksOrNamed(name: string, how: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes(name)) {
      throw new Error(`${how}: not a named error: ${e instanceof Error ? e.stack : e}`);
    }
  }
  const ms = performance.now() - t0;
  assert(ms < 3000, `${how}: took ${ms.toFixed(0)} ms`);
}

const AUDIO = [
  `${REFERENCE_AUDIO}/male_angry.s16.48000.wav`,
  `${REFERENCE_AUDIO}/male_sad.s24.44100.stereo.wav`,
  `${REFERENCE_AUDIO}/female_happy.f32.22050.wav`,
  `${SAMPLE}/tess/YAF_fear/YAF_neat_fear.wav`, // AIFF inside
];

Deno.test("fuzz: damaged WAV and AIFF files decode to finite features or a named AudioError", async () => {
  const rng = new Random(20261125);
  let worked = 0, failed = 0;
  for (const path of AUDIO) {
    const original = await Deno.readFile(path);
    for (let k = 0; k < 40; k++) {
      const { bytes, how } = damage(original, rng);
      const name = `fuzz-${k}.wav`;
      await expectWorksOrNamed(name, `${path}, ${how}`, () => {
        try {
          const f = computeFeatures(bytes, name, null, FUSIONNET_LOAD, FUSIONNET_FEATURES);
          assert(finite(f.acoustic) && finite(f.statistical), `${how}: non-finite features`);
          worked++;
        } catch (e) {
          if (!(e instanceof AudioError)) throw e;
          failed++;
          throw e;
        }
        return Promise.resolve();
      });
    }
  }
  assert(
    worked > 0 && failed > 0,
    `${worked} worked, ${failed} failed: the damage is too mild or too harsh`,
  );
});

Deno.test("fuzz: damaged WAV streams give finite chunks or a named AudioError", async () => {
  const rng = new Random(7);
  const original = await Deno.readFile(AUDIO[0]);
  for (let k = 0; k < 60; k++) {
    const { bytes, how } = damage(original, rng);
    await expectWorksOrNamed("stream", how, async () => {
      async function* pieces() {
        for (let at = 0; at < bytes.length; at += 997) yield bytes.subarray(at, at + 997);
      }
      for await (const c of monoChunks(pieces(), "wav", "stream")) {
        assert(finite(c.samples) && c.sampleRate > 0, `${how}: non-finite samples`);
      }
    });
  }
});

Deno.test("fuzz: damaged model folders load and predict finite probabilities, or fail naming a file", async () => {
  const rng = new Random(11);
  const src = await testModel();
  const files = ["serlab.json", "fusion/weights.bin", "gender/model.json", "extractor/weights.bin"];
  const clip = `${SAMPLE}/ravdess/Actor_01/03-01-05-01-01-01-01.wav`;
  const audio = await Deno.readFile(clip);
  for (let k = 0; k < 24; k++) {
    const dir = await Deno.makeTempDir({ prefix: "serlab-fuzz-model-" });
    for (const sub of ["extractor", "fusion", "gender"]) {
      await Deno.mkdir(`${dir}/${sub}`);
      for (const f of ["model.json", "weights.bin"]) {
        await Deno.copyFile(`${src}/${sub}/${f}`, `${dir}/${sub}/${f}`);
      }
    }
    await Deno.copyFile(`${src}/serlab.json`, `${dir}/serlab.json`);
    const target = files[k % files.length];
    const { bytes, how } = damage(await Deno.readFile(`${dir}/${target}`), rng);
    await Deno.writeFile(`${dir}/${target}`, bytes);
    // a damaged model may still predict; if so, the numbers are finite (else the clip is named)
    await expectWorksOrNamed(dir, `${target}: ${how}`, async () => {
      const predictor = await EmotionPredictor.load(dir);
      try {
        const p = await predictor.predictFile(audio, clip);
        assert(finite(Object.values(p.probabilities)), `${target}: ${how}: NaN probabilities`);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith(clip)) return; // named by the clip
        throw e;
      } finally {
        predictor.dispose();
      }
    });
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fuzz: a damaged feature cache returns only records it stored, exactly", async () => {
  const rng = new Random(3);
  const dir = await Deno.makeTempDir();
  const cache = await FeatureCache.open(dir, "fuzz", 162, 8);
  const stored = new Map<string, number[]>();
  for (let i = 0; i < 20; i++) {
    const key = i.toString(16).padStart(2, "0").repeat(32);
    const f = {
      acoustic: Float32Array.from({ length: 162 }, () => rng.normal()),
      statistical: Float32Array.from({ length: 8 }, () => rng.normal()),
    };
    await cache.put(key, f);
    stored.set(key, [...f.acoustic, ...f.statistical]);
  }
  cache.close();
  const original = await Deno.readFile(cache.path);
  for (let k = 0; k < 40; k++) {
    const { bytes, how } = damage(original, rng);
    await Deno.writeFile(cache.path, bytes);
    const again = await FeatureCache.open(dir, "fuzz", 162, 8);
    for (const [key, values] of stored) {
      const f = again.get(key);
      if (f) assertEquals([...f.acoustic, ...f.statistical], values, `${how}: ${key}`);
    }
    again.close();
  }
  await Deno.remove(dir, { recursive: true });
});
