/**
 * `deno task export MODEL_DIR --onnx OUT_DIR`: writes the model as `OUT_DIR/model.onnx` and the
 * description of its inputs (feature vector, scaler, labels) as `OUT_DIR/spec.json`; a
 * `model.onnx` or `spec.json` already there that serlab did not write is refused (exit 2).
 *
 * @module
 */
import { loadDeployable } from "../lib/model/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { taskArgs } from "./_options.ts";
import { checkOverwrite, RefusedError } from "../lib/util/owned.ts";

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
      // only files serlab wrote are overwritten: an ONNX model serlab produced, its spec
      await checkOverwrite(
        `${out}/model.onnx`,
        "an ONNX model",
        (t) => t.includes("\x12\x06serlab"),
      );
      await checkOverwrite(`${out}/spec.json`, "an ONNX spec", _isSpec);
      await Deno.mkdir(out, { recursive: true });
      await writeFileAtomic(`${out}/model.onnx`, bytes);
      await writeFileAtomic(`${out}/spec.json`, JSON.stringify(spec, null, 1) + "\n");
      console.log(`wrote ${out}/model.onnx (${bytes.length} bytes) and ${out}/spec.json`);
    } finally {
      model.dispose();
    }
  } catch (e) {
    console.error(`export: ${e instanceof Error ? e.message : e}`);
    Deno.exit(e instanceof RefusedError ? 2 : 1);
  }
}

function _isSpec(text: string): boolean {
  try {
    return String(JSON.parse(text)?.format).startsWith("serlab-onnx-spec/");
  } catch {
    return false;
  }
}
