import { createSignal } from "solid-js";
import { CASE_TRANSITIONS } from "@baladiya/shared/workflow";
import type { CaseStatus } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";
import type { Offender, SyncItem, ViolationState, ViolationType } from "@baladiya/shared/field";
import { newKey } from "../ids";
import { staffSession } from "../staff/session";
import { day } from "./day";
import type { Task } from "./queries";
import { allCache, allQueued, writeQueue, type CaptureFacts, type PhotoItem, type QueuedItem } from "./store";
import { FIELD_VIOLATION_ACTIONS, FIELD_VIOLATION_LIFECYCLE, type FieldViolationAction } from "./violation-types";

export type { QueuedItem } from "./store";
export type CaseAction = Extract<SyncItem, { kind: "case_action" }>["action"];
type CaseActionItem = Extract<SyncItem, { kind: "case_action" }>;
type ViolationActionItem = Extract<SyncItem, { kind: "violation_action" }>;

/** The case actions of the field app, in the order they are offered (FieldCaseActionKind). */
export const FIELD_CASE_ACTIONS: readonly CaseAction[] = [
  "start",
  "schedule",
  "add_note",
  "internal_note",
  "resolve_fixed",
  "resolve_not_fixed",
];

/** A violation recorded on this phone: shown on its task, acted on by its key until it has a number. */
export interface RecordedViolation {
  key: string;
  taskId: string | null;
  trackingNumber: string | null;
  type: ViolationType;
  description: string;
  location: LatLng;
  createdAt: string;
  /** Given by the server when it arrives. */
  number: string | null;
  /** The server has it (its number may not have come back, e.g. when the answer was lost and resent). */
  received?: boolean;
  /** As the phone knows it: recorded, then the steps taken here. */
  state: ViolationState;
}

const [queue, setQueue] = createSignal<QueuedItem[]>([]);
const [recorded, setRecorded] = createSignal<RecordedViolation[]>([]);
/** When the phone last saw one of its own changes applied to a record (`case:…`, `violation:…`). */
const [appliedAt, setAppliedAt] = createSignal<Map<string, string>>(new Map());
export { appliedAt, recorded };

const me = (): string => {
  const id = staffSession()?.me.id;
  if (!id) throw new Error("No inspector is signed in");
  return id;
};

/** The signed-in inspector's items, oldest first; another inspector's stay on the phone, unsent. */
export const myQueue = (): QueuedItem[] => {
  const id = staffSession()?.me.id;
  return queue().filter((i) => i.staffId === id);
};
export const othersWaiting = (): number => {
  const id = staffSession()?.me.id;
  return queue().filter((i) => i.staffId !== id && i.state !== "sent").length;
};

