import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";

/** Perfect subtrees are stored under one integer key: level · 2^40 + index (2^40 leaves is plenty). */
const LEVEL_SPAN = 2 ** 40;

export const nodeId = (level: number, index: number): number => level * LEVEL_SPAN + index;

const bytesOf = (value: ArrayBuffer | Uint8Array): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(value));

/** The stored hashes of the given perfect subtrees, in one statement; a missing one is an error (the tree is damaged). */
export async function loadNodes(
  db: Db,
  subtrees: readonly { level: number; index: number }[],
): Promise<(level: number, index: number) => Uint8Array> {
  const ids = JSON.stringify([...new Set(subtrees.map((s) => nodeId(s.level, s.index)))]);
  const rows = await db.all<{ id: number; hash: ArrayBuffer | Uint8Array }>(
    sql`select id, hash from ledger_nodes where id in (select value from json_each(${ids}))`,
  );
  const found = new Map(rows.map((r) => [Number(r.id), bytesOf(r.hash)]));
  return (level, index) => {
    const hash = found.get(nodeId(level, index));
    if (!hash) throw new Error(`The ledger has no node at level ${level}, index ${index}`);
    return hash;
  };
}

/** Every stored node of `level` covering leaves [first, last], by id. */
export async function nodesAtLevel(db: Db, level: number, first: number, last: number): Promise<Map<number, Uint8Array>> {
  const lo = nodeId(level, Math.floor(first / 2 ** level));
  const hi = nodeId(level, Math.floor(last / 2 ** level) + 1);
  const rows = await db.all<{ id: number; hash: ArrayBuffer | Uint8Array }>(
    sql`select id, hash from ledger_nodes where id >= ${lo} and id < ${hi}`,
  );
  return new Map(rows.map((r) => [Number(r.id), bytesOf(r.hash)]));
}
