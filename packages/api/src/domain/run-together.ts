import { isPipelined, type Db } from "../ports/store";

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";

/** Starts a step now: drizzle's raw queries run only when `then` is called, so it is called at once. */
function start(step: () => unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // A step that throws rejects this promise.
    const value = step();
    if (isThenable(value)) value.then(resolve, reject);
    else resolve(value);
  });
}

/**
 * Runs statements that do not depend on each other's results, in the order given. Where the store
 * pipelines (libSQL over HTTP), they are started together and cost one round trip instead of one
 * each; elsewhere each waits for the one before. Every statement has finished when it returns; the
 * first failure is thrown (the surrounding transaction then rolls back all of them).
 */
export async function runTogether<T extends unknown[]>(
  db: Db,
  ...steps: { [K in keyof T]: () => T[K] }
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  type Out = { [K in keyof T]: Awaited<T[K]> };
  const all = steps as (() => unknown)[];
  if (!isPipelined(db)) {
    const results: unknown[] = [];
    for (const step of all) results.push(await step());
    return results as Out;
  }
  const settled = await Promise.allSettled(all.map(start));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as Out;
}
