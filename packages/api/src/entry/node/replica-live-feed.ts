import { sql } from "drizzle-orm";
import type { ReplicaStore } from "../../adapters/node/replica-store";
import type { Deps } from "../../domain/context";

/** Event ids already announced, so a change is told once however it is found. */
const REMEMBERED = 5000;

/**
 * On a branch, changes made at other branches arrive by pull, not through this server's own
 * transactions: this tells this server's open screens (tracking pages, staff queues) about them.
 * After each pull that brought changes it looks at what joined the ledger's queue (numbered by the
 * primary in order of arrival) and the ledger itself (sealed in the same order), from where it last
 * stopped: both orders only grow, and both are indexed, so each look is a short range read.
 */
export function startReplicaLiveFeed(deps: Deps, store: ReplicaStore): { stop(): void } {
  let queueMark = 0;
  let leafMark = 0;
  const told = new Set<string>();
  let running: Promise<void> | null = null;
  let again = false;

  const look = async (announce: boolean) => {
    const rows = await store.read(async (db) => {
      const [marks] = await db.all<{ q: number | null; l: number | null }>(
        sql`select (select max(seq) from ledger_pending) as q, (select max(seq) from ledger_entries) as l`,
      );
      const changes = announce
        ? await db.all<{ id: string; t: string; g: string; s: string; u: string }>(sql`
            select e.id as id, c.tracking_number as t, c.governorate_code as g, c.status as s, c.updated_at as u
            from (select source_id from ledger_pending where seq > ${queueMark} and kind = 'case_event'
                  union all
                  select source_id from ledger_entries where seq > ${leafMark} and kind = 'case_event') q
            join case_events e on e.id = q.source_id
            join cases c on c.id = e.case_id`)
        : [];
      queueMark = Math.max(queueMark, Number(marks?.q ?? 0));
      leafMark = Math.max(leafMark, Number(marks?.l ?? 0));
      return changes;
    });
    for (const row of rows) {
      if (told.has(row.id)) continue;
      told.add(row.id);
      deps.live.publish({ trackingNumber: row.t, governorateCode: row.g, status: row.s, updatedAt: row.u });
    }
    if (told.size > REMEMBERED) {
      const keep = [...told].slice(-REMEMBERED / 2);
      told.clear();
      for (const id of keep) told.add(id);
    }
  };

  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await look(true).catch((error: unknown) => deps.log.warn("live feed from the replica failed", { error: String(error) }));
      } while (again);
      running = null;
    })();
  };

  // Where the replica stands now is the start: what is already here was announced when it happened.
  void look(false).then(
    () => undefined,
    () => undefined,
  );
  const unsubscribe = store.onPulled(run);
  return { stop: unsubscribe };
}
