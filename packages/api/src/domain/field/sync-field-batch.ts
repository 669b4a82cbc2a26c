import { CASE_STATUS_LABELS } from "@baladiya/shared/statuses";
import {
  SyncBatchInput,
  SyncItem,
  VIOLATION_STATE_LABELS,
  type EvidenceFlag,
  type SyncBatchResult,
  type SyncResult,
  type ViolationState,
} from "@baladiya/shared/field";
import { distanceMetres } from "@baladiya/shared/geo";
import { sha256Hex } from "@baladiya/shared/certificate-seal";
import type { CaseStatus } from "@baladiya/shared/case";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { auditLog, caseEvents, fieldEvidence, fieldSyncItems, fieldTasks } from "../../db/schema";
import type { Db } from "../../ports/store";
import { actOnCase } from "../case/act-on-case";
import { findStaffCase, staffActor } from "../case/staff-case-view";
import type { CaseRow } from "../case/public-view";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { sniffImageType } from "../media/sniff-image-type";
import { assertCan } from "../permissions";
import { findViolation, type ViolationRow } from "./violation-rows";
import { recordViolationIn, violationStepIn } from "./violation-steps";

type Item = z.output<typeof SyncItem>;
export interface SyncFile {
  field: string;
  name: string;
  bytes: Uint8Array;
}
interface Batch {
  staffId: string;
  deviceId: string;
  batchId: string;
  skewSeconds: number;
  files: Map<string, SyncFile>;
}

/** Keys are the phone's; stored per inspector, so one inspector's keys never answer for another's. */
const ns = (b: Batch, key: string) => `${b.staffId}:${key}`;

const reject = (code: string, message: string) =>
  new DomainError("VALIDATION", message, { issues: [{ path: [], message, code }] });

async function applied(db: Db, b: Batch, key: string): Promise<{ ref: string | null } | null> {
  const [row] = await db
    .select({ ref: fieldSyncItems.ref })
    .from(fieldSyncItems)
    .where(eq(fieldSyncItems.key, ns(b, key)));
  return row ?? null;
}

async function remember(ctx: Ctx, db: Db, b: Batch, item: Item, ref: string | null): Promise<void> {
  await db.insert(fieldSyncItems).values({
    key: ns(b, item.key),
    staffId: b.staffId,
    batchId: b.batchId,
    kind: item.kind,
    ref,
    createdAt: ctx.deps.clock.now().toISOString(),
  });
}

/** The case as the server has it now: what the inspector sees beside their own change in a conflict. */
async function caseSnapshot(db: Db, row: CaseRow): Promise<SyncResult["server"]> {
  const [last] = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(desc(caseEvents.createdAt))
    .limit(1);
  const status = row.status as CaseStatus;
  return {
    status,
    statusLabel: CASE_STATUS_LABELS[status],
    updatedAt: row.updatedAt,
    lastChange: last
      ? {
          text: last.text ? (JSON.parse(last.text) as { ar: string; en: string }) : null,
          note: last.note,
          at: last.createdAt,
          by:
            last.actorKind === "staff" ? { ar: "موظف البلدية", en: "Municipality staff" } : { ar: "المُبلِّغ", en: "The reporter" },
        }
      : null,
  };
}

function violationSnapshot(v: ViolationRow): SyncResult["server"] {
  return {
    status: v.state,
    statusLabel: VIOLATION_STATE_LABELS[v.state as ViolationState],
    updatedAt: v.updatedAt,
    lastChange: null,
  };
}

/** The violation an item names: by number, or by the key of the item that recorded it. */
async function violationOf(ctx: Ctx, db: Db, b: Batch, ref: string): Promise<ViolationRow> {
  if (ref.startsWith("VL-")) return findViolation(ctx, db, ref);
  const recorded = await applied(db, b, ref);
  if (!recorded?.ref) throw new DomainError("NOT_FOUND", "The violation this refers to has not reached the server yet");
  return findViolation(ctx, db, recorded.ref);
}

