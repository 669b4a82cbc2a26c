import { verifyCosignature, verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { bytesEqual, bytesToHex as hex } from "@baladiya/shared/ledger/encoding";
import { EMPTY_ROOT, nodeHash } from "@baladiya/shared/ledger/merkle";
import { asc, notInArray, sql } from "drizzle-orm";
import { auditLog, caseEvents, ledgerCosignatures, ledgerEntries, ledgerHeads, ledgerWitnesses } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { entryOf, entryText, SOURCE_COLUMNS, SOURCE_JOINS, type SourceColumns, sourceFrom } from "./ledger-entry";
import { nodeId, nodesAtLevel } from "./ledger-nodes";
import { logVerifierKey } from "./log-key";
import { treeHashing } from "./tree-hashing";

export interface LedgerProblem {
  /** The table holding the row that does not match, and its key. */
  table: string;
  row: string;
  problem: string;
}

export interface LedgerAudit {
  size: number;
  root: string;
  heads: number;
  cosignatures: number;
  problems: LedgerProblem[];
}

const BATCH = 5000;

/**
 * The auditor's check: recompute the whole tree from the stored leaves, check each leaf against the
 * row it records, every stored node against the recomputed tree, every tree head's root and
 * signature, every co-signature, and that no case event or audit row escaped the ledger. Problems
 * are listed in log order, so the first one names the first row that does not match.
 */
export async function verifyLedger({ ctx, onProgress }: { ctx: Ctx; onProgress?: (done: number) => void }): Promise<LedgerAudit> {
  assertCan(ctx.actor, "ledger.audit");
  const problems: LedgerProblem[] = [];
  const hashing = treeHashing(ctx.deps.hasher);
  const vkey = logVerifierKey(ctx.deps.ledger);
  const read = ctx.deps.store.read.bind(ctx.deps.store);
  const heads = await read((db) => db.select().from(ledgerHeads).orderBy(asc(ledgerHeads.size), asc(ledgerHeads.time)));
  const headsAt = new Map<number, typeof heads>();
  for (const h of heads) headsAt.set(h.size, [...(headsAt.get(h.size) ?? []), h]);
  const checkHeads = (size: number, root: Uint8Array) => {
    for (const h of headsAt.get(size) ?? []) {
      const signed = verifyTreeHead(h.note, vkey);
      if (!signed.ok) problems.push({ table: "ledger_heads", row: h.id, problem: `signature does not verify: ${signed.reason}` });
      else if (signed.checkpoint.size !== h.size || hex(signed.checkpoint.root) !== h.root)
        problems.push({ table: "ledger_heads", row: h.id, problem: "the stored size or root differs from the signed note" });
      if (h.root !== hex(root))
        problems.push({
          table: "ledger_heads",
          row: h.id,
          problem: `root for size ${size} is ${h.root.slice(0, 16)}…, the leaves give ${hex(root).slice(0, 16)}…`,
        });
    }
  };
  checkHeads(0, EMPTY_ROOT);

  // The right edge of the tree as it is rebuilt, one perfect subtree per level at most.
  const stack: { level: number; index: number; hash: Uint8Array }[] = [];
  const rootOfStack = () =>
    stack.length === 0
      ? EMPTY_ROOT
      : stack.reduceRight<Uint8Array | null>((acc, s) => (acc ? nodeHash(s.hash, acc) : s.hash), null)!;
  let expected = 0;
  for (;;) {
    const rows = await read(async (db) =>
      db.all<
        {
          seq: number;
          kind: string;
          sourceId: string;
          subjectType: string;
          subjectId: string;
          content: string;
          salt: string;
          createdAt: string;
        } & SourceColumns
      >(
        sql`select t.seq, t.kind, t.source_id as sourceId, t.subject_type as subjectType, t.subject_id as subjectId,
              t.content, t.salt, t.created_at as createdAt, ${SOURCE_COLUMNS} from ledger_entries t
            ${SOURCE_JOINS} where t.seq >= ${expected} order by t.seq limit ${BATCH}`,
      ),
    );
    if (rows.length === 0) break;
    const first = rows[0]!.seq;
    const last = rows[rows.length - 1]!.seq;
    // The stored nodes must be the ones the leaves make: proofs are built from them.
    const stored = new Map<number, Uint8Array>();
    await read(async (db) => {
      for (let level = 0; 2 ** level <= last + 1; level++)
        for (const [id, hash] of await nodesAtLevel(db, level, first, last)) stored.set(id, hash);
    });
    const compare = (level: number, index: number, hash: Uint8Array) => {
      const id = nodeId(level, index);
      const have = stored.get(id);
      if (!have || !bytesEqual(have, hash))
        problems.push({
          table: "ledger_nodes",
          row: String(id),
          problem: `(level ${level}, index ${index}) ${have ? "does not match the leaves below it" : "is missing"}`,
        });
    };
    for (const r of rows) {
      const entry = entryText(r);
      if (r.seq !== expected) {
        problems.push({
          table: "ledger_entries",
          row: String(expected),
          problem: `leaves ${expected}–${r.seq - 1} are missing: the log was cut`,
        });
        // Nothing after a gap can match the signed heads; keep checking each leaf against its row.
        stack.length = 0;
        expected = r.seq;
      }
      const source = sourceFrom(r.kind, r);
      if (!source || source.kind !== r.kind) {
        problems.push({
          table: r.kind === "audit" ? "audit_log" : "case_events",
          row: r.sourceId,
          problem: `recorded at leaf ${r.seq}, but the row is gone (deleted)`,
        });
      } else if (entryOf(source, r.salt, hashing) !== entry) {
        problems.push({
          table: r.kind === "audit" ? "audit_log" : "case_events",
          row: r.sourceId,
          problem: `changed after it was recorded at leaf ${r.seq}`,
        });
      }
      let node = { level: 0, index: r.seq, hash: hashing.leaf(entry) };
      compare(0, r.seq, node.hash);
      for (let left = stack.at(-1); left && left.level === node.level; left = stack.at(-1)) {
        stack.pop();
        node = { level: node.level + 1, index: left.index / 2, hash: hashing.node(left.hash, node.hash) };
        compare(node.level, node.index, node.hash);
      }
      stack.push(node);
      expected = r.seq + 1;
      if (headsAt.has(expected)) checkHeads(expected, rootOfStack());
    }
    onProgress?.(expected);
    if (rows.length < BATCH) break;
  }
  for (const [size, hs] of headsAt)
    if (size > expected)
      for (const h of hs)
        problems.push({ table: "ledger_heads", row: h.id, problem: `claims ${size} leaves; the log holds ${expected}` });

  // Rows that never reached the ledger were written behind the application's back.
  await read(async (db) => {
    const recorded = db.select({ id: ledgerEntries.sourceId }).from(ledgerEntries);
    for (const row of await db.select({ id: caseEvents.id }).from(caseEvents).where(notInArray(caseEvents.id, recorded)))
      problems.push({ table: "case_events", row: row.id, problem: "is not in the ledger (written outside the application)" });
    for (const row of await db.select({ id: auditLog.id }).from(auditLog).where(notInArray(auditLog.id, recorded)))
      problems.push({ table: "audit_log", row: row.id, problem: "is not in the ledger (written outside the application)" });
  });

  const cosignatures = await read((db) =>
    db
      .select({
        headId: ledgerCosignatures.headId,
        witness: ledgerCosignatures.witness,
        line: ledgerCosignatures.line,
        vkey: ledgerWitnesses.vkey,
        note: ledgerHeads.note,
      })
      .from(ledgerCosignatures)
      .innerJoin(ledgerWitnesses, sql`${ledgerWitnesses.name} = ${ledgerCosignatures.witness}`)
      .innerJoin(ledgerHeads, sql`${ledgerHeads.id} = ${ledgerCosignatures.headId}`),
  );
  for (const c of cosignatures) {
    if (!verifyCosignature(c.note, c.line, c.vkey).ok)
      problems.push({ table: "ledger_cosignatures", row: `${c.headId}/${c.witness}`, problem: "co-signature does not verify" });
  }
  return { size: expected, root: hex(rootOfStack()), heads: heads.length, cosignatures: cosignatures.length, problems };
}
