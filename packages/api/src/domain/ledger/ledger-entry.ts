import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { sql } from "drizzle-orm";
import type { auditLog, caseEvents } from "../../db/schema";
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

/** The salted content hash a leaf commits to: SHA-256(salt ‖ UTF-8 canonical JSON of the content), hex. */
export function contentHashOf(source: SourceRow, salt: string | Uint8Array, hashing: Pick<TreeHashing, "content">): string {
  return bytesToHex(hashing.content(typeof salt === "string" ? hexToBytes(salt) : salt, contentJson(source)));
}

/** What a leaf's entry is made of; a stored leaf row holds exactly these (the entry is not stored twice). */
export interface EntryFields {
  kind: string;
  sourceId: string;
  subjectType: string;
  subjectId: string;
  content: string;
  createdAt: string;
}

/**
 * The leaf's entry: what happened to which public subject and when, and the salted hash of the rest.
 * Keys in sorted order and primitive values: canonical JSON, the exact bytes the leaf hash covers.
 */
export function entryText(f: EntryFields): string {
  return JSON.stringify({
    at: f.createdAt,
    content: f.content,
    id: f.sourceId,
    kind: f.kind,
    subject: NAMED_SUBJECTS.has(f.subjectType) ? `${f.subjectType}:${f.subjectId}` : f.subjectType,
    v: 1,
  });
}

/** The fields of the leaf that records `source`, with its salted content hash. */
export function entryFieldsOf(source: SourceRow, salt: string | Uint8Array, hashing: Pick<TreeHashing, "content">): EntryFields {
  const subject = subjectOf(source);
  return {
    kind: source.kind,
    sourceId: source.row.id,
    subjectType: subject.type,
    subjectId: subject.id,
    content: contentHashOf(source, salt, hashing),
    createdAt: source.row.createdAt,
  };
}

/** The entry of the leaf that records `source` with this salt. */
export const entryOf = (source: SourceRow, salt: string | Uint8Array, hashing: Pick<TreeHashing, "content">): string =>
  entryText(entryFieldsOf(source, salt, hashing));

/** `n` fresh 16-byte salts one after the other, drawn from the system's random source. */
export function newSalts(n: number): Uint8Array {
  const bytes = new Uint8Array(16 * n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

/** The columns of the row a leaf records, joined as `e` (case events) and `a` (audit rows). */
export const SOURCE_COLUMNS = sql`
  e.id as eId, e.case_id as eCaseId, e.kind as eKind, e.status as eStatus, e.text as eText, e.note as eNote,
  e.is_public as eIsPublic, e.actor_kind as eActorKind, e.actor_id as eActorId, e.created_at as eCreatedAt,
  a.id as aId, a.actor_kind as aActorKind, a.actor_id as aActorId, a.action as aAction, a.subject_type as aSubjectType,
  a.subject_id as aSubjectId, a.before as aBefore, a.after as aAfter, a.created_at as aCreatedAt`;

/** Joins the recorded row to a table `t` with `kind` and `source_id` columns (the queue, the leaves). */
export const SOURCE_JOINS = sql`
  left join case_events e on t.kind = 'case_event' and e.id = t.source_id
  left join audit_log a on t.kind = 'audit' and a.id = t.source_id`;

type Nullable<T> = { [K in keyof T]: T[K] | null };
export type SourceColumns = Nullable<{
  eId: string;
  eCaseId: string;
  eKind: string;
  eStatus: string;
  eText: string;
  eNote: string;
  eIsPublic: number;
  eActorKind: string;
  eActorId: string;
  eCreatedAt: string;
  aId: string;
  aActorKind: string;
  aActorId: string;
  aAction: string;
  aSubjectType: string;
  aSubjectId: string;
  aBefore: string;
  aAfter: string;
  aCreatedAt: string;
}>;

/**
 * The recorded row from the joined columns, or null when it no longer exists. The seal and the
 * audit both read rows this way, so they hash exactly the same values.
 */
export function sourceFrom(kind: string, c: SourceColumns): SourceRow | null {
  if (kind === "case_event" && c.eId !== null)
    return {
      kind,
      row: {
        id: c.eId,
        caseId: c.eCaseId!,
        kind: c.eKind!,
        status: c.eStatus,
        text: c.eText,
        note: c.eNote,
        isPublic: c.eIsPublic === 1,
        actorKind: c.eActorKind!,
        actorId: c.eActorId,
        createdAt: c.eCreatedAt!,
      },
    };
  if (kind === "audit" && c.aId !== null)
    return {
      kind,
      row: {
        id: c.aId,
        actorKind: c.aActorKind!,
        actorId: c.aActorId,
        action: c.aAction!,
        subjectType: c.aSubjectType!,
        subjectId: c.aSubjectId!,
        before: c.aBefore,
        after: c.aAfter,
        createdAt: c.aCreatedAt!,
      },
    };
  return null;
}