export async function refreshQueue(): Promise<void> {
  try {
    setQueue(await allQueued());
    const id = staffSession()?.me.id;
    if (!id) return;
    const kept = await allCache<RecordedViolation>(`recorded:${id}:`);
    setRecorded(kept.map((r) => r.value).sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
    const applied = await allCache<string>(`applied:${id}:`);
    setAppliedAt(new Map(applied.map((r) => [r.id.slice(`applied:${id}:`.length), r.value])));
  } catch (error) {
    console.warn("field queue unavailable", error);
  }
}

/** An idempotency key as SyncItem wants it (16–64 letters, digits, _ or -). */
export const itemKey = (): string => newKey().replace(/-/g, "");

let counter = 0;
const nextSeq = (): number => Date.now() * 1000 + (counter++ % 1000);

/** Items whose base version the server checks: a newer change there is a conflict, not an overwrite. */
export const isVersioned = (item: SyncItem): boolean =>
  item.kind === "case_action" || (item.kind === "violation_action" && item.baseUpdatedAt !== undefined);

const open = (i: QueuedItem) => i.state === "pending" || i.state === "conflict";

/** The latest unsent change of this phone to a record: a new change there waits for it. */
const lastOpenChange = (subject: string): QueuedItem | undefined =>
  myQueue()
    .filter((i) => i.subject === subject && isVersioned(i.item) && open(i))
    .at(-1);

/**
 * The kept version of a record is older than a change of ours the server already applied (the day
 * could not be fetched since): a new change reads the version from the server before it goes.
 */
function keptVersionIsOurs(subject: string): boolean {
  const applied = appliedAt().get(subject);
  const fetched = day()?.fetchedAt;
  return applied !== undefined && (!fetched || applied > fetched);
}

/** Photos of a record taken here and not yet attached to an action: the next action takes them along. */
export const loosePhotos = (subject: string): QueuedItem[] =>
  myQueue().filter(
    (i) =>
      i.item.kind === "photo" && i.subject === subject && i.attachedTo === null && (i.state === "pending" || i.state === "sent"),
  );
export const heldPhotos = (draft: string): QueuedItem[] => myQueue().filter((i) => i.state === "held" && i.draft === draft);

function base(key: string, item: SyncItem, fields: Partial<QueuedItem>): QueuedItem {
  return {
    key,
    staffId: me(),
    item,
    photo: null,
    seq: nextSeq(),
    createdAt: new Date().toISOString(),
    taskId: null,
    subject: null,
    after: null,
    rebase: false,
    state: "pending",
    draft: null,
    attachedTo: null,
    outcome: null,
    ...fields,
  };
}

export function photoSubjectKey(subject: PhotoItem["subject"]): string {
  if ("case" in subject) return `case:${subject.case}`;
  if ("violation" in subject) return `violation:${subject.violation}`;
  return `violation:${subject.violationKey}`;
}

/** Keeps a photo with its capture facts; a photo for a violation still being written is held until it is saved. */
export async function keepPhoto(args: {
  taskId: string | null;
  subject: PhotoItem["subject"];
  blob: Blob;
  capture: CaptureFacts;
  draft?: string;
}): Promise<QueuedItem> {
  const key = itemKey();
  const item: PhotoItem = { key, kind: "photo", file: `f-${key}`, capture: args.capture, subject: args.subject };
  const queued = base(key, item, {
    photo: args.blob,
    taskId: args.taskId,
    subject: photoSubjectKey(args.subject),
    state: args.draft ? "held" : "pending",
    draft: args.draft ?? null,
  });
  await writeQueue([queued]);
  await refreshQueue();
  return queued;
}

/** The photos an action takes along: marked as attached in the same transaction; those already sent are done. */
function attach(photos: QueuedItem[], to: string): { put: QueuedItem[]; remove: string[] } {
  return {
    put: photos.filter((p) => p.state !== "sent").map((p) => ({ ...p, attachedTo: to, state: "pending" as const, draft: null })),
    remove: photos.filter((p) => p.state === "sent").map((p) => p.key),
  };
}

export async function recordCaseAction(task: Task, action: CaseAction, note: string): Promise<QueuedItem> {
  const c = task.case;
  if (!c) throw new Error("This task has no case");
  const subject = `case:${c.trackingNumber}`;
  const before = lastOpenChange(subject);
  const photos = loosePhotos(subject);
  const key = itemKey();
  const item: CaseActionItem = {
    key,
    kind: "case_action",
    trackingNumber: c.trackingNumber,
    action,
    ...(note.trim() ? { note: note.trim() } : {}),
    baseUpdatedAt: c.updatedAt,
    photoKeys: photos.map((p) => p.key),
  };
  const queued = base(key, item, {
    taskId: task.id,
    subject,
    after: before?.key ?? null,
    rebase: !before && keptVersionIsOurs(subject),
  });
  const attached = attach(photos, key);
  await writeQueue([queued, ...attached.put], attached.remove);
  await refreshQueue();
  return queued;
}

export async function recordViolation(args: {
  key: string;
  taskId: string | null;
  type: ViolationType;
  location: LatLng;
  offender: Offender;
  description: string;
  trackingNumber: string | null;
}): Promise<QueuedItem> {
  const photos = heldPhotos(args.key);
  const item: SyncItem = {
    key: args.key,
    kind: "violation",
    type: args.type,
    location: args.location,
    offender: args.offender,
    description: args.description,
    ...(args.trackingNumber ? { trackingNumber: args.trackingNumber } : {}),
    photoKeys: photos.map((p) => p.key),
  };
  const queued = base(args.key, item, { taskId: args.taskId, subject: `violation:${args.key}` });
  const kept: RecordedViolation = {
    key: args.key,
    taskId: args.taskId,
    trackingNumber: args.trackingNumber,
    type: args.type,
    description: args.description,
    location: args.location,
    createdAt: queued.createdAt,
    number: null,
    state: "recorded",
  };
  const attached = attach(photos, args.key);
  await writeQueue([queued, ...attached.put], attached.remove, [{ id: `recorded:${queued.staffId}:${args.key}`, value: kept }]);
  await refreshQueue();
  return queued;
}

/**
 * A step on a violation: by its number (one the server sent), or by the key it was recorded under on
 * this phone. `base` is the version the inspector saw; a violation recorded here has none to compare.
 */
export async function recordViolationAction(args: {
  taskId: string | null;
  violation: string;
  action: FieldViolationAction;
  note: string;
  deadlineDays?: number;
  base: string | null;
}): Promise<QueuedItem> {
  const subject = `violation:${args.violation}`;
  const before = args.base ? lastOpenChange(subject) : undefined;
  const photos = loosePhotos(subject);
  const key = itemKey();
  const item: ViolationActionItem = {
    key,
    kind: "violation_action",
    violation: args.violation,
    action: args.action,
    ...(args.note.trim() ? { note: args.note.trim() } : {}),
    ...(args.deadlineDays !== undefined ? { deadlineDays: args.deadlineDays } : {}),
    ...(args.base ? { baseUpdatedAt: args.base } : {}),
    photoKeys: photos.map((p) => p.key),
  };
  const queued = base(key, item, {
    taskId: args.taskId,
    subject,
    after: before?.key ?? null,
    rebase: Boolean(args.base) && !before && keptVersionIsOurs(subject),
  });
  const attached = attach(photos, key);
  await writeQueue([queued, ...attached.put], attached.remove);
  await refreshQueue();
  return queued;
}

/** Items that waited for one that is gone (discarded, refused) now wait for what it waited for, from its base. */
export function inherit(gone: QueuedItem, items: QueuedItem[]): QueuedItem[] {
  return items
    .filter((i) => i.after === gone.key)
    .map((i) => {
      const next = { ...i, after: gone.after, rebase: gone.rebase };
      if ((next.item.kind === "case_action" || next.item.kind === "violation_action") && "baseUpdatedAt" in gone.item)
        next.item = { ...next.item, baseUpdatedAt: gone.item.baseUpdatedAt } as typeof next.item;
      return next;
    });
}

/** The inspector saw what changed on the server and keeps their change: sent again, forced, same key. */
export async function applyMineAnyway(key: string): Promise<void> {
  const found = myQueue().find((i) => i.key === key);
  const server = found?.outcome?.server;
  if (!found || found.state !== "conflict" || !server) return;
  if (found.item.kind !== "case_action" && found.item.kind !== "violation_action") return;
  // Not applied, so the server kept no record of the key: resending under it is still exactly once.
  const item = { ...found.item, force: true, baseUpdatedAt: server.updatedAt };
  await writeQueue([{ ...found, item, state: "pending", rebase: false, outcome: null }]);
  await refreshQueue();
}

/** Drops a conflicting or refused item (the inspector's choice); what waited for it moves up. */
export async function discard(key: string): Promise<void> {
  const found = myQueue().find((i) => i.key === key);
  if (!found) return;
  const photos = myQueue().filter((i) => i.attachedTo === key && i.state === "sent");
  await writeQueue(inherit(found, myQueue()), [key, ...photos.map((p) => p.key)]);
  await refreshQueue();
}

/** A violation left unwritten: its held photos go. */
export async function discardDraft(draft: string): Promise<void> {
  const held = heldPhotos(draft);
  if (held.length === 0) return;
  await writeQueue(
    [],
    held.map((p) => p.key),
  );
  await refreshQueue();
}

// ---------------------------------------------------------------------------------------------
// What the inspector sees before the server has answered: their changes laid over the kept task.
// ---------------------------------------------------------------------------------------------

const changesOf = (subject: string) =>
  myQueue().filter(
    (i) => i.subject === subject && open(i) && (i.item.kind === "case_action" || i.item.kind === "violation_action"),
  );

export interface CaseNow {
  status: CaseStatus;
  actions: CaseAction[];
  /** Changes of this phone not yet on the server. */
  waiting: number;
  conflict: boolean;
}

export function caseNow(c: NonNullable<Task["case"]>): CaseNow {
  const changes = changesOf(`case:${c.trackingNumber}`);
  let status = c.status;
  for (const change of changes) {
    if (change.item.kind !== "case_action") continue;
    const to = CASE_TRANSITIONS[change.item.action].to as CaseStatus | null;
    if (to) status = to;
  }
  const actions =
    status === c.status
      ? c.actions
      : FIELD_CASE_ACTIONS.filter((a) => (CASE_TRANSITIONS[a].from as readonly CaseStatus[]).includes(status));
  return { status, actions, waiting: changes.length, conflict: changes.some((i) => i.state === "conflict") };
}

export interface ViolationNow {
  state: ViolationState;
  actions: FieldViolationAction[];
  waiting: number;
  conflict: boolean;
}

/** A violation as the phone knows it: its kept state and actions, then the steps taken here. */
export function violationNow(ref: string, state: ViolationState, serverActions: readonly string[] | null): ViolationNow {
  const changes = changesOf(`violation:${ref}`);
  let now = state;
  for (const change of changes) {
    if (change.item.kind !== "violation_action") continue;
    const step = FIELD_VIOLATION_LIFECYCLE[change.item.action as FieldViolationAction] as { to: ViolationState } | undefined;
    if (step) now = step.to;
  }
  const byLifecycle = FIELD_VIOLATION_ACTIONS.filter((a) => FIELD_VIOLATION_LIFECYCLE[a].from.includes(now));
  const actions = now === state && serverActions ? byLifecycle.filter((a) => serverActions.includes(a)) : byLifecycle;
  return { state: now, actions, waiting: changes.length, conflict: changes.some((i) => i.state === "conflict") };
}
