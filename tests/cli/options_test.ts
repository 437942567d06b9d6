import { assert, assertEquals, assertThrows } from "../_assert.ts";
import {
  AUGMENT_CHOICES,
  augmentOption,
  checkArgs,
  CONV_LAYERS,
  numberOption,
  PORT,
  SEED,
  trainingOption,
} from "../../cli/_options.ts";
import { SLURM_ARGS, slurmFlagsGiven } from "../../lib/cluster/mod.ts";
import { parseLabelSet } from "../../lib/corpora/mod.ts";
import { FUSIONNET_TRAINING } from "../../lib/model/mod.ts";
import { ROOT, runScript as run } from "../_shared.ts";

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
    usage: "",
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
    'unexpected argument "data/corpora" (a corpus folder is --data DIR, a manifest --data FILE.csv)',
  );
  assertThrows(() => checkArgs(["--bogus"], spec), Error, "unknown option --bogus");
  const two = { usage: "", positionals: { max: 1, what: "one model folder" } };
  assertEquals(checkArgs(["m"], two)._, ["m"]);
  assertThrows(() => checkArgs(["m", "n"], two), Error, "it takes one model folder");
});

/** The one line of a task's error on standard error (Deno's own download lines aside). */
function errorLines(stderr: string): string[] {
  // Deno's own lines (npm downloads, waiting for another process's node_modules lock) aside
  // deno-lint-ignore no-control-regex
  return stderr.replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n").filter((l) =>
    l && !/^(Download|Blocking waiting for file lock)/.test(l)
  );
}

/** Runs each case and asserts status 2 and one line on standard error starting with `message`. */
async function assertUsageErrors(cases: [string, string[], string, ...string[]][]) {
  await Promise.all(cases.map(async ([script, args, message, ...named]) => {
    const r = await run(script, args);
    const what = `${script} ${args.join(" ")}`;
    assertEquals(r.code, 2, `${what}: ${r.stderr}`);
    const lines = errorLines(r.stderr);
    assertEquals(lines.length, 1, `${what}: ${r.stderr}`);
    assert(lines[0].startsWith(message), `${what}: ${lines[0]}`);
    for (const n of named) assert(lines[0].includes(n), `${what}: "${n}" not in ${lines[0]}`);
  }));
}

Deno.test("a boolean flag takes only its forms: --quick, --quick=true, --quick=false", () => {
  const spec = { usage: "", booleans: ["quick"] };
  assertEquals(checkArgs(["--quick"], spec).quick, true);
  assertEquals(checkArgs(["--quick=true"], spec).quick, true);
  assertEquals(checkArgs(["--quick=false"], spec).quick, false);
  assertEquals(checkArgs(["--quick", "--quick=false"], spec).quick, false);
  // a flag given as false is not given: --dry-run=false does not ask for --slurm
  assertEquals(slurmFlagsGiven(checkArgs(["--dry-run=false"], { usage: "", ...SLURM_ARGS })), []);
  assertEquals(slurmFlagsGiven(checkArgs(["--dry-run"], { usage: "", ...SLURM_ARGS })), [
    "dry-run",
  ]);
  // --quick=false is the paper's schedule, --quick the short one
  assertEquals(trainingOption(checkArgs(["--quick=false"], spec).quick), FUSIONNET_TRAINING);
  assertEquals(trainingOption(checkArgs(["--quick"], spec).quick).epochs, 20);
  for (const bad of ["maybe", "", "1", "yes", "False"]) {
    assertThrows(
      () => checkArgs([`--quick=${bad}`], spec),
      Error,
      `--quick is a flag: --quick, --quick=true or --quick=false, not "${bad}"`,
    );
  }
});

Deno.test("checkArgs: enumerated values, value checks, required flags and positionals", () => {
  const spec = {
    usage: "",
    strings: ["backend", "out"],
    lists: ["augment", "labels"],
    choices: { backend: ["auto", "tfjs-cpu"], augment: AUGMENT_CHOICES },
    checks: { labels: parseLabelSet },
    required: ["out"],
    positionals: { min: 1, max: 2, what: "MODEL_DIR [FILE]" },
  };
  const a = checkArgs(
    ["m", "--out", "o", "--augment", "noise", "pitch", "--backend=tfjs-cpu"],
    spec,
  );
  assertEquals([a._, a.augment, a.backend], [["m"], ["noise", "pitch"], "tfjs-cpu"]);
  assertEquals(
    augmentOption(checkArgs(["m", "--out", "o", "--augment", "none"], spec).augment),
    [],
  );
  assertThrows(
    () => checkArgs(["m", "--out", "o", "--augment", "noise,bogus"], spec),
    Error,
    `--augment must be one of ${AUGMENT_CHOICES.join(", ")}; got "bogus"`,
  );
  assertThrows(
    () => checkArgs(["m", "--out", "o", "--backend", "x"], spec),
    Error,
    '--backend must be one of auto, tfjs-cpu; got "x"',
  );
  assertThrows(
    () => checkArgs(["m", "--out", "o", "--labels", "angry,angry"], spec),
    Error,
    '--labels: "angry" is given twice',
  );
  assertThrows(() => checkArgs(["m"], spec), Error, "--out is required");
  assertThrows(() => checkArgs(["--out", "o"], spec), Error, "missing MODEL_DIR [FILE]");
  // a list stops at the next flag, -h included
  const list = { usage: "", lists: ["augment"] };
  assertEquals(checkArgs(["--augment", "noise", "-h"], { ...list, positionals: { max: 1 } })._, [
    "-h",
  ]);
});