/** A case the inspector may act on: assigned to them, or the subject of one of their open field tasks. */
async function myCase(ctx: Ctx, db: Db, b: Batch, trackingNumber: string): Promise<CaseRow> {
  const row = await findStaffCase(ctx, db, trackingNumber);
  if (row.assignedStaffId === b.staffId) return row;
  const [task] = await db
    .select({ id: fieldTasks.id })
    .from(fieldTasks)
    .where(and(eq(fieldTasks.caseId, row.id), eq(fieldTasks.inspectorId, b.staffId), eq(fieldTasks.status, "open")));
  if (!task) throw new DomainError("FORBIDDEN", "This case is not assigned to you");
  return row;
}

async function photo(ctx: Ctx, b: Batch, item: Extract<Item, { kind: "photo" }>): Promise<SyncResult> {
  const file = b.files.get(item.file);
  if (!file) throw reject("file_missing", `The photo file '${item.file}' is not in the batch`);
  if (sha256Hex(file.bytes) !== item.capture.sha256)
    throw reject("hash_mismatch", "The photo's SHA-256 does not match its bytes: it changed after it was taken");
  const mime = sniffImageType(file.bytes);
  if (!mime) throw reject("bad_type", "A photo must be JPEG, PNG or WebP");
  const ref = await ctx.deps.reference.get();
  if (!ref.areaIndex.locate(item.capture.position))
    throw new DomainError("OUTSIDE_KUWAIT", "The photo was taken outside Kuwait's municipal areas");
  // Where the photo belongs, and how far from it it was taken.
  const subject = await ctx.deps.store.read(async (db) => {
    if ("case" in item.subject) {
      const c = await myCase(ctx, db, b, item.subject.case);
      return { type: "case", id: c.id, at: { lat: c.lat, lng: c.lng } };
    }
    const vref = "violation" in item.subject ? item.subject.violation : item.subject.violationKey;
    try {
      const v = await violationOf(ctx, db, b, vref);
      return { type: "violation", id: v.id, at: { lat: v.lat, lng: v.lng } };
    } catch (error) {
      // The violation may come later in this batch: the photo waits under its key.
      if ("violationKey" in item.subject && error instanceof DomainError && error.code === "NOT_FOUND")
        return { type: "violation_key", id: ns(b, vref), at: null };
      throw error;
    }
  });
  const distance = subject.at ? distanceMetres(subject.at, item.capture.position) : null;
  const flags: EvidenceFlag[] = [];
  if (distance !== null && distance > ctx.deps.policy.fieldGeofenceMetres) flags.push("far_from_site");
  if (Math.abs(b.skewSeconds) > ctx.deps.policy.fieldClockToleranceSeconds) flags.push("clock_disagrees");
  if (item.capture.accuracyM > ctx.deps.policy.fieldGeofenceMetres) flags.push("poor_accuracy");
  const id = ctx.deps.ids.uuid();
  const blobKey = `field/${id}`;
  await ctx.deps.blobs.put(blobKey, file.bytes, { httpMetadata: { contentType: mime } });
  const receivedAt = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    if (await applied(db, b, item.key)) return;
    await db.insert(fieldEvidence).values({
      id,
      itemKey: ns(b, item.key),
      subjectType: subject.type,
      subjectId: subject.id,
      blobKey,
      mime,
      byteSize: file.bytes.length,
      sha256: item.capture.sha256,
      lat: item.capture.position.lat,
      lng: item.capture.position.lng,
      accuracyM: item.capture.accuracyM,
      deviceTime: item.capture.deviceTime,
      receivedAt,
      clockSkewSeconds: Math.round(b.skewSeconds),
      distanceM: distance === null ? null : Math.round(distance),
      flags: JSON.stringify(flags),
      inspectorId: b.staffId,
      deviceId: b.deviceId,
    });
    if (flags.length > 0)
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: "system",
        actorId: "field-evidence",
        action: "field.evidence_flagged",
        subjectType: subject.type === "case" ? "case" : "violation",
        subjectId: subject.id,
        before: null,
        after: JSON.stringify({
          evidenceId: id,
          flags,
          distanceM: distance === null ? null : Math.round(distance),
          clockSkewSeconds: Math.round(b.skewSeconds),
        }),
        createdAt: receivedAt,
      });
    await remember(ctx, db, b, item, id);
  });
  return { key: item.key, status: "applied", reason: null, code: null, ref: id, server: null, flags };
}

