import { createSignal } from "solid-js";
import type { SyncResult } from "@baladiya/shared/field";
import { toAppError, type AppError } from "../app-error";
import { newKey } from "../ids";
import { staffSession } from "../staff/session";
import { staffError } from "../staff/staff-error";
import { refreshDay } from "./day";
import { getStaffCase, getViolation, sendBatch } from "./queries";
import { inherit, isVersioned, refreshQueue, type RecordedViolation } from "./queue";
import { allCache, allQueued, writeQueue, type QueuedItem } from "./store";
import { FIELD_VIOLATION_LIFECYCLE, type FieldViolationAction } from "./violation-types";

/** How often the phone tries on its own; "sync now", the network's return and the app's start do not wait. */
const TICK_MS = 30_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
/** Small batches on a poor signal: one that fails costs little to send again. */
const BATCH_ITEMS = 25;
const BATCH_BYTES = 6 * 1024 * 1024;
const MAX_ROUNDS = 30;
/** Photos sent and never attached to an action are forgotten after a day. */
const KEEP_SENT_MS = 24 * 3600_000;

export interface SyncStatus {
  running: boolean;
  lastSyncAt: string | null;
  /** Why the last attempt did not get through; null when it did. */
  problem: AppError | null;
  /** Epoch ms of the next automatic attempt after a failure. */
  retryAt: number | null;
}

const [status, setStatus] = createSignal<SyncStatus>({ running: false, lastSyncAt: null, problem: null, retryAt: null });
const [online, setOnline] = createSignal(navigator.onLine);
export { online, status as syncStatus };

let failures = 0;

