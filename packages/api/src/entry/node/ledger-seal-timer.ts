import type { ReplicaStore } from "../../adapters/node/replica-store";
import type { Deps } from "../../domain/context";
import { sealLedger } from "../../domain/ledger/seal-ledger";
import { treeHashing } from "../../domain/ledger/tree-hashing";
import { startPeriodic } from "./periodic";

/**
 * With branch replicas, the ledger is sealed in one place: this timer, on the server that runs
 * the jobs, appends a leaf for every event and audit row the primary has queued (from any branch,
 * in the order they reached it) and pushes the leaves back. Branches see them on their next pull.
 */
export function startLedgerSealTimer(deps: Deps, store: ReplicaStore, intervalMs = 500): { stop(): Promise<void> } {
  const hashing = treeHashing(deps.hasher);
  let quiet = false;
  return startPeriodic(
    async () => {
      await store.writeSynced((db) => sealLedger(db, 0, hashing));
      quiet = false;
    },
    intervalMs,
    (error) => {
      // While the primary is away there is nothing to seal against: say so once.
      if (!quiet) deps.log.warn("sealing the ledger waits for the primary", { error: String(error) });
      quiet = true;
    },
    { immediately: true },
  );
}
