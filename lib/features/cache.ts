import type { FeatureSet } from "./extract.ts";

const KEY_BYTES = 32;

/**
 * Features on disk, keyed by content: one append-only file per feature settings
 * (`<dir>/<settingsKey>.bin`), each record a 32-byte key (a SHA-256: the clip's content hash, or
 * a hash of it with an augmentation's name and seed) and the acoustic and statistical values as
 * float32. Every finished clip is appended at once, so an interrupted run loses nothing; a torn
 * last record is dropped on open. Changing a setting changes the file, so only what the setting
 * affects is recomputed.
 *
 * @example
 * ```ts
 * import { FeatureCache } from "./cache.ts";
 * const cache = await FeatureCache.open(await Deno.makeTempDir(), "demo", 162, 8);
 * const key = "ab".repeat(32);
 * await cache.put(key, { acoustic: new Float32Array(162), statistical: new Float32Array(8) });
 * console.log(cache.get(key)?.statistical.length); // 8
 * cache.close();
 * ```
 */
export class FeatureCache {
  /** The file behind the cache. */
  readonly path: string;
  readonly #acoustic: number;
  readonly #statistical: number;
  readonly #entries = new Map<string, FeatureSet>();
  readonly #file: Deno.FsFile;

  private constructor(path: string, file: Deno.FsFile, acoustic: number, statistical: number) {
    this.path = path;
    this.#file = file;
    this.#acoustic = acoustic;
    this.#statistical = statistical;
  }

  /** Opens (or creates) the cache for `settingsKey` under `dir`. */
  static async open(
    dir: string,
    settingsKey: string,
    acoustic: number,
    statistical: number,
  ): Promise<FeatureCache> {
    await Deno.mkdir(dir, { recursive: true });
    const path = `${dir}/${settingsKey}.bin`;
    const record = KEY_BYTES + 4 * (acoustic + statistical);
    let bytes = new Uint8Array(0);
    try {
      bytes = await Deno.readFile(path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const whole = bytes.length - (bytes.length % record);
    if (whole !== bytes.length) await Deno.truncate(path, whole);
    const file = await Deno.open(path, { create: true, append: true });
    const cache = new FeatureCache(path, file, acoustic, statistical);
    for (let at = 0; at < whole; at += record) {
      const key = _hex(bytes.subarray(at, at + KEY_BYTES));
      const values = new Float32Array(bytes.slice(at + KEY_BYTES, at + record).buffer);
      cache.#entries.set(key, {
        acoustic: values.subarray(0, acoustic),
        statistical: values.subarray(acoustic),
      });
    }
    return cache;
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
    if (this.#entries.has(key)) return;
    this.#entries.set(key, features);
    const record = new Uint8Array(KEY_BYTES + 4 * (this.#acoustic + this.#statistical));
    record.set(_bytes(key), 0);
    const values = new Float32Array(this.#acoustic + this.#statistical);
    values.set(features.acoustic, 0);
    values.set(features.statistical, this.#acoustic);
    record.set(new Uint8Array(values.buffer), KEY_BYTES);
    let written = 0;
    while (written < record.length) written += await this.#file.write(record.subarray(written));
  }

  /** Closes the file. */
  close(): void {
    this.#file.close();
  }
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
