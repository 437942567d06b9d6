/**
 * Progress of long work on standard error: done/total, rate and time left, redrawn in place on
 * a terminal (at most every 0.2 s) and written as a line every 10 s otherwise (logs, CI).
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
  readonly total: number;
  readonly unit: string;
  #done = 0;
  #start = performance.now();
  #last = 0;
  #tty = Deno.stderr.isTerminal();
  #quiet: boolean;

  /** Reports on `label`; `quiet` prints only the final line. */
  constructor(label: string, total: number, unit = "items", quiet = false) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.#quiet = quiet;
  }

  /** Counts `n` more done. */
  tick(n = 1): void {
    this.#done += n;
    const now = performance.now();
    if (this.#quiet || now - this.#last < (this.#tty ? 200 : 10000)) return;
    this.#last = now;
    this.#write(this.#line(now), this.#tty);
  }

  /** The final line: how many, how fast. */
  done(note = ""): void {
    this.#write(`${this.#line(performance.now(), true)}${note ? ` ${note}` : ""}\n`, this.#tty);
  }

  #line(now: number, final = false): string {
    const s = (now - this.#start) / 1000;
    const rate = this.#done / Math.max(s, 1e-9);
    const left = rate > 0 ? (this.total - this.#done) / rate : Infinity;
    const eta = final ? `in ${_time(s)}` : `ETA ${_time(left)}`;
    return `${this.label}: ${this.#done}/${this.total} ${this.unit} (${
      rate.toFixed(rate < 10 ? 1 : 0)
    }/s, ${eta})`;
  }

  #write(text: string, inPlace: boolean): void {
    const out = inPlace ? `\r\x1b[K${text}` : text.endsWith("\n") ? text : `${text}\n`;
    Deno.stderr.writeSync(new TextEncoder().encode(out));
  }
}

function _time(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