Deno.test("--quick=maybe, --experiments nosuch, --augment bogus, --backend x: one line naming the valid values, status 2", async () => {
  await assertUsageErrors([
    [
      "cli/reproduce.ts",
      ["--quick=maybe"],
      'reproduce: --quick is a flag: --quick, --quick=true or --quick=false, not "maybe"',
    ],
    ["cli/train.ts", ["--data", "d", "--out", "o", "--quick=maybe"], "train: --quick is a flag"],
    [
      "cli/reproduce.ts",
      ["--experiments", "nosuch"],
      "reproduce: --experiments must be one of",
      "paper-ravdess-cv",
      "best-cross-corpus",
      '"nosuch"',
    ],
    [
      "cli/reproduce.ts",
      ["--augment", "bogus"],
      "reproduce: --augment must be one of noise, shift, stretch, pitch, lowpass, channel, none",
      '"bogus"',
    ],
    [
      "cli/train.ts",
      ["--data", "d", "--out", "o", "--augment", "noise,bogus"],
      "train: --augment must be one of noise, shift",
      '"bogus"',
    ],
    [
      "cli/reproduce.ts",
      ["--backend", "x"],
      "reproduce: --backend must be one of auto, wasm-simd",
      '"x"',
    ],
    [
      "cli/train.ts",
      ["--data", "d", "--out", "o", "--backend", "x"],
      "train: --backend must be one of auto",
      '"x"',
    ],
    [
      "cli/reproduce.ts",
      ["--labels", "angry,angry"],
      'reproduce: --labels: "angry" is given twice',
    ],
    ["cli/reproduce.ts", ["--power", "cubic"], "reproduce: --power must be one of log, linear"],
    ["cli/reproduce.ts", ["--dry-run"], "reproduce: --dry-run goes with --slurm"],
    ["cli/train.ts", ["--out", "o"], "train: --data is required"],
    [
      "cli/features.ts",
      ["--set", "huge", "x.wav"],
      "features: --set must be one of compact, large",
    ],
    ["cli/features.ts", ["--json=maybe", "x.wav"], "features: --json is a flag"],
    [
      "cli/predict.ts",
      ["m", "x.wav", "--gender", "other"],
      "predict: --gender must be one of male, female",
    ],
    [
      "cli/predict.ts",
      ["m", "--stream", "-", "--format", "mp3"],
      "predict: --format must be one of s16le",
    ],
    ["cli/predict.ts", ["m", "--stream", "x"], 'predict: --stream must be one of -; got "x"'],
    ["cli/status.ts", ["r", "--json=maybe"], "status: --json is a flag"],
    ["cli/status.ts", [], "status: missing one run folder"],
    ["cli/export.ts", ["m"], "export: --onnx is required"],
    [
      "cli/fetch_data.ts",
      ["--corpus", "nosuch"],
      "fetch-data: --corpus must be one of ravdess, cremad, tess, savee",
    ],
    ["bench/main.ts", ["--only", "nosuch"], "bench: --only must be one of features, lld"],
    [
      "cli/superset.ts",
      ["--data", "d", "--out", "o", "--all-emotions=maybe"],
      "superset: --all-emotions is a flag",
    ],
    ["cli/fold.ts", ["r", "x"], 'fold: INDEX must be a unit index (0, 1, ...), got "x"'],
    ["cli/publish.ts", [], "publish: missing one run folder"],
    ["cli/notebooks.ts", ["--data"], "notebooks: --data needs a value"],
    ["tools/build_kernels.ts", ["--check=maybe"], "build-kernels: --check is a flag"],
  ]);
});

Deno.test("every task in deno.json prints its usage for -h and --help (exit 0)", async () => {
  const tasks: Record<string, string> = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`))
    .tasks;
  const scripts = Object.entries(tasks)
    .filter(([name]) => name !== "test" && name !== "check")
    .map(([name, command]) => {
      const m = /^deno run -A (\S+\.ts)$/.exec(command);
      assert(m, `${name}: ${command}`);
      return [name, m[1]] as const;
    });
  assert(scripts.length >= 14, scripts.map(([n]) => n).join(", "));
  await Promise.all(scripts.flatMap(([name, script]) =>
    ["-h", "--help"].map(async (flag) => {
      // help wins over everything else on the line, a bad option included
      const r = await run(script, flag === "-h" ? [flag] : ["--bogus", flag]);
      assertEquals(r.code, 0, `${name} ${flag}: ${r.stderr}`);
      assert(r.stdout.startsWith("usage: "), `${name} ${flag}: ${r.stdout}`);
      assertEquals(errorLines(r.stderr), [], `${name} ${flag}`);
    })
  ));
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
    const lines = errorLines(r.stderr);
    assertEquals(lines.length, 1, r.stderr);
    assert(lines[0].startsWith(message), `${script} ${args.join(" ")}: ${lines[0]}`);
  }));
});
