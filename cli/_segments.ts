/**
 * `predict --segments`: each file cut into speech segments, one prediction per segment.
 *
 * @module
 */
import { decodeAudio, readMono } from "../lib/audio/mod.ts";
import { type EmotionPredictor, monoChunks, predictSegments } from "../lib/realtime/mod.ts";

/**
 * Predicts every speech segment of every file, printing a line per segment (`--json`:
 * `{"file", "start", "end", "emotion", "probabilities", ...}`); WAV files are read as a stream
 * from disk (bounded memory), others decoded whole. A bad file gets an error line naming it and
 * the batch goes on; returns 1 if any failed.
 *
 * @example
 * ```ts ignore
 * const status = await predictFileSegments(predictor, ["talk.wav"], { json: true });
 * ```
 */
export async function predictFileSegments(
  predictor: EmotionPredictor,
  files: string[],
  o: { json: boolean; gender?: "male" | "female"; withInputs?: boolean; silenceDb?: number },
): Promise<number> {
  let failed = 0;
  const labels = predictor.labels;
  if (!o.json) console.log(["file", "start", "end", "emotion", ...labels].join("\t"));
  for (const file of files) {
    let n = 0;
    try {
      const chunks = await _chunks(file);
      for await (
        const r of predictSegments(predictor, chunks, {
          gender: o.gender,
          withInputs: o.withInputs,
          ...(o.silenceDb === undefined ? {} : { silenceDb: o.silenceDb }),
        })
      ) {
        n++;
        if (o.json) console.log(JSON.stringify({ file, ...r }));
        else {
          console.log(
            [
              file,
              r.start.toFixed(2),
              r.end.toFixed(2),
              r.emotion,
              ...labels.map((l) => r.probabilities[l].toFixed(3)),
            ].join("\t"),
          );
        }
      }
      if (n === 0) console.error(`${file}: no speech segments`);
    } catch (e) {
      failed++;
      const m = e instanceof Error ? e.message : String(e);
      const error = m.startsWith(file) ? m : `${file}: ${m}`;
      if (o.json) console.log(JSON.stringify({ file, error }));
      else console.log(`${file}\terror: ${error}`);
    }
  }
  if (failed) console.error(`${failed} of ${files.length} files failed`);
  return failed ? 1 : 0;
}

async function _chunks(
  file: string,
): Promise<AsyncIterable<{ samples: Float32Array; sampleRate: number }>> {
  const head = new Uint8Array(4);
  const f = await Deno.open(file);
  const n = await f.read(head);
  f.close();
  if (n === 4 && String.fromCharCode(...head) === "RIFF") {
    const stream = (await Deno.open(file)).readable;
    return monoChunks(stream, "wav", file);
  }
  const pcm = decodeAudio(await Deno.readFile(file), file);
  return (async function* () {
    const step = 10 * pcm.sampleRate;
    for (let at = 0; at < pcm.frames; at += step) {
      yield { samples: readMono(pcm, at, step), sampleRate: pcm.sampleRate };
    }
  })();
}
