// The field app's storage: IndexedDB, raw (photo Blobs are kept as they are), its own database so the
// resident's outbox and the inspector's queue never meet.
import type { CaptureFacts, SyncItem, SyncResult } from "@baladiya/shared/field";

/**
 * held: a photo of a violation still being written down; pending: waiting to be sent; conflict: the
 * server's record changed since the inspector saw it, they decide; refused: the server said no;
 * sent: a photo that arrived and waits to be attached to the inspector's next action on its subject.
 */
export type QueueState = "held" | "pending" | "conflict" | "refused" | "sent";

export interface QueuedItem {
  /** The item's idempotency key: sending it twice still applies it once. */
  key: string;
  /** Whose work it is: only their session sends it. */
  staffId: string;
  /** Exactly what is (or will be) sent. */
  item: SyncItem;
  /** A photo's bytes, as taken (their SHA-256 is in the item's capture facts). */
  photo: Blob | null;
  /** Order of recording: items go out in it. */
  seq: number;
  createdAt: string;
  /** The task it was recorded from, to show it there. */
  taskId: string | null;
  /** The record it changes or belongs to: `case:<tracking number>`, `violation:<number or key>`. */
  subject: string | null;
  /**
   * An earlier item of this phone on the same record, still unsent when this one was recorded: this
   * one waits for it, and takes its base from the server once that one is applied.
   */
  after: string | null;
  /** The item before it was applied: read the record's version from the server before sending. */
  rebase: boolean;
  state: QueueState;
  /** For a held photo: the key of the violation it is for. */
  draft: string | null;
  /** For a photo: the action it was attached to. */
  attachedTo: string | null;
  outcome: { code: string | null; reason: string | null; server: SyncResult["server"] } | null;
}

export type PhotoItem = Extract<SyncItem, { kind: "photo" }>;
export type { CaptureFacts };

const DB_NAME = "baladiya-field";
const QUEUE = "queue";
const CACHE = "cache";

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: "key" });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE, { keyPath: "id" });
    };
    request.onsuccess = () => {
      const db = request.result;
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

async function run<T>(
  name: string,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const request = body(tx.objectStore(name));
    // Resolve on commit, not on the request: a write is only kept once its transaction completes.
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

export const allQueued = async (): Promise<QueuedItem[]> =>
  ((await run<QueuedItem[]>(QUEUE, "readonly", (s) => s.getAll() as IDBRequest<QueuedItem[]>)) ?? []).sort(
    (a, b) => a.seq - b.seq,
  );

/**
 * Queue writes, deletions and kept records in one transaction: an action, the photos it takes along
 * and what the phone remembers of it change together or not at all.
 */
export async function writeQueue(
  put: QueuedItem[],
  remove: string[] = [],
  cache: { id: string; value: unknown }[] = [],
): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction([QUEUE, CACHE], "readwrite");
    const queue = tx.objectStore(QUEUE);
    for (const item of put) queue.put(item);
    for (const key of remove) queue.delete(key);
    const savedAt = new Date().toISOString();
    for (const r of cache) tx.objectStore(CACHE).put({ id: r.id, value: r.value, savedAt });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

export interface CacheRecord<T> {
  id: string;
  value: T;
  savedAt: string;
}

export const readCache = async <T>(id: string): Promise<CacheRecord<T> | undefined> =>
  run<CacheRecord<T> | undefined>(CACHE, "readonly", (s) => s.get(id) as IDBRequest<CacheRecord<T> | undefined>);

export const writeCache = <T>(records: { id: string; value: T }[]) =>
  run(CACHE, "readwrite", (s) => {
    const savedAt = new Date().toISOString();
    for (const r of records) s.put({ id: r.id, value: r.value, savedAt });
  }).then(() => undefined);

export const allCache = async <T>(prefix: string): Promise<CacheRecord<T>[]> =>
  (await run<CacheRecord<T>[]>(
    CACHE,
    "readonly",
    (s) => s.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`)) as IDBRequest<CacheRecord<T>[]>,
  )) ?? [];
