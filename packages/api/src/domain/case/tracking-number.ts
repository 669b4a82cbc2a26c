import type { Numbering } from "../context";
import type { Db } from "../../ports/store";
import { intakeStatements } from "./intake-statements";

/** Year as it is in Kuwait (UTC+3, no daylight saving) at that instant. */
export function kuwaitYear(at: Date): number {
  return new Date(at.getTime() + 3 * 3600_000).getUTCFullYear();
}

/** Next human reference for a branch, e.g. HA-2026-000123; must run inside the write transaction. */
export async function nextTrackingNumber(
  db: Db,
  governorateCode: string,
  prefix: string,
  at: Date,
  numbering?: Numbering,
): Promise<string> {
  const year = kuwaitYear(at);
  const row = await intakeStatements(db).nextCounter.get({ governorateCode: counterKey(governorateCode, numbering), year });
  if (!row) throw new Error("tracking counter did not return a value");
  return `${prefix}-${year}-${String(numberFor(row.last, numbering)).padStart(6, "0")}`;
}

/** A server with a share of the numbers keeps its own counter (no two servers write the same row). */
export function counterKey(governorateCode: string, numbering: Numbering | undefined): string {
  return numbering ? `${governorateCode}/${numbering.slot}` : governorateCode;
}

/** The n-th number of this server's share: n itself, or slot, slot + slots, slot + 2·slots… */
export function numberFor(n: number, numbering: Numbering | undefined): number {
  return numbering ? (n - 1) * numbering.slots + numbering.slot : n;
}