/** The photos an action names: this inspector's, already received; their bytes for the case timeline. */
async function photosOf(ctx: Ctx, b: Batch, keys: readonly string[]) {
  if (keys.length === 0) return [];
  const rows = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(fieldEvidence)
      .where(
        and(
          inArray(
            fieldEvidence.itemKey,
            keys.map((k) => ns(b, k)),
          ),
          eq(fieldEvidence.inspectorId, b.staffId),
        ),
      ),
  );
  if (rows.length !== keys.length) throw reject("photo_missing", "A photo this action refers to has not reached the server");
  return Promise.all(
    rows.map(async (r) => {
      const blob = await ctx.deps.blobs.get(r.blobKey);
      if (!blob) throw new Error(`evidence ${r.id} has no blob`);
      return { bytes: new Uint8Array(await blob.arrayBuffer()), evidenceId: r.id };
    }),
  );
}

async function caseAction(ctx: Ctx, b: Batch, item: Extract<Item, { kind: "case_action" }>): Promise<SyncResult> {
  const row = await ctx.deps.store.read((db) => myCase(ctx, db, b, item.trackingNumber));
  const photos = await photosOf(ctx, b, item.photoKeys);
  try {
    await actOnCase({
      ctx,
      input: {
        trackingNumber: item.trackingNumber,
        action: item.action,
        note: item.note,
        ...(item.force ? {} : { expectedUpdatedAt: item.baseUpdatedAt }),
      },
      photos: photos.map((p) => ({ bytes: p.bytes })),
      alsoWrite: async (db) => {
        if (await applied(db, b, item.key)) throw new DomainError("IDEMPOTENCY_CONFLICT", "duplicate");
        await remember(ctx, db, b, item, row.id);
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT") {
      const now = await ctx.deps.store.read((db) => findStaffCase(ctx, db, item.trackingNumber));
      return {
        key: item.key,
        status: "conflict",
        reason: error.message,
        code: "CONFLICT",
        ref: null,
        server: await ctx.deps.store.read((db) => caseSnapshot(db, now)),
        flags: [],
      };
    }
    throw error;
  }
  return { key: item.key, status: "applied", reason: null, code: null, ref: item.trackingNumber, server: null, flags: [] };
}

async function violation(ctx: Ctx, b: Batch, item: Extract<Item, { kind: "violation" }>): Promise<SyncResult> {
  const ref = await ctx.deps.reference.get();
  const area = ref.areaIndex.locate(item.location);
  if (!area) throw new DomainError("OUTSIDE_KUWAIT", "The violation's location is outside Kuwait's municipal areas");
  const actor = staffActor(ctx);
  if (area.governorateCode !== actor.governorateCode)
    throw new DomainError("FORBIDDEN", "The location is in another governorate's branch");
  const number = await ctx.deps.store.write(async (db) => {
    const c = item.trackingNumber ? await findStaffCase(ctx, db, item.trackingNumber) : null;
    const v = await recordViolationIn(ctx, db, {
      id: ctx.deps.ids.uuid(),
      type: item.type,
      location: item.location,
      offender: item.offender,
      description: item.description,
      governorateCode: area.governorateCode,
      areaId: area.id,
      caseId: c?.id ?? null,
    });
    // Photos sent before the violation waited under its key.
    await db
      .update(fieldEvidence)
      .set({ subjectType: "violation", subjectId: v.id })
      .where(and(eq(fieldEvidence.subjectType, "violation_key"), eq(fieldEvidence.subjectId, ns(b, item.key))));
    await remember(ctx, db, b, item, v.id);
    return v.number;
  });
  return { key: item.key, status: "applied", reason: null, code: null, ref: number, server: null, flags: [] };
}

async function violationAction(ctx: Ctx, b: Batch, item: Extract<Item, { kind: "violation_action" }>): Promise<SyncResult> {
  const photos = item.photoKeys.length;
  await photosOf(ctx, b, item.photoKeys);
  try {
    const number = await ctx.deps.store.write(async (db) => {
      const v = await violationOf(ctx, db, b, item.violation);
      const updated = await violationStepIn(ctx, db, v, {
        action: item.action,
        note: item.note ?? null,
        deadlineDays: item.deadlineDays,
        baseUpdatedAt: item.baseUpdatedAt,
        force: item.force,
        evidence: photos,
      });
      await remember(ctx, db, b, item, updated.id);
      return updated.number;
    });
    return { key: item.key, status: "applied", reason: null, code: null, ref: number, server: null, flags: [] };
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT") {
      const v = await ctx.deps.store.read((db) => violationOf(ctx, db, b, item.violation));
      return {
        key: item.key,
        status: "conflict",
        reason: error.message,
        code: "CONFLICT",
        ref: null,
        server: violationSnapshot(v),
        flags: [],
      };
    }
    throw error;
  }
}

/**
 * What the field app recorded offline, applied item by item, each exactly once: a key seen before
 * answers "duplicate"; a case or violation changed on the server since the inspector saw it is a
 * "conflict" they decide on; anything wrong (a photo whose hash does not match its bytes, a case
 * not assigned to them, a place outside Kuwait) is "rejected" with its reason and logged for
 * supervisors — and never costs the other items of the batch.
 */
export async function syncFieldBatch({
  ctx,
  input,
  files,
}: {
  ctx: Ctx;
  input: unknown;
  files: SyncFile[];
}): Promise<SyncBatchResult> {
  assertCan(ctx.actor, "field.work");
  const actor = staffActor(ctx);
  const batch = parseInput(SyncBatchInput, input);
  const now = ctx.deps.clock.now();
  const b: Batch = {
    staffId: actor.staffId,
    deviceId: batch.deviceId,
    batchId: batch.batchId,
    skewSeconds: (now.getTime() - Date.parse(batch.sentAt)) / 1000,
    files: new Map(files.map((f) => [f.field, f])),
  };
  const results: SyncResult[] = [];
  for (const raw of batch.items) {
    const key = typeof (raw as { key?: unknown })?.key === "string" ? String((raw as { key: string }).key).slice(0, 64) : "";
    const parsed = SyncItem.safeParse(raw);
    try {
      if (!parsed.success)
        throw reject("invalid", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const item = parsed.data;
      const seen = await ctx.deps.store.read((db) => applied(db, b, item.key));
      if (seen) {
        results.push({ key: item.key, status: "duplicate", reason: null, code: null, ref: seen.ref, server: null, flags: [] });
        continue;
      }
      switch (item.kind) {
        case "photo":
          results.push(await photo(ctx, b, item));
          break;
        case "case_action":
          results.push(await caseAction(ctx, b, item));
          break;
        case "violation":
          results.push(await violation(ctx, b, item));
          break;
        case "violation_action":
          results.push(await violationAction(ctx, b, item));
          break;
      }
    } catch (error) {
      if (error instanceof DomainError && error.code === "IDEMPOTENCY_CONFLICT") {
        results.push({ key, status: "duplicate", reason: null, code: null, ref: null, server: null, flags: [] });
        continue;
      }
      const known = error instanceof DomainError;
      if (!known) ctx.deps.log.error("field sync item failed", { key, error: String(error) });
      const reason = known ? error.message : "The server could not apply this item";
      const code = known ? (error.issues?.[0]?.code ?? error.code) : "INTERNAL";
      results.push({ key, status: "rejected", reason, code: String(code), ref: null, server: null, flags: [] });
      await ctx.deps.store.write(async (db) =>
        db.insert(auditLog).values({
          id: ctx.deps.ids.uuid(),
          actorKind: "staff",
          actorId: actor.staffId,
          action: "field.rejected",
          subjectType: "field_sync",
          subjectId: b.batchId,
          before: null,
          after: JSON.stringify({ key, kind: (raw as { kind?: unknown })?.kind ?? null, code, reason, deviceId: b.deviceId }),
          createdAt: ctx.deps.clock.now().toISOString(),
        }),
      );
    }
  }
  return { batchId: batch.batchId, serverTime: now.toISOString(), results };
}