function backoff(): number {
  failures++;
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
  return Date.now() + Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The phone's installation id, sent with every batch (random, kept on the phone). */
function deviceId(): string {
  const make = () => newKey().replace(/-/g, "");
  try {
    const kept = localStorage.getItem("baladiya.fieldDevice");
    if (kept) return kept;
    const created = make();
    localStorage.setItem("baladiya.fieldDevice", created);
    return created;
  } catch {
    return make();
  }
}

/** Ready to go: pending, not waiting for an earlier change, its base known. */
const ready = (i: QueuedItem) => i.state === "pending" && i.after === null && !i.rebase;

/**
 * The change before these was applied: their base is the record's version now. A change by someone
 * else in the instant between the two would go unseen; the window is one round trip.
 */
async function rebase(items: QueuedItem[]): Promise<void> {
  const waiting = items.filter((i) => i.state === "pending" && i.after === null && i.rebase);
  const versions = new Map<string, string | null>();
  for (const item of waiting) {
    const subject = item.subject ?? "";
    if (versions.has(subject)) continue;
    try {
      if (item.item.kind === "case_action") versions.set(subject, (await getStaffCase(item.item.trackingNumber)).updatedAt);
      else if (item.item.kind === "violation_action" && /^VL-/.test(item.item.violation))
        versions.set(subject, (await getViolation(item.item.violation)).updatedAt);
      else versions.set(subject, null);
    } catch (error) {
      // No answer: try again later. A record gone from view: send as it is and let the server say why.
      if (["NETWORK", "INTERNAL", "RATE_LIMITED", "UNAUTHENTICATED"].includes(toAppError(error).code)) throw error;
      versions.set(subject, null);
    }
  }
  const updated = waiting.map((i) => {
    const version = versions.get(i.subject ?? "");
    const next: QueuedItem = { ...i, rebase: false };
    if (version && (next.item.kind === "case_action" || next.item.kind === "violation_action"))
      next.item = { ...next.item, baseUpdatedAt: version };
    return next;
  });
  if (updated.length > 0) await writeQueue(updated);
}

function pickBatch(items: QueuedItem[]): QueuedItem[] {
  const batch: QueuedItem[] = [];
  const changed = new Set<string>();
  let bytes = 0;
  for (const item of items.filter(ready)) {
    if (batch.length >= BATCH_ITEMS) break;
    // One versioned change per record per batch: the next one's base is what this one makes.
    if (isVersioned(item.item) && changed.has(item.subject ?? "")) continue;
    const size = item.photo?.size ?? 0;
    if (batch.length > 0 && bytes + size > BATCH_BYTES) break;
    batch.push(item);
    bytes += size;
    if (isVersioned(item.item)) changed.add(item.subject ?? "");
  }
  return batch;
}

/** What one answer does to the queue and to what the phone remembers; true when something was applied. */
async function settle(staffId: string, batch: QueuedItem[], results: SyncResult[]): Promise<boolean> {
  // Read again: the inspector may have recorded more (on the same records) while the batch was out.
  let items = await allQueued();
  const put = new Map<string, QueuedItem>();
  const remove = new Set<string>();
  const cache: { id: string; value: unknown }[] = [];
  const recorded = new Map((await allCache<RecordedViolation>(`recorded:${staffId}:`)).map((r) => [r.value.key, r.value]));
  const update = (next: QueuedItem) => {
    items = items.map((i) => (i.key === next.key ? next : i));
    put.set(next.key, next);
  };
  const drop = (key: string) => {
    items = items.filter((i) => i.key !== key);
    put.delete(key);
    remove.add(key);
  };
  const remember = (kept: RecordedViolation) => {
    recorded.set(kept.key, kept);
    cache.push({ id: `recorded:${staffId}:${kept.key}`, value: kept });
  };
  const now = new Date().toISOString();
  let applied = false;

  for (const sent of batch) {
    const result = results.find((r) => r.key === sent.key);
    const latest = items.find((i) => i.key === sent.key) ?? sent;
    if (!result) continue;
    if (result.status === "applied" || result.status === "duplicate") {
      applied = true;
      // A photo that arrived stays listed until the next action on its record takes it along.
      if (latest.item.kind === "photo" && latest.attachedTo === null) update({ ...latest, state: "sent", outcome: null });
      else drop(sent.key);
      if (isVersioned(sent.item)) {
        for (const next of items.filter((i) => i.after === sent.key)) update({ ...next, after: null, rebase: true });
        cache.push({ id: `applied:${staffId}:${sent.subject ?? ""}`, value: now });
      }
      const kept = sent.item.kind === "violation" ? recorded.get(sent.key) : undefined;
      // A resent violation answers "duplicate" with the server's internal id, not its number.
      if (kept) remember({ ...kept, received: true, number: result.ref && /^VL-/.test(result.ref) ? result.ref : kept.number });
      if (sent.item.kind === "violation_action") {
        const stepped = recorded.get(sent.item.violation);
        const step = FIELD_VIOLATION_LIFECYCLE[sent.item.action as FieldViolationAction] as
          { to: RecordedViolation["state"] } | undefined;
        if (stepped && step) remember({ ...stepped, state: step.to });
      }
      continue;
    }
    const outcome = { code: result.code, reason: result.reason, server: result.server };
    if (result.status === "conflict") {
      update({ ...latest, state: "conflict", outcome });
      continue;
    }
    const refused: QueuedItem = { ...latest, state: "refused", outcome };
    // What waited for the refused change now waits for what it waited for.
    for (const next of inherit(refused, items)) update(next);
    update({ ...refused, after: null });
  }
  await writeQueue([...put.values()], [...remove], cache);
  return applied;
}

async function round(staffId: string): Promise<"more" | "done"> {
  const mine = (await allQueued()).filter((i) => i.staffId === staffId);
  await rebase(mine);
  const batch = pickBatch((await allQueued()).filter((i) => i.staffId === staffId));
  if (batch.length === 0) return "done";
  const form = new FormData();
  form.set(
    "batch",
    JSON.stringify({
      deviceId: deviceId(),
      batchId: newKey().replace(/-/g, ""),
      sentAt: new Date().toISOString(),
      items: batch.map((i) => i.item),
    }),
  );
  for (const item of batch)
    if (item.item.kind === "photo" && item.photo)
      form.append(item.item.file, item.photo, `${item.key}.${item.photo.type === "image/png" ? "png" : "jpg"}`);
  const answer = await sendBatch(form);
  const applied = await settle(staffId, batch, answer.results);
  await refreshQueue();
  if (applied) await refreshDay();
  return "more";
}

let running: Promise<void> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Sends what is waiting, in batches, until nothing is ready. `now` ignores the back-off (the network
 * came back, the app started, the inspector asked). Concurrent calls share one run.
 */
export function syncNow(now = false): Promise<void> {
  if (running) {
    again ||= now;
    return running;
  }
  const current = status();
  // With no network at all there is nothing to try: the `online` event starts the next run.
  if (!navigator.onLine) return Promise.resolve();
  if (!now && current.retryAt && Date.now() < current.retryAt) return Promise.resolve();
  running = run().finally(() => {
    running = null;
    // Asked for while the run was closing: another one, so nothing recorded meanwhile waits 30 s.
    if (again) {
      again = false;
      void syncNow(true);
    }
  });
  return running;
}

async function run(): Promise<void> {
  const staffId = staffSession()?.me.id;
  if (!staffId) return;
  setStatus({ ...status(), running: true });
  try {
    do {
      again = false;
      for (let i = 0; i < MAX_ROUNDS; i++) if ((await round(staffId)) === "done") break;
    } while (again);
    failures = 0;
    setStatus({ running: false, lastSyncAt: new Date().toISOString(), problem: null, retryAt: null });
  } catch (error) {
    const problem = staffError(error);
    const retryAt = backoff();
    setStatus({ running: false, lastSyncAt: status().lastSyncAt, problem, retryAt });
    // A signed-out phone waits for the sign-in; otherwise it tries again once the back-off is over.
    if (problem.code !== "UNAUTHENTICATED") {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void syncNow(), retryAt - Date.now());
    }
  } finally {
    setStatus({ ...status(), running: false });
    await refreshQueue();
  }
}

async function forgetOldPhotos(): Promise<void> {
  const old = (await allQueued()).filter((i) => i.state === "sent" && Date.now() - Date.parse(i.createdAt) > KEEP_SENT_MS);
  if (old.length > 0)
    await writeQueue(
      [],
      old.map((i) => i.key),
    );
}

let started = false;

/** On start, when the network returns, when the app is shown again, and every 30 s. */
export function startSync(): void {
  if (started || typeof indexedDB === "undefined") return;
  started = true;
  void forgetOldPhotos()
    .catch((error: unknown) => console.warn("field queue unavailable", error))
    .then(() => refreshQueue())
    .then(() => syncNow(true));
  window.addEventListener("online", () => {
    setOnline(true);
    void refreshDay();
    void syncNow(true);
  });
  window.addEventListener("offline", () => setOnline(false));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void syncNow();
  });
  setInterval(() => {
    setOnline(navigator.onLine);
    void syncNow();
  }, TICK_MS);
}
