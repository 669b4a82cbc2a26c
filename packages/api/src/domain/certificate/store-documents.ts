import { DOCUMENT_MAX_BYTES, DOCUMENT_MAX_COUNT, DocumentKind, REQUIRED_DOCUMENTS } from "@baladiya/shared/certificate";
import { sha256Hex } from "@baladiya/shared/certificate-seal";
import { certificateDocuments } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { sniffImageType } from "../media/sniff-image-type";

export interface UploadedFile {
  /** The form field it came in: a DocumentKind, or "photo" for the inspector's violation photos. */
  field: string;
  name: string;
  bytes: Uint8Array;
}

export interface CheckedFile {
  id: string;
  kind: string;
  name: string;
  mime: string;
  bytes: Uint8Array;
  sha256: string;
  blobKey: string;
}

/** Decides a scan's type from its first bytes: PDF or an image. */
export function sniffDocumentType(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d)
    return "application/pdf";
  return sniffImageType(bytes);
}

const fail = (field: string, message: string, code: string) =>
  new DomainError("VALIDATION", message, { issues: [{ path: ["documents", field], message, code }] });

/**
 * Checks uploads before anything is written: known fields, real PDF/JPEG/PNG/WebP content, size
 * and count limits, and (`requireAll`) every required document present. Photos must be images.
 */
export function checkUploads(
  ctx: Ctx,
  applicationId: string,
  files: readonly UploadedFile[],
  options: { requireAll: boolean; photos: boolean },
): CheckedFile[] {
  if (files.length > DOCUMENT_MAX_COUNT) throw fail("count", `At most ${DOCUMENT_MAX_COUNT} files at a time`, "too_many");
  const checked = files.map((f) => {
    const kind =
      f.field === "photo" && options.photos ? "violation_photo" : DocumentKind.safeParse(f.field).success ? f.field : null;
    if (!kind) throw fail(f.field, `Unknown document '${f.field}'`, "unknown_document");
    if (f.bytes.length === 0) throw fail(f.field, "The file is empty", "empty");
    if (f.bytes.length > DOCUMENT_MAX_BYTES) throw fail(f.field, "The file is larger than 10 MB", "too_big");
    const mime = sniffDocumentType(f.bytes);
    if (!mime || (kind === "violation_photo" && mime === "application/pdf"))
      throw fail(
        f.field,
        kind === "violation_photo" ? "A photo must be JPEG, PNG or WebP" : "A document must be a PDF, JPEG, PNG or WebP scan",
        "bad_type",
      );
    const id = ctx.deps.ids.uuid();
    return {
      id,
      kind,
      name: f.name.slice(0, 200) || kind,
      mime,
      bytes: f.bytes,
      sha256: sha256Hex(f.bytes),
      blobKey: `certificates/${applicationId}/${id}`,
    };
  });
  if (options.requireAll)
    for (const kind of REQUIRED_DOCUMENTS)
      if (!checked.some((c) => c.kind === kind)) throw fail(kind, `The ${kind.replace(/_/g, " ")} is required`, "required");
  return checked;
}

/** Puts the files in blob storage (before the transaction; an orphan blob is harmless, a lost one is not). */
export async function putUploads(ctx: Ctx, files: readonly CheckedFile[]): Promise<void> {
  await Promise.all(files.map((f) => ctx.deps.blobs.put(f.blobKey, f.bytes, { httpMetadata: { contentType: f.mime } })));
}

export async function recordUploads(
  db: Db,
  applicationId: string,
  stepSeq: number | null,
  files: readonly CheckedFile[],
  at: string,
): Promise<void> {
  if (files.length === 0) return;
  await db.insert(certificateDocuments).values(
    files.map((f) => ({
      id: f.id,
      applicationId,
      stepSeq,
      kind: f.kind,
      name: f.name,
      mime: f.mime,
      byteSize: f.bytes.length,
      sha256: f.sha256,
      blobKey: f.blobKey,
      createdAt: at,
    })),
  );
}

/** What a step commits to about its files: their kinds and content hashes. */
export const uploadsData = (files: readonly CheckedFile[]) => files.map((f) => ({ kind: f.kind, sha256: f.sha256 }));
