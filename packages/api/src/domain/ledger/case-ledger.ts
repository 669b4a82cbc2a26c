import { type CaseLedger, CaseLedgerInput } from "@baladiya/shared/ledger-api";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { inclusionRanges, leafHash } from "@baladiya/shared/ledger/merkle";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import { auditLog, caseEvents, ledgerEntries } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findReporterCase } from "../case/reporter-case";
import { contentJson, entryText } from "./ledger-entry";
import { latestTreeHead } from "./latest-tree-head";
import { ledgerKey } from "./log-key";
import { hashesOf } from "./prove";

/**
 * A case's recorded history with the proofs a browser checks on its own. Only the reporter (token,
 * or signed in as the owner) gets it: with each public step's content and salt, their page can
 * recompute what the ledger committed to and compare it with the timeline it shows.
 */
export async function caseLedger({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CaseLedger> {
  assertCan(ctx.actor, "ledger.read");
  const args = parseInput(CaseLedgerInput, input);
  const { row, entries } = await ctx.deps.store.read(async (db) => {
    const row = await findReporterCase(ctx, db, args);
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.subjectType, "case"), eq(ledgerEntries.subjectId, row.id)))
      .orderBy(asc(ledgerEntries.seq));
    return { row, entries };
  });
  const last = entries.at(-1)?.seq;
  const head = await latestTreeHead({ ctx, ...(last !== undefined ? { covering: last } : {}) });
  return ctx.deps.store.read(async (db) => {
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id));
    const byId = new Map(events.map((e) => [e.id, e]));
    const recorded = new Set(entries.map((e) => e.sourceId));
    const ranges = entries.map((e) => inclusionRanges(e.seq, head.size));
    const flat = await hashesOf(db, ranges.flat());
    let at = 0;
    const auditIds = entries.filter((e) => e.kind === "audit").map((e) => e.sourceId);
    const audits = new Set(
      auditIds.length
        ? (await db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.id, auditIds))).map((r) => r.id)
        : [],
    );
    return {
      head,
      key: ledgerKey(ctx.deps.ledger),
      entries: entries.map((e, i) => {
        const proof = flat.slice(at, (at += ranges[i]!.length)).map(bytesToHex);
        const event = e.kind === "case_event" ? byId.get(e.sourceId) : undefined;
        const shown = event?.isPublic ? event : undefined;
        const entry = entryText(e);
        return {
          seq: e.seq,
          size: head.size,
          entry,
          leafHash: bytesToHex(leafHash(utf8ToBytes(entry))),
          proof,
          kind: e.kind as "case_event" | "audit",
          eventId: e.sourceId,
          present: e.kind === "case_event" ? Boolean(event) : audits.has(e.sourceId),
          content: shown ? contentJson({ kind: "case_event", row: shown }) : null,
          salt: shown ? e.salt : null,
        };
      }),
      unrecorded: events.filter((e) => e.isPublic && !recorded.has(e.id)).map((e) => e.id),
    };
  });
}
