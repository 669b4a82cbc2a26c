import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { perfectSubtrees } from "@baladiya/shared/ledger/merkle";
import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";
import { runTogether } from "../run-together";
import { entryFieldsOf, entryText, newSalts, SOURCE_COLUMNS, SOURCE_JOINS, type SourceColumns, sourceFrom } from "./ledger-entry";
import { loadNodes, nodeId } from "./ledger-nodes";
import type { TreeHashing } from "./tree-hashing";

/**
 * Where the queue of rows to record stands when a write transaction begins. Anything already queued
 * then was written outside the application (the application seals its rows before it commits), so
 * it is never sealed: the audit reports it instead.
 */
export async function markLedger(db: Db): Promise<number> {
  const [row] = await db.all<{ m: number }>(sql`select coalesce(max(seq), 0) as m from ledger_pending`);
  return Number(row?.m ?? 0);
}

/**
 * Appends a leaf for every case event and audit row this transaction queued (the triggers on those
 * tables queue them), with the perfect subtrees they complete, just before the transaction commits.
 * Appending reads only the right edge of the tree (at most one node per level) and writes all
 * leaves and nodes in two statements; over HTTP the whole seal is three round trips.
 */
export async function sealLedger(db: Db, mark: number, hashing: TreeHashing, upTo = Number.MAX_SAFE_INTEGER): Promise<number> {
  // The tree's size comes with the rows (an uncorrelated subquery, evaluated once): one statement.
  const pending = await db.all<{ seq: number; kind: string; sourceId: string; size: number } & SourceColumns>(
    sql`select t.seq, t.kind, t.source_id as sourceId, ${SOURCE_COLUMNS},
          (select coalesce(max(seq) + 1, 0) from ledger_entries) as size
        from ledger_pending t ${SOURCE_JOINS}
        where t.seq > ${mark} and t.seq <= ${upTo} order by t.seq`,
  );
  if (pending.length === 0) return 0;
  const size = Number(pending[0]!.size);
  const edge = perfectSubtrees(0, size);
  const get = await loadNodes(db, edge);
  const stack = edge.map((s) => ({ ...s, hash: get(s.level, s.index) }));
  const salts = newSalts(pending.length);

  const entries: unknown[][] = [];
  // Node ids, and their hashes one after the other in one buffer (a leaf completes one node on average).
  const ids: number[] = [];
  let hashes = new Uint8Array(32 * 2 * pending.length + 32 * 64);
  for (const [j, p] of pending.entries()) {
    const source = sourceFrom(p.kind, p);
    if (!source) throw new Error(`The ledger cannot record ${p.kind} ${p.sourceId}: the row is gone`);
    const seq = size + j;
    const salt = salts.subarray(16 * j, 16 * j + 16);
    const f = entryFieldsOf(source, salt, hashing);
    entries.push([seq, f.kind, f.sourceId, f.subjectType, f.subjectId, f.content, bytesToHex(salt), f.createdAt]);
    const entry = entryText(f);
    let node = { level: 0, index: seq, hash: hashing.leaf(entry) };
    const keep = (n: typeof node) => {
      if (32 * (ids.length + 1) > hashes.length) hashes = grow(hashes);
      hashes.set(n.hash, 32 * ids.length);
      ids.push(nodeId(n.level, n.index));
    };
    keep(node);
    for (let left = stack.at(-1); left && left.level === node.level; left = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: hashing.node(left.hash, node.hash) };
      keep(node);
    }
    stack.push(node);
  }
  const last = pending[pending.length - 1]!.seq;
  await runTogether(
    db,
    () =>
      db.run(sql`
        insert into ledger_entries (seq, kind, source_id, subject_type, subject_id, content, salt, created_at)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7
        from json_each(jsonb(${JSON.stringify(entries)}))`),
    () =>
      db.run(sql`
        insert into ledger_nodes (id, hash)
        select value, substr(${hashes.subarray(0, 32 * ids.length)}, 32 * key + 1, 32) from json_each(${JSON.stringify(ids)})`),
    () => db.run(sql`delete from ledger_pending where seq > ${mark} and seq <= ${last}`),
  );
  return pending.length;
}

function grow(buffer: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}
