import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";

/** Where the tables the ledger records stood when a write transaction began (their last row ids). */
export interface LedgerSourceMark {
  caseEvents: number;
  audit: number;
}

export async function markLedgerSources(db: Db): Promise<LedgerSourceMark> {
  const [row] = await db.all<{ e: number | null; a: number | null }>(
    sql`select (select max(rowid) from case_events) as e, (select max(rowid) from audit_log) as a`,
  );
  return { caseEvents: Number(row?.e ?? 0), audit: Number(row?.a ?? 0) };
}

/**
 * On a branch replica, what the primary's triggers do on the embedded store: queues every case
 * event and audit row this transaction wrote for the ledger, just before it commits. The queue row
 * carries a random negative number: the primary numbers it when it arrives (see replica-store.ts),
 * and the sealer only ever seals rows the primary numbered.
 */
export async function queueLedgerSources(db: Db, mark: LedgerSourceMark): Promise<void> {
  await db.run(sql`
    insert into ledger_pending (seq, kind, source_id)
    select -1 - (random() & 4611686018427387903), kind, id from (
      select 'case_event' as kind, id, created_at from case_events where rowid > ${mark.caseEvents}
      union all
      select 'audit' as kind, id, created_at from audit_log where rowid > ${mark.audit}
    ) order by created_at, kind`);
}
