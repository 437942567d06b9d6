import { crc32 } from "../util/crc32.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import type { FeatureSet } from "./extract.ts";

const KEY_BYTES = 32;
const CHECK_BYTES = 4;
/** The record layout's version, part of the file name: files of other layouts are not read. */
const LAYOUT = 2;

/**
 * Features on disk, keyed by content: one append-only file per feature settings
 * (`<dir>/<settingsKey>.v2.bin`), each record a 32-byte key (a SHA-256: the clip's content hash,
 * or a hash of it with an augmentation's name and seed), the acoustic and statistical values as
 * float32, and a CRC-32 of both. Every finished clip is appended at once, so an interrupted run
 * loses nothing; a torn last record is dropped on open. Records whose checksum fails or whose
 * values are not finite (a file damaged in place) are dropped on open, counted in
 * {@linkcode FeatureCache.damaged} and removed from the file, so their clips are computed again;
 * a file with whole records and not one sound (not a cache serlab wrote, or one damaged
 * throughout) is not rewritten but moved aside ({@linkcode FeatureCache.setAside}).
 * Non-finite features are never stored. Changing a setting changes the file, so only what the
 * setting affects is recomputed. Writers that run at the same time each append to a part file of
 * their own (`open`'s `part`); every reader reads the main file and all parts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FeatureCache } from "./cache.ts";
 * const dir = await Deno.makeTempDir();
 * const cache = await FeatureCache.open(dir, "demo", 162, 8);
 * const key = "ab".repeat(32);
 * await cache.put(key, { acoustic: new Float32Array(162), statistical: new Float32Array(8).fill(2) });
 * assertEquals(cache.get(key)?.statistical, new Float32Array(8).fill(2));
 * cache.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class FeatureCache {
  /** The file behind the cache. */
  readonly path: string;
  readonly #acoustic: number;
  readonly #statistical: number;
  readonly #entries = new Map<string, FeatureSet>();
  readonly #file: Deno.FsFile;
  #damaged = 0;
  #setAside: string | null = null;

  private constructor(path: string, file: Deno.FsFile, acoustic: number, statistical: number) {
    this.path = path;
    this.#file = file;
    this.#acoustic = acoustic;
    this.#statistical = statistical;
  }

  /**
   * Opens (or creates) the cache for `settingsKey` under `dir`, checking every record. With
   * `part`, records are appended to a file of their own, `<settingsKey>.v2.part-<part>.bin`, so
   * that concurrent writers (a Slurm study's feature shards, each with its part) never share a
   * file; every cache opened for the same settings reads the main file and all part files.
   */
  static async open(
    dir: string,
    settingsKey: string,
    acoustic: number,
    statistical: number,
    part?: string,
  ): Promise<FeatureCache> {
    if (part !== undefined && !/^[\w.-]+$/.test(part)) {
      throw new RangeError(`cache part must be letters, digits, "-", "_" or ".": ${part}`);
    }
    await Deno.mkdir(dir, { recursive: true });
    const main = `${dir}/${settingsKey}.v${LAYOUT}.bin`;
    const path = part === undefined ? main : `${dir}/${settingsKey}.v${LAYOUT}.part-${part}.bin`;
    const record = KEY_BYTES + 4 * (acoustic + statistical) + CHECK_BYTES;
    const entries = new Map<string, FeatureSet>();
    // others' files are only read: their damaged records are skipped (and computed again here)
    for (const other of await _files(dir, settingsKey)) {
      if (other !== path) await _read(other, record, acoustic, entries).catch(() => {});
    }
    let own = await _read(path, record, acoustic, entries);
    let setAside: string | null = null;
    if (own.whole > 0 && own.good.length === 0) {
      // whole records and not one sound: not a cache serlab wrote, or one damaged throughout;
      // either way it is kept under another name, never rewritten, and the cache starts afresh
      setAside = `${path}.unreadable-${crypto.randomUUID().slice(0, 8)}`;
      await Deno.rename(path, setAside);
      own = { good: [], damaged: own.damaged, whole: 0, length: 0 };
    }
    if (own.damaged && !setAside) {
      // keep only the sound records, so the damaged ones are computed and appended again
      const kept = new Uint8Array(own.good.length * record);
      own.good.forEach((r, i) => kept.set(r, i * record));
      await writeFileAtomic(path, kept);
    } else if (own.whole !== own.length) await Deno.truncate(path, own.whole);
    const file = await Deno.open(path, { create: true, append: true });
    const cache = new FeatureCache(path, file, acoustic, statistical);
    for (const [k, f] of entries) cache.#entries.set(k, f);
    cache.#damaged = own.damaged;
    cache.#setAside = setAside;
    return cache;
  }

  /**
   * The keys of the sound records stored for `settingsKey` under `dir` (main file and part
   * files), read without opening, creating or repairing anything: for a look from outside while
   * writers may be at work.
   */
  static async storedKeys(
    dir: string,
    settingsKey: string,
    acoustic: number,
    statistical: number,
  ): Promise<Set<string>> {
    const record = KEY_BYTES + 4 * (acoustic + statistical) + CHECK_BYTES;
    const entries = new Map<string, FeatureSet>();
    for (const file of await _files(dir, settingsKey)) {
      await _read(file, record, acoustic, entries).catch(() => {});
    }
    return new Set(entries.keys());
  }

  /** Records found damaged (checksum or non-finite values) and dropped when the file was opened. */
  get damaged(): number {
    return this.#damaged;
  }

  /**
   * Where the file was moved when it held whole records and not one sound (no cache serlab
   * wrote, or one damaged throughout): kept, never rewritten; null otherwise.
   */
  get setAside(): string | null {
    return this.#setAside;
  }

  /** Number of cached clips. */
  get size(): number {
    return this.#entries.size;
  }

  /** The features stored under `key` (64 hex digits), if any. */
  get(key: string): FeatureSet | undefined {
    return this.#entries.get(key);
  }

  /** Stores `features` under `key` and appends them to the file. */
  async put(key: string, features: FeatureSet): Promise<void> {
    if (
      features.acoustic.length !== this.#acoustic ||
      features.statistical.length !== this.#statistical
    ) {
      throw new RangeError("feature sizes differ from the cache's");
    }
    if (!features.acoustic.every(Number.isFinite) || !features.statistical.every(Number.isFinite)) {
      throw new RangeError("non-finite features are not cached");
    }
    if (this.#entries.has(key)) return;
    this.#entries.set(key, features);
    const n = this.#acoustic + this.#statistical;
    const record = new Uint8Array(KEY_BYTES + 4 * n + CHECK_BYTES);
    record.set(_bytes(key), 0);
    const values = new Float32Array(n);
    values.set(features.acoustic, 0);
    values.set(features.statistical, this.#acoustic);
    record.set(new Uint8Array(values.buffer), KEY_BYTES);
    new DataView(record.buffer).setUint32(
      KEY_BYTES + 4 * n,
      crc32(record.subarray(0, KEY_BYTES + 4 * n)),
      true,
    );
    let written = 0;
    while (written < record.length) written += await this.#file.write(record.subarray(written));
  }

  /** Closes the file. */
  close(): void {
    this.#file.close();
  }
}

/** The main file and the part files of a settings key's cache under `dir`. */
async function _files(dir: string, settingsKey: string): Promise<string[]> {
  const prefix = `${settingsKey}.v${LAYOUT}.`;
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      const rest = e.name.slice(prefix.length);
      if (e.name.startsWith(prefix) && (rest === "bin" || /^part-[\w.-]+\.bin$/.test(rest))) {
        files.push(`${dir}/${e.name}`);
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return files.sort();
}

/** Reads a cache file's sound records into `entries`; counts the damaged ones. */
async function _read(
  path: string,
  record: number,
  acoustic: number,
  entries: Map<string, FeatureSet>,
): Promise<{ good: Uint8Array[]; damaged: number; whole: number; length: number }> {
  let bytes = new Uint8Array(0);
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const whole = bytes.length - (bytes.length % record);
  const good: Uint8Array[] = [];
  let damaged = 0;
  for (let at = 0; at < whole; at += record) {
    const rec = bytes.subarray(at, at + record);
    const view = new DataView(rec.buffer, rec.byteOffset, record);
    const v = new Float32Array(bytes.slice(at + KEY_BYTES, at + record - CHECK_BYTES).buffer);
    if (
      crc32(rec.subarray(0, record - CHECK_BYTES)) !==
        view.getUint32(record - CHECK_BYTES, true) || !v.every(Number.isFinite)
    ) {
      damaged++;
      continue;
    }
    good.push(rec);
    entries.set(_hex(rec.subarray(0, KEY_BYTES)), {
      acoustic: v.subarray(0, acoustic),
      statistical: v.subarray(acoustic),
    });
  }
  return { good, damaged, whole, length: bytes.length };
}

function _hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function _bytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError(`cache key must be 64 hex digits: ${hex}`);
  return Uint8Array.from(
    { length: KEY_BYTES },
    (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16),
  );
}
