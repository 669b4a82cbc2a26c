import { sha256Hex } from "@baladiya/shared/certificate-seal";
import { z } from "zod";
import { kioskRecordings } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { loadCall, writeAudit } from "./kiosk-rows";
import type { KioskUpload } from "./kiosk-file";

const Input = z.object({ callId: z.string().min(10).max(64), startedAt: z.iso.datetime({ offset: true }) });

export const RECORDING_MAX_BYTES = 200 * 1024 * 1024;

/** WebM (Matroska/EBML) starts with 1A 45 DF A3. */
const isWebm = (bytes: Uint8Array) => bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3;

/**
 * The call's recording, made by the employee's console with the visitor's consent, kept as a blob.
 * Its SHA-256 goes into the audit row, so the transparency ledger proves it was not altered later.
 */
export async function storeRecording({ ctx, input, file }: { ctx: Ctx; input: unknown; file: KioskUpload | undefined }) {
  assertCan(ctx.actor, "kiosk.serve");
  const args = parseInput(Input, input);
  const staffId = ctx.actor.kind === "staff" ? ctx.actor.staffId : "";
  const call = await ctx.deps.store.read((db) => loadCall(db, args.callId));
  if (call.acceptedBy !== staffId) throw new DomainError("FORBIDDEN", "This call is not yours");
  if (!call.recordingConsent) throw new DomainError("FORBIDDEN", "The visitor did not agree to be recorded");
  if (!file || file.bytes.length === 0)
    throw new DomainError("VALIDATION", "The recording is empty", {
      issues: [{ path: ["file"], message: "Empty", code: "required" }],
    });
  if (file.bytes.length > RECORDING_MAX_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", "The recording is larger than 200 MB");
  if (!isWebm(file.bytes)) throw new DomainError("UNSUPPORTED_MEDIA", "A recording must be a WebM video");
  const id = ctx.deps.ids.uuid();
  const sha256 = sha256Hex(file.bytes);
  const blobKey = `kiosk/${call.visitId}/recordings/${id}`;
  await ctx.deps.blobs.put(blobKey, file.bytes, { httpMetadata: { contentType: "video/webm" } });
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    await db.insert(kioskRecordings).values({
      id,
      callId: call.id,
      blobKey,
      contentType: "video/webm",
      size: file.bytes.length,
      sha256,
      startedAt: args.startedAt,
      createdAt: at,
      createdBy: staffId,
    });
    await writeAudit(ctx, db, {
      action: "kiosk.recording",
      subjectType: "kiosk_call",
      subjectId: call.id,
      after: { recordingId: id, sha256, size: file.bytes.length, startedAt: args.startedAt },
      at,
    });
  });
  return { id, sha256, size: file.bytes.length };
}
