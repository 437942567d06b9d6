import { assert, assertEquals } from "../_assert.ts";
import { MODEL_FOLDER } from "../../lib/model/folder.ts";
import {
  checkOutputFolder,
  checkOverwrite,
  RefusedError,
  replaceFolder,
} from "../../lib/util/owned.ts";

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert(e instanceof RefusedError, String(e));
    return e.message;
  }
  throw new Error("not refused");
}

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("replaceFolder writes a new folder, and refuses a user's folder without touching it", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-owned-" });
  const write = (tmp: string) =>
    Deno.writeTextFile(`${tmp}/serlab.json`, JSON.stringify({ format: "serlab-functionals/1" }));
  await replaceFolder(`${root}/model`, MODEL_FOLDER, write);
  assertEquals(names(root), ["model"]);
  assertEquals(names(`${root}/model`), ["serlab.json"]);
  // a user's folder (their files, no serlab model): refused before write runs, left as it was
  await Deno.mkdir(`${root}/mine`);
  await Deno.writeTextFile(`${root}/mine/thesis.tex`, "mine");
  let ran = false;
  const message = await refused(replaceFolder(`${root}/mine`, MODEL_FOLDER, () => {
    ran = true;
    return Promise.resolve();
  }));
  assert(!ran && message.startsWith(`${root}/mine: `) && !message.includes("\n"), message);
  assertEquals(await Deno.readTextFile(`${root}/mine/thesis.tex`), "mine");
  assertEquals(names(root), ["mine", "model"]);
  // a file named like a card but not serlab's is no model either
  await Deno.writeTextFile(`${root}/mine/serlab.json`, "{}");
  await refused(replaceFolder(`${root}/mine`, MODEL_FOLDER, write));
  // an empty folder is taken
  await Deno.mkdir(`${root}/empty`);
  await replaceFolder(`${root}/empty`, MODEL_FOLDER, write);
  assertEquals(names(`${root}/empty`), ["serlab.json"]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("replaceFolder replaces an earlier serlab model: only its files go, nothing is left beside it", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-owned-" });
  const dir = `${root}/model`;
  await Deno.mkdir(`${dir}/extractor`, { recursive: true });
  await Deno.writeTextFile(`${dir}/serlab.json`, JSON.stringify({ format: "serlab-fusionnet/3" }));
  await Deno.writeTextFile(`${dir}/extractor/model.json`, "{}");
  await Deno.writeTextFile(`${dir}/extractor/weights.bin`, "old");
  await replaceFolder(dir, MODEL_FOLDER, async (tmp) => {
    // while the new model is written, the old one is still whole in its place
    assertEquals(await Deno.readTextFile(`${dir}/extractor/weights.bin`), "old");
    await Deno.writeTextFile(
      `${tmp}/serlab.json`,
      JSON.stringify({ format: "serlab-functionals/1" }),
    );
  });
  assertEquals(names(root), ["model"]);
  assertEquals(names(dir), ["serlab.json"]);
  assert((await Deno.readTextFile(`${dir}/serlab.json`)).includes("functionals"));
  // a failed write leaves the model as it was and no new folder
  await refused(replaceFolder(dir, MODEL_FOLDER, () => {
    throw new RefusedError("stop");
  }));
  assertEquals(names(root), ["model"]);
  assert((await Deno.readTextFile(`${dir}/serlab.json`)).includes("functionals"));
  // a model folder that also holds a user's file is refused, the file kept
  await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
  const message = await refused(replaceFolder(dir, MODEL_FOLDER, async () => {}));
  assert(message.includes("notes.txt"), message);
  assertEquals(await Deno.readTextFile(`${dir}/notes.txt`), "mine");
  await Deno.remove(root, { recursive: true });
});

Deno.test("checkOutputFolder and checkOverwrite: new, empty, earlier, or refused naming the path", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-owned-" });
  assertEquals(await checkOutputFolder(`${root}/x`, MODEL_FOLDER), "new");
  assertEquals(await checkOutputFolder(root, MODEL_FOLDER), "empty");
  await Deno.writeTextFile(`${root}/a.csv`, "mine");
  await refused(checkOutputFolder(`${root}/a.csv`, MODEL_FOLDER));
  await refused(checkOutputFolder(root, MODEL_FOLDER));
  const ours = (t: string) => t.startsWith("path,");
  await checkOverwrite(`${root}/b.csv`, "a manifest", ours);
  const message = await refused(checkOverwrite(`${root}/a.csv`, "a manifest", ours));
  assert(message.startsWith(`${root}/a.csv: `), message);
  await Deno.writeTextFile(`${root}/empty.csv`, ""); // nothing to lose (a new temporary file)
  await checkOverwrite(`${root}/empty.csv`, "a manifest", ours);
  await Deno.writeTextFile(`${root}/c.csv`, "path,corpus\n");
  await checkOverwrite(`${root}/c.csv`, "a manifest", ours);
  await Deno.remove(root, { recursive: true });
});
