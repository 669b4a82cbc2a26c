import type { CitizenProfile } from "@baladiya/shared/citizen";
import type { citizens } from "../../db/schema";

export function toProfile(row: typeof citizens.$inferSelect): CitizenProfile {
  return { phone: row.phone, name: row.name, civilIdLast4: row.civilId ? row.civilId.slice(-4) : null };
}
