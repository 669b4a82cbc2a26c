import { leafHash, nodeHash, perfectSubtrees } from "@baladiya/shared/ledger/merkle";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { and, gt, inArray, lte, sql } from "drizzle-orm";
import { auditLog, caseEvents, ledgerEntries, ledgerNodes, ledgerPending } from "../../db/schema";
import type { Db } from "../../ports/store";
import { entryOf, newSalt, type SourceRow, subjectOf } from "./ledger-entry";
import { loadNodes, nodeId } from "./ledger-nodes";

/**
 * Where the queue of rows to record stands when a write transaction begins. Anything already queued
 * then was written outside the application (the application seals its rows before it commits), so
 * it is never sealed: the audit reports it instead.
 */
export async function markLedger(db: Db): Promise<number> {
  const [row] = await db.all<{ m: number }>(sql`select coalesce(max(seq), 0) as m from ledger_pending`);
  return Number(row?.m ?? 0);
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Appends a leaf for every case event and audit row this transaction queued (the triggers on those
 * tables queue them), with the perfect subtrees they complete, just before the transaction commits.
 * Appending reads only the right edge of the tree: at most one node per level.
 */
export async function sealLedger(db: Db, mark: number): Promise<number> {
  const pending = await db.select().from(ledgerPending).where(gt(ledgerPending.seq, mark)).orderBy(ledgerPending.seq);
  if (pending.length === 0) return 0;
  const sources = new Map<string, SourceRow>();
  const ids = (kind: string) => pending.filter((p) => p.kind === kind).map((p) => p.sourceId);
  for (const part of chunks(ids("case_event"), 500)) {
    for (const row of await db.select().from(caseEvents).where(inArray(caseEvents.id, part)))
      sources.set(`case_event:${row.id}`, { kind: "case_event", row });
  }
  for (const part of chunks(ids("audit"), 500)) {
    for (const row of await db.select().from(auditLog).where(inArray(auditLog.id, part)))
      sources.set(`audit:${row.id}`, { kind: "audit", row });
  }
  const [top] = await db.all<{ n: number }>(sql`select coalesce(max(seq) + 1, 0) as n from ledger_entries`);
  const size = Number(top?.n ?? 0);
  const edge = perfectSubtrees(0, size);
  const get = await loadNodes(db, edge);
  const stack = edge.map((s) => ({ ...s, hash: get(s.level, s.index) }));

  const entries: (typeof ledgerEntries.$inferInsert)[] = [];
  const nodes: { id: number; hash: Uint8Array }[] = [];
  for (const [j, p] of pending.entries()) {
    const source = sources.get(`${p.kind}:${p.sourceId}`);
    if (!source) throw new Error(`The ledger cannot record ${p.kind} ${p.sourceId}: the row is gone`);
    const seq = size + j;
    const salt = newSalt();
    const entry = entryOf(source, salt);
    const subject = subjectOf(source);
    entries.push({
      seq,
      kind: p.kind,
      sourceId: p.sourceId,
      subjectType: subject.type,
      subjectId: subject.id,
      entry,
      salt,
      createdAt: source.row.createdAt,
    });
    let node = { level: 0, index: seq, hash: leafHash(utf8ToBytes(entry)) };
    nodes.push({ id: nodeId(0, seq), hash: node.hash });
    for (let left = stack.at(-1); left && left.level === node.level; left = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.push({ id: nodeId(node.level, node.index), hash: node.hash });
    }
    stack.push(node);
  }
  for (const part of chunks(entries, 100)) await db.insert(ledgerEntries).values(part);
  for (const part of chunks(nodes, 400)) await db.insert(ledgerNodes).values(part);
  const last = pending[pending.length - 1]!.seq;
  await db.delete(ledgerPending).where(and(gt(ledgerPending.seq, mark), lte(ledgerPending.seq, last)));
  return pending.length;
}
