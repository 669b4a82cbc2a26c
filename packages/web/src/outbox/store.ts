// The outbox's storage: IndexedDB, raw, because it keeps photo blobs as they are and survives reloads.
import type { SubmitReportInput } from "@baladiya/shared/case";
import type { LocalizedText } from "@baladiya/shared/i18n";
import type { AppError } from "../app-error";

export type OutboxState = "waiting" | "sent" | "failed" | "duplicates";

export interface OutboxItem {
  /** The report's idempotency key: sending it twice still makes one case. */
  id: string;
  /** Exactly what was (or will be) sent, key included. */
  input: SubmitReportInput & { idempotencyKey: string };
  photos: Blob[];
  serviceName: LocalizedText | null;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which the periodic retry leaves it alone (back-off). */
  nextAttemptAt: number;
  error: AppError | null;
  result: { trackingNumber: string; token: string } | null;
}

const DB_NAME = "baladiya";
const STORE = "outbox";

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: "id" });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error("IndexedDB could not be opened"));
    };
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = body(tx.objectStore(STORE));
    // Resolve on commit, not on the request: a write is only kept once its transaction completes.
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

export const putItem = (item: OutboxItem) => run("readwrite", (s) => void s.put(item)).then(() => undefined);
export const deleteItem = (id: string) => run("readwrite", (s) => void s.delete(id)).then(() => undefined);
export const getItem = (id: string) =>
  run<OutboxItem | undefined>("readonly", (s) => s.get(id) as IDBRequest<OutboxItem | undefined>);
export const allItems = async (): Promise<OutboxItem[]> =>
  ((await run<OutboxItem[]>("readonly", (s) => s.getAll() as IDBRequest<OutboxItem[]>)) ?? []).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
