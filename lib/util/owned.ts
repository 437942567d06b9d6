/**
 * Output serlab owns. serlab writes a folder only when it is new, empty, or an earlier output of
 * the same kind (recognised by serlab's own card, manifest or marker in it); it overwrites a file
 * only when the file is absent or serlab's own; and it replaces an earlier output folder
 * atomically, removing only the files it wrote there. Everything else is refused with a
 * {@linkcode RefusedError} naming the path.
 *
 * @module
 */

/** serlab will not write here: the path holds something serlab did not create. */
export class RefusedError extends Error {
  override name = "RefusedError";
}

/** A kind of output folder serlab writes. */
export interface OutputKind {
  /** What such a folder holds, for messages: "a serlab model". */
  what: string;
  /** Whether `dir` (an existing, non-empty folder) is an earlier output of this kind. */
  recognise(dir: string): Promise<boolean>;
}

/** A kind of output folder serlab replaces as a whole ({@linkcode replaceFolder}). */
export interface ReplaceableKind extends OutputKind {
  /** Whether a file, by its path relative to the folder ("fusion/weights.bin"), is serlab's. */
  owns(rel: string): boolean;
}

/**
 * Whether serlab may write `dir` as `kind`: "new" (absent), "empty", or "earlier" (an earlier
 * output of the kind). Throws a {@linkcode RefusedError} naming the folder when it is a file, or
 * a non-empty folder that is not such an output.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkOutputFolder, type OutputKind } from "./owned.ts";
 * const kind: OutputKind = { what: "a demo", recognise: () => Promise.resolve(false) };
 * const dir = await Deno.makeTempDir();
 * assertEquals(await checkOutputFolder(dir, kind), "empty");
 * await Deno.remove(dir);
 * ```
 */
export async function checkOutputFolder(
  dir: string,
  kind: OutputKind,
): Promise<"new" | "empty" | "earlier"> {
  const stat = await Deno.stat(dir).catch((e) => {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  });
  if (!stat) return "new";
  if (!stat.isDirectory) {
    throw new RefusedError(
      `${dir}: a file, not a folder; serlab writes ${kind.what} into a new or empty folder`,
    );
  }
  for await (const _ of Deno.readDir(dir)) {
    if (await kind.recognise(dir)) return "earlier";
    throw new RefusedError(
      `${dir}: not empty and holds no ${kind.what}; choose a new or empty folder (serlab does not overwrite what it did not write)`,
    );
  }
  return "empty";
}

/**
 * Writes the folder `dir` as `kind` through `write`, which fills a new sibling folder
 * (`<dir>.new-<id>`); then the new folder takes `dir`'s place: an absent or empty `dir` is
 * simply replaced, an earlier output is renamed away (`<dir>.old-<id>`), the new one renamed in,
 * and only the files serlab wrote in the old one removed (with the folders they leave empty).
 * Refuses (before `write` runs) a folder {@linkcode checkOutputFolder} refuses, or an earlier
 * output that also holds files serlab did not write. If `write` throws, the new folder is removed
 * and `dir` is untouched.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { replaceFolder, type ReplaceableKind } from "./owned.ts";
 * const kind: ReplaceableKind = {
 *   what: "a greeting",
 *   recognise: (d) => Deno.stat(`${d}/hello.txt`).then(() => true, () => false),
 *   owns: (rel) => rel === "hello.txt",
 * };
 * const base = await Deno.makeTempDir();
 * const dir = `${base}/out`;
 * await replaceFolder(dir, kind, (tmp) => Deno.writeTextFile(`${tmp}/hello.txt`, "1"));
 * await replaceFolder(dir, kind, (tmp) => Deno.writeTextFile(`${tmp}/hello.txt`, "2"));
 * assertEquals(await Deno.readTextFile(`${dir}/hello.txt`), "2");
 * await Deno.remove(base, { recursive: true });
 * ```
 */
