/**
 * The few assertions the tests use (JSR's @std/assert cannot be fetched here), on top of
 * `node:assert/strict`.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Fails with `message` unless `condition` holds. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  nodeAssert.ok(condition, message);
}

/** Deep, strict equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** `actual` matches `expected`. */
export function assertMatch(actual: string, expected: RegExp, message?: string): void {
  nodeAssert.match(actual, expected, message);
}

/** |actual - expected| <= tolerance. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance: number,
  message?: string,
): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(
      message ??
        `expected ${expected} within ${tolerance}, got ${actual} (off by ${
          Math.abs(actual - expected)
        })`,
    );
  }
}

/** Runs `fn`, requires it to throw an instance of `type`, and returns what it threw. */
export function assertThrows<E extends Error>(
  fn: () => unknown,
  type: new (...args: never[]) => E,
  includes?: string,
): E {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${e}`);
    if (includes && !e.message.includes(includes)) {
      throw new Error(`expected the message to include "${includes}": ${e.message}`);
    }
    return e;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}

/** Awaits `fn`, requires it to reject with an instance of `type`, and returns the reason. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  type: new (...args: never[]) => E,
  includes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${e}`);
    if (includes && !e.message.includes(includes)) {
      throw new Error(`expected the message to include "${includes}": ${e.message}`);
    }
    return e;
  }
  throw new Error(`expected ${type.name} to be rejected`);
}
