import * as ort from "onnxruntime-node";
import { assert, assertEquals } from "../_assert.ts";
import { ProtoWriter } from "../../lib/onnx/mod.ts";
import { EmotionPredictor } from "../../lib/realtime/mod.ts";
import { testFunctionalsModel, testModel, testSequenceModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

Deno.test("protobuf writer: varints, negative int64, floats, nested messages", () => {
  assertEquals([...new ProtoWriter().int(1, 300).bytes()], [8, 172, 2]);
  assertEquals([...new ProtoWriter().int(2, -1).bytes()], [16, ...Array(9).fill(255), 1]);
  assertEquals([...new ProtoWriter().float(1, 1).bytes()], [13, 0, 0, 128, 63]);
  const inner = new ProtoWriter().bytes(1, "ab");
  assertEquals([...new ProtoWriter().bytes(3, inner).bytes()], [26, 4, 10, 2, 97, 98]);
});

Deno.test("the ONNX export gives serlab's probabilities on real clips (FusionNet; onnxruntime, 1e-5)", async () => {
  await exportAgrees(await testModel(), ["features", "gender"], 170);
});

Deno.test("the ONNX export gives serlab's probabilities on real clips (functional sets; onnxruntime, 1e-5)", async () => {
  await exportAgrees(await testFunctionalsModel(), ["features"], null);
});

Deno.test("the ONNX export gives serlab's probabilities on real clips (sequence model; onnxruntime, 1e-5)", async () => {
  await exportAgrees(await testSequenceModel(), ["frames"], null);
});

/** Exports `dir` with the CLI, checks the graph, and compares onnxruntime with serlab on clips. */
async function exportAgrees(dir: string, inputs: string[], features: number | null) {
  const out = await Deno.makeTempDir();
  const export_ = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/export.ts", dir, "--onnx", out],
    stderr: "piped",
  }).output();
  assert(export_.success, new TextDecoder().decode(export_.stderr));
  // exporting again replaces serlab's own files; a spec.json serlab did not write is refused, kept
  const exportTo = (to: string) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/export.ts", dir, "--onnx", to],
      stderr: "piped",
    }).output();
  const again = await exportTo(out);
  assert(again.success, new TextDecoder().decode(again.stderr));
  const mine = await Deno.makeTempDir();
  await Deno.writeTextFile(`${mine}/spec.json`, "my spec");
  const refused = await exportTo(mine);
  assertEquals(refused.code, 2);
  assert(
    new TextDecoder().decode(refused.stderr).includes(`${mine}/spec.json: exists and is not`),
    new TextDecoder().decode(refused.stderr),
  );
  assertEquals([...Deno.readDirSync(mine)].map((e) => e.name), ["spec.json"]);
  assertEquals(await Deno.readTextFile(`${mine}/spec.json`), "my spec");
  // the ONNX reference checker (Debian's python3-onnx, which CI installs), with shape inference
  const check = await new Deno.Command("/usr/bin/python3", {
    args: [
      "-c",
      "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); " +
      "print(m.opset_import[0].version)",
      `${out}/model.onnx`,
    ],
    stderr: "piped",
    stdout: "piped",
  }).output();
  assert(check.success, new TextDecoder().decode(check.stderr));
  assert(Number(new TextDecoder().decode(check.stdout)) >= 13);
  const spec = JSON.parse(await Deno.readTextFile(`${out}/spec.json`));
  const predictor = await EmotionPredictor.load(dir);
  const session = await ort.InferenceSession.create(`${out}/model.onnx`);
  try {
    assertEquals(spec.labels, predictor.labels);
    const input = Object.keys(spec.inputs)[0];
    assertEquals(
      spec.inputs[input].names.length,
      features ?? predictor.model.featureNames.length,
    );
    assertEquals(session.inputNames.sort(), inputs);
    assertEquals(session.outputNames.sort(), Object.keys(spec.outputs).sort());
    const files = ["ravdess/Actor_01", "tess/OAF_angry", "cremad", "savee"].flatMap((d) => {
      try {
        return [...Deno.readDirSync(`${SAMPLE}/${d}`)].filter((e) =>
          e.isFile && /\.(wav|aiff?)$/i.test(e.name)
        )
          .slice(0, 3)
          .map((e) => `${SAMPLE}/${d}/${e.name}`);
      } catch {
        return [];
      }
    });
    assert(files.length >= 6, `${files.length} sample clips`);
    let worst = 0;
    for (const [i, file] of files.entries()) {
      // FusionNet: the gender given, or estimated by the graph (a functional set takes none)
      const gender = i % 3 === 0 && predictor.model.usesGender ? "female" : undefined;
      const p = await predictor.predictFile(await Deno.readFile(file), file, gender, true);
      const feeds = Object.fromEntries(
        Object.entries(p.inputs!).map(([name, v]) => [
          name,
          new ort.Tensor("float32", Float32Array.from(v), _dims(spec.inputs[name].shape, v.length)),
        ]),
      );
      const run = await session.run(feeds);
      const got = run.probabilities.data as Float32Array;
      predictor.labels.forEach((l, c) => {
        worst = Math.max(worst, Math.abs(got[c] - p.probabilities[l]));
      });
      // a functional-set or sequence model's second output: what it runs on the speaker's own
      // statistics
      if (run.probabilities_own_statistics) {
        const x = Float32Array.from(p.inputs![input]);
        const own = await predictor.model.predict(x, 1, { standardization: "speaker" });
        const out = run.probabilities_own_statistics.data as Float32Array;
        own.probabilities.forEach((v, c) => worst = Math.max(worst, Math.abs(out[c] - v)));
        assert(own.probabilities.some((v, c) => Math.abs(v - got[c]) > 1e-6), "one classifier");
      }
    }
    assert(worst <= 1e-5, `largest difference ${worst}`);
  } finally {
    predictor.dispose();
    await session.release();
    await Deno.remove(out, { recursive: true });
  }
}

/** A spec's input shape for one row of `values` values: "n" is 1, another name what is left. */
function _dims(shape: (number | string)[], values: number): number[] {
  const known = shape.reduce<number>((a, d) => typeof d === "number" ? a * d : a, 1);
  return shape.map((d) => d === "n" ? 1 : typeof d === "number" ? d : values / known);
}
