import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { auditLog, caseEvents } from "../../db/schema";
import { canonicalJson } from "../crypto";

export type LedgerKind = "case_event" | "audit";
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type SourceRow = { kind: "case_event"; row: CaseEventRow } | { kind: "audit"; row: AuditRow };

/** Subjects a leaf may name openly: their events are proven to the public. Other subjects stay anonymous. */
const NAMED_SUBJECTS = new Set(["case", "certificate"]);

/** Exactly the recorded fields of a row, in a fixed shape: what the salted content hash commits to. */
export function contentOf(source: SourceRow): Record<string, unknown> {
  if (source.kind === "case_event") {
    const e = source.row;
    return {
      id: e.id,
      caseId: e.caseId,
      kind: e.kind,
      status: e.status,
      text: e.text,
      note: e.note,
      isPublic: e.isPublic,
      actorKind: e.actorKind,
      actorId: e.actorId,
      createdAt: e.createdAt,
    };
  }
  const a = source.row;
  return {
    id: a.id,
    actorKind: a.actorKind,
    actorId: a.actorId,
    action: a.action,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    before: a.before,
    after: a.after,
    createdAt: a.createdAt,
  };
}

export function subjectOf(source: SourceRow): { type: string; id: string } {
  return source.kind === "case_event"
    ? { type: "case", id: source.row.caseId }
    : { type: source.row.subjectType, id: source.row.subjectId };
}

/** SHA-256(salt ‖ UTF-8 canonical JSON of the content), hex. */
export function contentHash(saltHex: string, content: string): string {
  const salt = hexToBytes(saltHex);
  const body = utf8ToBytes(content);
  const message = new Uint8Array(salt.length + body.length);
  message.set(salt);
  message.set(body, salt.length);
  return bytesToHex(sha256(message));
}

/** The leaf's entry: what happened to which public subject and when, and the salted hash of the rest. */
export function entryOf(source: SourceRow, saltHex: string): string {
  const subject = subjectOf(source);
  return canonicalJson({
    v: 1,
    kind: source.kind,
    id: source.row.id,
    subject: NAMED_SUBJECTS.has(subject.type) ? `${subject.type}:${subject.id}` : subject.type,
    at: source.row.createdAt,
    content: contentHash(saltHex, canonicalJson(contentOf(source))),
  });
}

export function newSalt(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
}
