import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Copies the WAL back into the database from a worker thread with its own connection, so the
 * fsync a checkpoint needs never stalls the thread that serves requests. A PASSIVE checkpoint
 * never blocks the writer; the writer keeps a far larger automatic threshold as a safety net.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.exec("PRAGMA busy_timeout = 5000");
const timer = setInterval(() => {
  try {
    db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  file: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? 250 } });
  worker.on("message", (m: { error?: string }) => {
    if (m.error) options.onError?.(m.error);
  });
  worker.on("error", (error) => options.onError?.(String(error)));
  worker.unref();
  return {
    stop: async () => {
      worker.postMessage("stop");
      await worker.terminate().catch(() => undefined);
    },
  };
}
