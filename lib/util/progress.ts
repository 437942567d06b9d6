/**
 * Progress of long work on standard error: done/total, rate and time left, redrawn in place on
 * a terminal (at most every 0.2 s) and written as a line every 10 s otherwise (logs, CI). A
 * total of null counts work of unknown size (files found so far); `afterMs` keeps quick work
 * silent: nothing is written, not even the final line, unless the work runs longer.
 *
 * @example
 * ```ts
 * import { Progress } from "./progress.ts";
 * const p = new Progress("features", 100, "clips");
 * for (let i = 0; i < 100; i++) p.tick();
 * p.done();
 * ```
 */
export class Progress {
  readonly label: string;
  readonly total: number | null;
  readonly unit: string;
  #done = 0;
  #start = performance.now();
  #last = 0;
  #tty = Deno.stderr.isTerminal();
  #quiet: boolean;
  #afterMs: number;
  #rate = new RateEstimator();

  /**
   * Reports on `label`; `quiet` prints only the final line; `afterMs` > 0 prints nothing unless
   * the work runs past it.
   */
  constructor(label: string, total: number | null, unit = "items", quiet = false, afterMs = 0) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.#quiet = quiet;
    this.#afterMs = afterMs;
  }

  /** Counts `n` more done. */
  tick(n = 1): void {
    this.#done += n;
    const now = performance.now();
    this.#rate.observe(this.#done, now);
    if (this.#quiet || now - this.#start < this.#afterMs) return;
    if (now - this.#last < (this.#tty ? 200 : 10000)) return;
    this.#last = now;
    this.#write(this.#line(now), this.#tty);
  }

  /** The final line: how many, how fast (none for work quicker than `afterMs`). */
  done(note = ""): void {
    const now = performance.now();
    if (now - this.#start < this.#afterMs) return;
    this.#write(`${this.#line(now, true)}${note ? ` ${note}` : ""}\n`, this.#tty);
  }

  #line(now: number, final = false): string {
    const s = (now - this.#start) / 1000;
    const count = `${this.label}: ${this.#done}${
      this.total === null ? "" : `/${this.total}`
    } ${this.unit}`;
    if (final) return `${count} (${_rate(this.#done / Math.max(s, 1e-9))}, in ${_time(s)})`;
    const rate = this.#rate.rate();
    if (this.total === null) return `${count} so far${rate === null ? "" : ` (${_rate(rate)})`}`;
    const left = this.#rate.secondsLeft(this.total);
    return `${count} (${rate === null ? "" : `${_rate(rate)}, `}${
      left === null ? "estimating time left" : `ETA ${_time(left)}`
    })`;
  }

  #write(text: string, inPlace: boolean): void {
    const out = inPlace ? `\r\x1b[K${text}` : text.endsWith("\n") ? text : `${text}\n`;
    Deno.stderr.writeSync(new TextEncoder().encode(out));
  }
}

/**
 * The rate of work and the time left, smoothed so that the first items (a pool of workers
 * starting, caches warming) do not give a wild estimate: the clock starts at the first item
 * done (start-up is not work), the rate is an exponential moving average of the rate over
 * successive windows of at least {@linkcode RateEstimator.WINDOW_MS} (time constant
 * {@linkcode RateEstimator.TAU_S}; Brown's exponential smoothing, weighted by each window's
 * length), and no estimate is given before {@linkcode RateEstimator.MIN_ITEMS} items and
 * {@linkcode RateEstimator.MIN_S} seconds past the first.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { RateEstimator } from "./progress.ts";
 * const r = new RateEstimator();
 * r.observe(1, 30_000); // a slow start: the first item after 30 s
 * for (let s = 1; s <= 10; s++) r.observe(1 + 2 * s, 30_000 + 1000 * s); // then 2 a second
 * assertEquals(r.secondsLeft(100)?.toFixed(0), "40");
 * ```
 */
export class RateEstimator {
  /** Items past the first before any estimate. */
  static readonly MIN_ITEMS = 3;
  /** Seconds past the first item before any estimate. */
  static readonly MIN_S = 3;
  /** The shortest window a rate is measured over. */
  static readonly WINDOW_MS = 1000;
  /** The moving average's time constant. */
  static readonly TAU_S = 10;
  #first: { done: number; t: number } | null = null;
  #window: { done: number; t: number } | null = null;
  #last = { done: 0, t: 0 };
  #rate: number | null = null;

  /** Records that `done` items are done at time `nowMs` (milliseconds, increasing). */
  observe(done: number, nowMs: number): void {
    this.#last = { done, t: nowMs };
    if (!this.#first) {
      this.#first = this.#window = { done, t: nowMs };
      return;
    }
    const w = this.#window!;
    const dt = nowMs - w.t;
    if (dt < RateEstimator.WINDOW_MS) return;
    const r = (done - w.done) / (dt / 1000);
    const a = 1 - Math.exp(-dt / 1000 / RateEstimator.TAU_S);
    this.#rate = this.#rate === null ? r : this.#rate + a * (r - this.#rate);
    this.#window = { done, t: nowMs };
  }

  /** Items per second, smoothed; null before there is enough to go on. */
  rate(): number | null {
    const f = this.#first;
    if (!f || this.#rate === null || this.#rate <= 0) return null;
    if (this.#last.done - f.done < RateEstimator.MIN_ITEMS) return null;
    if (this.#last.t - f.t < RateEstimator.MIN_S * 1000) return null;
    return this.#rate;
  }

  /** Seconds until `total` items are done at the smoothed rate; null before an estimate. */
  secondsLeft(total: number): number | null {
    const rate = this.rate();
    return rate === null ? null : Math.max(0, total - this.#last.done) / rate;
  }
}

function _rate(rate: number): string {
  return `${rate.toFixed(rate < 10 ? 1 : 0)}/s`;
}

function _time(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
