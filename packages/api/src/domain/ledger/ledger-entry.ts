import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { sql } from "drizzle-orm";
import type { auditLog, caseEvents } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { TreeHashing } from "./tree-hashing";

export type LedgerKind = "case_event" | "audit";
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type SourceRow = { kind: "case_event"; row: CaseEventRow } | { kind: "audit"; row: AuditRow };

/** Subjects a leaf may name openly: their events are proven to the public. Other subjects stay anonymous. */
const NAMED_SUBJECTS = new Set(["case", "certificate"]);

/**
 * Exactly the recorded fields of a row, in a fixed shape: what the salted content hash commits to.
 * Keys are written in sorted order and every value is a primitive, so JSON.stringify of it is the
 * canonical JSON (a test holds it to canonicalJson).
 */
export function contentOf(source: SourceRow): Record<string, unknown> {
  if (source.kind === "case_event") {
    const e = source.row;
    return {
      actorId: e.actorId,
      actorKind: e.actorKind,
      caseId: e.caseId,
      createdAt: e.createdAt,
      id: e.id,
      isPublic: e.isPublic,
      kind: e.kind,
      note: e.note,
      status: e.status,
      text: e.text,
    };
  }
  const a = source.row;
  return {
    action: a.action,
    actorId: a.actorId,
    actorKind: a.actorKind,
    after: a.after,
    before: a.before,
    createdAt: a.createdAt,
    id: a.id,
    subjectId: a.subjectId,
    subjectType: a.subjectType,
  };
}

/** The canonical JSON of a row's recorded content. */
export const contentJson = (source: SourceRow): string => JSON.stringify(contentOf(source));

export function subjectOf(source: SourceRow): { type: string; id: string } {
  return source.kind === "case_event"
    ? { type: "case", id: source.row.caseId }
    : { type: source.row.subjectType, id: source.row.subjectId };
}

/**
 * The leaf's entry: what happened to which public subject and when, and the salted hash of the rest
 * (SHA-256(salt ‖ UTF-8 canonical JSON of the content), hex). Keys in sorted order: canonical JSON.
 */
export function entryOf(source: SourceRow, saltHex: string, hashing: Pick<TreeHashing, "content">): string {
  const subject = subjectOf(source);
  return JSON.stringify({
    at: source.row.createdAt,
    content: bytesToHex(hashing.content(hexToBytes(saltHex), contentJson(source))),
    id: source.row.id,
    kind: source.kind,
    subject: NAMED_SUBJECTS.has(subject.type) ? `${subject.type}:${subject.id}` : subject.type,
    v: 1,
  });
}

/** `n` fresh 16-byte salts (hex), drawn from the system's random source in one call. */
export function newSalts(n: number): string[] {
  const bytes = new Uint8Array(16 * n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return Array.from({ length: n }, (_, i) => bytesToHex(bytes.subarray(16 * i, 16 * i + 16)));
}

/**
 * The rows behind a list of leaves (or queued rows), keyed "kind:id", each read in one statement.
 * The seal and the audit both read rows this way, so they hash exactly the same values.
 */
export async function loadSources(db: Db, items: readonly { kind: string; sourceId: string }[]): Promise<Map<string, SourceRow>> {
  const found = new Map<string, SourceRow>();
  const ids = (kind: string) => JSON.stringify(items.filter((i) => i.kind === kind).map((i) => i.sourceId));
  const events = await db.all<Omit<CaseEventRow, "isPublic"> & { isPublic: number }>(sql`
    select e.id, e.case_id as caseId, e.kind, e.status, e.text, e.note, e.is_public as isPublic,
      e.actor_kind as actorKind, e.actor_id as actorId, e.created_at as createdAt
    from json_each(${ids("case_event")}) j join case_events e on e.id = j.value`);
  for (const e of events) found.set(`case_event:${e.id}`, { kind: "case_event", row: { ...e, isPublic: e.isPublic === 1 } });
  const audits = await db.all<AuditRow>(sql`
    select a.id, a.actor_kind as actorKind, a.actor_id as actorId, a.action, a.subject_type as subjectType,
      a.subject_id as subjectId, a.before, a.after, a.created_at as createdAt
    from json_each(${ids("audit")}) j join audit_log a on a.id = j.value`);
  for (const a of audits) found.set(`audit:${a.id}`, { kind: "audit", row: a });
  return found;
}