export async function replaceFolder<T>(
  dir: string,
  kind: ReplaceableKind,
  write: (tmp: string) => Promise<T>,
): Promise<T> {
  const path = dir.replace(/\/+$/, "") || "/";
  await checkReplaceable(path, kind);
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  const id = crypto.randomUUID().slice(0, 8);
  const tmp = `${path}.new-${id}`;
  await Deno.mkdir(tmp); // not recursive: a fresh folder of serlab's own, or an error
  let result: T;
  try {
    result = await write(tmp);
    const state = await checkReplaceable(path, kind);
    if (state === "empty") await Deno.remove(path); // not recursive: only an empty folder goes
    if (state === "earlier") {
      const old = `${path}.old-${id}`;
      await Deno.rename(path, old);
      await Deno.rename(tmp, path);
      await _removeOwned(old, "", kind);
      return result;
    }
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
  return result;
}

/**
 * Throws a {@linkcode RefusedError} naming `path` unless the file is absent, empty, or `isOurs`
 * says serlab wrote it (its text is passed; binary files are read as UTF-8 with replacement).
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { checkOverwrite, RefusedError } from "./owned.ts";
 * const dir = await Deno.makeTempDir();
 * const file = `${dir}/notes.txt`;
 * await Deno.writeTextFile(file, "mine");
 * await assertRejects(
 *   () => checkOverwrite(file, "a manifest", (text) => text.startsWith("path,")),
 *   RefusedError,
 *   `${file}: exists and is not a manifest serlab wrote`,
 * );
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function checkOverwrite(
  path: string,
  what: string,
  isOurs: (text: string) => boolean,
): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder().decode(await Deno.readFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    if (e instanceof Deno.errors.IsADirectory) {
      throw new RefusedError(`${path}: a folder; serlab writes ${what} here only as a file`);
    }
    throw e;
  }
  if (text.length > 0 && !isOurs(text)) { // an empty file holds nothing to lose
    throw new RefusedError(
      `${path}: exists and is not ${what} serlab wrote; serlab does not overwrite it (move it or choose another name)`,
    );
  }
}

/**
 * What {@linkcode replaceFolder} checks before it writes: {@linkcode checkOutputFolder}, and
 * that an earlier output holds only files serlab wrote there. For a command to refuse at once,
 * before work that comes ahead of the write (reading a corpus).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkReplaceable, type ReplaceableKind } from "./owned.ts";
 * const kind: ReplaceableKind = {
 *   what: "a greeting",
 *   recognise: () => Promise.resolve(false),
 *   owns: (rel) => rel === "hello.txt",
 * };
 * const dir = await Deno.makeTempDir();
 * assertEquals(await checkReplaceable(`${dir}/new`, kind), "new");
 * await Deno.remove(dir);
 * ```
 */
export async function checkReplaceable(
  path: string,
  kind: ReplaceableKind,
): Promise<"new" | "empty" | "earlier"> {
  const state = await checkOutputFolder(path, kind);
  if (state === "earlier") {
    const foreign = (await _files(path, "")).filter((rel) => !kind.owns(rel));
    if (foreign.length) {
      throw new RefusedError(
        `${path}: holds ${kind.what}, and also ${foreign.slice(0, 3).join(", ")}${
          foreign.length > 3 ? ` and ${foreign.length - 3} more` : ""
        }, which serlab did not write; move them or choose another folder`,
      );
    }
  }
  return state;
}

/** Files (not folders) under `dir`, relative to it. */
async function _files(dir: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(rel ? `${dir}/${rel}` : dir)) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await _files(dir, r));
    else out.push(r);
  }
  return out;
}

/** Removes the files `kind` owns under `dir`/`rel`, then each folder they leave empty. */
async function _removeOwned(dir: string, rel: string, kind: ReplaceableKind): Promise<void> {
  const here = rel ? `${dir}/${rel}` : dir;
  for await (const e of Deno.readDir(here)) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) await _removeOwned(dir, r, kind);
    else if (kind.owns(r)) await Deno.remove(`${dir}/${r}`);
  }
  // not recursive: a folder still holding anything serlab did not write stays
  await Deno.remove(here).catch(() => {});
}
