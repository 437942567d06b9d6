/**
 * `deno task export MODEL_DIR --onnx OUT_DIR`: writes the model as `OUT_DIR/model.onnx` and the
 * description of its inputs (feature vector, scaler, labels) as `OUT_DIR/spec.json`.
 *
 * @module
 */
import { loadDeployable } from "../lib/model/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { taskArgs } from "./_options.ts";

const USAGE = "usage: deno task export MODEL_DIR --onnx OUT_DIR";

if (import.meta.main) {
  try {
    const args = taskArgs("export", Deno.args, {
      usage: USAGE,
      strings: ["onnx"],
      required: ["onnx"],
      positionals: { min: 1, max: 1, what: "one model folder" },
    });
    const [dir] = args._;
    const model = await loadDeployable(dir);
    try {
      if (!model.exportOnnx) throw new Error(`${dir}: ${model.family} models have no ONNX export`);
      const { model: bytes, spec } = await model.exportOnnx();
      const out = String(args.onnx);
      await Deno.mkdir(out, { recursive: true });
      await writeFileAtomic(`${out}/model.onnx`, bytes);
      await writeFileAtomic(`${out}/spec.json`, JSON.stringify(spec, null, 1) + "\n");
      console.log(`wrote ${out}/model.onnx (${bytes.length} bytes) and ${out}/spec.json`);
    } finally {
      model.dispose();
    }
  } catch (e) {
    console.error(`export: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
