import { createSignal } from "solid-js";
import type { SubmitReportResult } from "@baladiya/shared/case";
import { toAppError, type AppError } from "../app-error";
import { newKey } from "../ids";
import { saveReport } from "../my-reports";
import { submitReport } from "../queries";
import { allItems, deleteItem, getItem, putItem, type OutboxItem } from "./store";

export type { OutboxItem } from "./store";

/** How often waiting reports are looked at; each also has its own back-off. */
const TICK_MS = 15_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
/** Sent items stay listed (with their tracking number) for a day, then go. */
const KEEP_SENT_MS = 24 * 3600_000;

const [items, setItems] = createSignal<OutboxItem[]>([]);
const [sendingId, setSendingId] = createSignal<string | null>(null);
export { items as outboxItems, sendingId as outboxSendingId };

/** Errors that say "not now" rather than "not like this": the report waits and tries again. */
const retryable = (e: AppError) => e.code === "NETWORK" || e.code === "INTERNAL" || e.code === "RATE_LIMITED";

function backoff(attempts: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

async function refresh(): Promise<void> {
  try {
    setItems(await allItems());
  } catch (error) {
    console.warn("outbox unavailable", error);
  }
}

type Created = Extract<SubmitReportResult, { outcome: "created" }>;

/** A created report is remembered exactly as a direct submission is. */
export function rememberCreated(result: Created): void {
  saveReport(result.trackingNumber, result.token);
}

/** Keeps a report to send later (after a failed or impossible attempt); resolves once it is on disk. */
export async function enqueue(item: Pick<OutboxItem, "input" | "photos" | "serviceName">): Promise<OutboxItem> {
  const stored: OutboxItem = {
    ...item,
    id: item.input.idempotencyKey,
    createdAt: new Date().toISOString(),
    state: "waiting",
    attempts: 0,
    nextAttemptAt: Date.now() + FIRST_RETRY_MS,
    error: null,
    result: null,
  };
  await putItem(stored);
  await refresh();
  return stored;
}

async function sendOne(item: OutboxItem): Promise<void> {
  setSendingId(item.id);
  try {
    const result = await submitReport(item.input, item.photos);
    if (result.outcome === "created") {
      rememberCreated(result);
      // The photos have arrived: keep only what the list shows.
      await putItem({
        ...item,
        photos: [],
        state: "sent",
        error: null,
        result: { trackingNumber: result.trackingNumber, token: result.token },
      });
    } else {
      await putItem({ ...item, state: "duplicates", error: null });
    }
  } catch (e) {
    const error = toAppError(e);
    const attempts = item.attempts + 1;
    await putItem(
      retryable(error)
        ? { ...item, attempts, error: error.code === "NETWORK" ? null : error, nextAttemptAt: Date.now() + backoff(attempts) }
        : { ...item, attempts, error, state: "failed" },
    );
  } finally {
    setSendingId(null);
  }
}

let draining: Promise<void> | null = null;
let again = false;

/**
 * Sends what is waiting, one report at a time. `now` ignores the back-off (the network just came
 * back, or the resident asked). Concurrent calls share one run; the server's idempotency makes a
 * second tab sending the same report harmless.
 */
export function drainOutbox(now = false): Promise<void> {
  if (draining) {
    again ||= now;
    return draining;
  }
  draining = (async () => {
    try {
      let force = now;
      do {
        again = false;
        const due = (await allItems()).filter((i) => i.state === "waiting" && (force || i.nextAttemptAt <= Date.now()));
        for (const item of due) {
          if (!navigator.onLine) break;
          await sendOne(item);
        }
        force = again;
      } while (again);
    } catch (error) {
      console.warn("outbox not drained", error);
    } finally {
      draining = null;
      await refresh();
    }
  })();
  return draining;
}

export async function removeFromOutbox(id: string): Promise<void> {
  await deleteItem(id);
  await refresh();
}

/** Possible duplicates were found on arrival and the resident still wants a new report. */
export async function sendAnyway(id: string): Promise<void> {
  const item = await getItem(id);
  if (!item) return;
  await deleteItem(id);
  const idempotencyKey = newKey();
  await putItem({
    ...item,
    id: idempotencyKey,
    input: { ...item.input, duplicatePolicy: "create", idempotencyKey },
    state: "waiting",
    attempts: 0,
    nextAttemptAt: 0,
    error: null,
  });
  await refresh();
  void drainOutbox(true);
}

let started = false;

/** On app start, when the network returns, when the app is shown again, and on a timer. */
export function startOutbox(): void {
  if (started || typeof indexedDB === "undefined") return;
  started = true;
  void (async () => {
    try {
      const old = (await allItems()).filter((i) => i.state === "sent" && Date.now() - Date.parse(i.createdAt) > KEEP_SENT_MS);
      for (const item of old) await deleteItem(item.id);
    } catch (error) {
      console.warn("outbox unavailable", error);
    }
    await refresh();
    await drainOutbox(true);
  })();
  window.addEventListener("online", () => void drainOutbox(true));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void drainOutbox();
  });
  setInterval(() => void drainOutbox(), TICK_MS);
}
