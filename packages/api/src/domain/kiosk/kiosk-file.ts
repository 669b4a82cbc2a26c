import { sha256Hex } from "@baladiya/shared/certificate-seal";
import { kioskDocuments } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { sniffDocumentType } from "../certificate/store-documents";

export const KIOSK_FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface KioskUpload {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedKioskFile {
  id: string;
  name: string;
  mime: string;
  bytes: Uint8Array;
  sha256: string;
  blobKey: string;
}

/** A scan must really be a PDF, JPEG, PNG or WebP (by its bytes, not its name), and at most 10 MB. */
export function checkKioskFile(ctx: Ctx, visitId: string, file: KioskUpload | undefined, field: string): CheckedKioskFile {
  if (!file || file.bytes.length === 0)
    throw new DomainError("VALIDATION", "A file is required", {
      issues: [{ path: [field], message: "A file is required", code: "required" }],
    });
  if (file.bytes.length > KIOSK_FILE_MAX_BYTES)
    throw new DomainError("PAYLOAD_TOO_LARGE", "The file is larger than 10 MB", {
      issues: [{ path: [field], message: "Larger than 10 MB", code: "too_big" }],
    });
  const mime = sniffDocumentType(file.bytes);
  if (!mime)
    throw new DomainError("UNSUPPORTED_MEDIA", "Only images (JPEG, PNG, WebP) and PDF documents can be shared", {
      issues: [{ path: [field], message: "Not an image or a PDF", code: "bad_type" }],
    });
  const id = ctx.deps.ids.uuid();
  return {
    id,
    name: file.name.slice(0, 200) || "document",
    mime,
    bytes: file.bytes,
    sha256: sha256Hex(file.bytes),
    blobKey: `kiosk/${visitId}/${id}`,
  };
}

/** Stored before the transaction that records it: an orphan blob is harmless, a lost one is not. */
export async function putKioskFile(ctx: Ctx, file: CheckedKioskFile): Promise<void> {
  await ctx.deps.blobs.put(file.blobKey, file.bytes, { httpMetadata: { contentType: file.mime } });
}

export async function recordKioskFile(
  db: Db,
  file: CheckedKioskFile,
  row: {
    visitId: string;
    callId: string | null;
    direction: "to_staff" | "to_kiosk";
    idCard: boolean;
    createdBy: string;
    at: string;
  },
) {
  const value = {
    id: file.id,
    visitId: row.visitId,
    callId: row.callId,
    direction: row.direction,
    idCard: row.idCard,
    name: file.name,
    blobKey: file.blobKey,
    contentType: file.mime,
    size: file.bytes.length,
    sha256: file.sha256,
    createdAt: row.at,
    createdBy: row.createdBy,
  };
  await db.insert(kioskDocuments).values(value);
  return value;
}
