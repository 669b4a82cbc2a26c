import type { Db } from "../../ports/store";
import { intakeStatements } from "./intake-statements";

/** Year as it is in Kuwait (UTC+3, no daylight saving) at that instant. */
export function kuwaitYear(at: Date): number {
  return new Date(at.getTime() + 3 * 3600_000).getUTCFullYear();
}

/** Next human reference for a branch, e.g. HA-2026-000123; must run inside the write transaction. */
export async function nextTrackingNumber(db: Db, governorateCode: string, prefix: string, at: Date): Promise<string> {
  const year = kuwaitYear(at);
  const row = await intakeStatements(db).nextCounter.get({ governorateCode, year });
  if (!row) throw new Error("tracking counter did not return a value");
  return `${prefix}-${year}-${String(row.last).padStart(6, "0")}`;
}
