import { sql } from "drizzle-orm";
import { GOVERNORATES } from "../reference/catalogue";
import type { Db } from "../../ports/store";
import { counterKey, kuwaitYear, numberFor } from "../case/tracking-number";
import type { Numbering } from "../context";

/** The next application (PD) or certificate (DC) number of a branch and year, e.g. PD-HA-2026-000123; inside the write transaction. */
export async function nextCertificateNumber(
  db: Db,
  series: "PD" | "DC" | "VL",
  governorateCode: string,
  at: Date,
  numbering?: Numbering,
): Promise<string> {
  const prefix = GOVERNORATES.find((g) => g.code === governorateCode)?.prefix;
  if (!prefix) throw new Error(`No branch ${governorateCode}`);
  const year = kuwaitYear(at);
  const [row] = await db.all<{ last: number }>(sql`
    insert into certificate_counters (series, governorate_code, year, last) values (${series}, ${counterKey(governorateCode, numbering)}, ${year}, 1)
    on conflict (series, governorate_code, year) do update set last = last + 1
    returning last`);
  if (!row) throw new Error("certificate counter did not return a value");
  return `${series}-${prefix}-${year}-${String(numberFor(row.last, numbering)).padStart(6, "0")}`;
}
