import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { checkArgs, CONV_LAYERS, numberOption, PORT, SEED } from "../../cli/_options.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function run(script: string, args: string[], stdin?: Uint8Array) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}${script}`, ...args],
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(stdin);
    await w.close();
  }
  const r = await child.output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

Deno.test("numberOption: integers, bounds and non-numbers, named in the error", () => {
  assertEquals(numberOption("conv-layers", "2", CONV_LAYERS), 2);
  for (const bad of ["abc", "0", "-1", "1.5", "9", "", "Infinity", "0x"]) {
    assertThrows(
      () => numberOption("conv-layers", bad, CONV_LAYERS),
      Error,
      `--conv-layers must be an integer from 1 to 8, got "${bad}"`,
    );
  }
  assertEquals(numberOption("hop", "0.25", { above: 0 }), 0.25);
  assertThrows(
    () => numberOption("hop", "0", { above: 0 }),
    Error,
    "--hop must be a number above 0",
  );
  assertThrows(() => numberOption("port", "70000", PORT), Error, "from 0 to 65535");
  assertThrows(() => numberOption("seed", "1e300", SEED), Error, "--seed must be an integer");
});

Deno.test("checkArgs: numbers come back checked; stray positionals and unknown flags are errors", () => {
  const spec = {
    strings: ["data"],
    numbers: { rate: { integer: true, min: 1 } },
    booleans: ["quick"],
  };
  const a = checkArgs(["--rate=16000", "--quick"], spec);
  assertEquals([a.rate, a.quick, a._], [16000, true, []]);
  assertThrows(() => checkArgs(["--rate", "0"], spec), Error, "--rate must be an integer");
  assertThrows(
    () => checkArgs(["data/corpora"], spec),
    Error,
    'unexpected argument "data/corpora" (a corpus folder is --data DIR)',
  );
  assertThrows(() => checkArgs(["--bogus"], spec), Error, "unknown option --bogus");
  const two = { positionals: { max: 1, what: "one model folder" } };
  assertEquals(checkArgs(["m"], two)._, ["m"]);
  assertThrows(() => checkArgs(["m", "n"], two), Error, "it takes one model folder");
});

Deno.test("every task answers a bad command line with one line and status 2, never a stack trace", async () => {
  const cases: [string, string[], string][] = [
    ["cli/features.ts", ["--bogus"], "features: unknown option --bogus"],
    ["cli/serve.ts", ["model", "--bogus"], "serve: unknown option --bogus"],
    ["cli/serve.ts", ["model", "--port", "-1"], "serve: --port must be an integer from 0"],
    ["cli/reproduce.ts", ["--conv-layers", "abc"], "reproduce: --conv-layers must be an integer"],
    ["cli/reproduce.ts", ["some/dir"], 'reproduce: unexpected argument "some/dir"'],
    ["cli/train.ts", ["--data", "d", "--out", "o", "--seed", "x"], "train: --seed must be"],
    ["cli/predict.ts", ["m", "--stream", "-", "--channels", "0"], "predict: --channels must be"],
    ["cli/predict.ts", ["m", "--stream", "-", "--rate", "0"], "predict: --rate must be"],
    ["cli/predict.ts", ["m", "--stream", "-", "--rate", "-8000"], "predict: --rate must be"],
    ["cli/predict.ts", ["m", "--stream", "-", "--channels", "1.5"], "predict: --channels must be"],
    ["cli/superset.ts", ["--data", "d", "--out", "o", "x"], 'superset: unexpected argument "x"'],
    ["bench/main.ts", ["--bogus"], "bench: unknown option --bogus"],
    ["cli/publish.ts", ["a", "b"], 'publish: unexpected argument "b"'],
  ];
  await Promise.all(cases.map(async ([script, args, message]) => {
    const r = await run(script, args);
    assertEquals(r.code, 2, `${script} ${args.join(" ")}: ${r.stderr}`);
    // Deno's own lines (npm downloads, waiting for another process's node_modules lock) aside
    const lines = r.stderr.trim().split("\n").filter((l) =>
      !/^(Download|Blocking waiting for file lock)/.test(l)
    );
    assertEquals(lines.length, 1, r.stderr);
    assert(lines[0].startsWith(message), `${script} ${args.join(" ")}: ${lines[0]}`);
  }));
});
