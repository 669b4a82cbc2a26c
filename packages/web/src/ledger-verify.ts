// Reached only through the lazily loaded components/ledger-result: the checker it imports carries
// SHA-256 and Ed25519, which the report form's first download must not.
import type { CaseLedger } from "@baladiya/shared/ledger-api";
import { checkCaseLedger, type CaseLedgerCheck } from "@baladiya/shared/ledger-check";
import { trustLedgerKey, type TrustedLedgerKey } from "./ledger-key";
import { getCaseLedger, getPublishedLedgerKey } from "./queries";

/** The `bad_head` reason given when the published key is not the one this device trusts. */
export const KEY_CHANGED = "the log's published key is not the one this device first trusted";

export interface ShownStep {
  id: string;
  note: string | null;
  status: string | null;
}

export interface LedgerVerdict {
  check: CaseLedgerCheck;
  data: CaseLedger;
  key: TrustedLedgerKey;
  /** Steps shown on the page that are proven in the signed log, unchanged. */
  stepsProven: number;
}

/**
 * Checks a case's history in this browser: the case's ledger data, the log's published key (fetched
 * separately, trusted on first use) and the steps the page shows.
 */
export async function verifyCaseLedger(
  ref: { trackingNumber: string; token?: string },
  shown: readonly ShownStep[],
): Promise<LedgerVerdict> {
  const [data, published] = await Promise.all([getCaseLedger(ref), getPublishedLedgerKey()]);
  const key = trustLedgerKey(published);
  const check = checkCaseLedger(data, shown, key.vkey);
  if (key.published !== null) {
    check.problems.unshift({ kind: "bad_head", reason: KEY_CHANGED });
    check.ok = false;
  }
  const troubled = new Set(check.problems.map((p) => ("eventId" in p ? p.eventId : null)));
  const recorded = new Set(data.entries.filter((e) => e.kind === "case_event").map((e) => e.eventId));
  const stepsProven = shown.filter((s) => recorded.has(s.id) && !troubled.has(s.id)).length;
  return { check, data, key, stepsProven };
}

/** When a recorded leaf says its row was written (ISO), read from the leaf's own entry. */
export function leafTime(data: CaseLedger, seq: number): string | null {
  const entry = data.entries.find((e) => e.seq === seq);
  if (!entry) return null;
  try {
    const at = (JSON.parse(entry.entry) as { at?: unknown }).at;
    return typeof at === "string" && !Number.isNaN(Date.parse(at)) ? at : null;
  } catch {
    return null;
  }
}
