/** How a branch's local replica stands against the primary (reported by /health). */
export interface ReplicaStatus {
  /** The branch this server serves, e.g. KW-HA. */
  governorate: string | null;
  /** The primary's sync URL. */
  primary: string | null;
  /** Whether this process seals the transparency ledger and runs the jobs. */
  sealer: boolean;
  lastPullAt: string | null;
  lastPushAt: string | null;
  /** Milliseconds since the replica last caught up with the primary: how stale its reads may be. */
  lagMs: number | null;
  /** Local commits the primary has not confirmed yet (queued while the link is down). */
  unpushedCommits: number;
  lastError: string | null;
}
