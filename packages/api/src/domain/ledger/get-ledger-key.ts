import type { LedgerKey } from "@baladiya/shared/ledger-api";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { ledgerKey } from "./log-key";

/** The log's public key, published so anyone can check its tree heads offline. */
export function getLedgerKey({ ctx }: { ctx: Ctx }): LedgerKey {
  assertCan(ctx.actor, "ledger.read");
  return ledgerKey(ctx.deps.ledger);
}
