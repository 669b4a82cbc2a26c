import { PropertyRef } from "@baladiya/shared/certificate";
import type { PlotRecord } from "./seed-plots";

/** Splits one CSV line; fields may be quoted ("a, b"), a doubled quote inside is a quote. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * The plot register from CSV (header: governorate_code,area,block,plot,plan_number,land_area_m2):
 * the area by id or by its English or Arabic name within the governorate. Every line is checked as
 * an application's property would be; the problems name their line.
 */
export function parsePlotsCsv(
  text: string,
  areasList: readonly { id: string; ar: string; en: string; gov: string }[],
): { plots: PlotRecord[]; problems: string[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = fields(lines[0] ?? "").map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const need = ["governorate_code", "area", "block", "plot", "plan_number"];
  const missing = need.filter((n) => col(n) < 0);
  if (missing.length) return { plots: [], problems: [`line 1: missing columns ${missing.join(", ")}`] };
  const plots: PlotRecord[] = [];
  const problems: string[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const f = fields(line);
    const get = (name: string) => f[col(name)] ?? "";
    const gov = get("governorate_code");
    const areaName = get("area").toLowerCase();
    const area = areasList.find(
      (a) => a.gov === gov && (a.id === get("area") || a.en.toLowerCase() === areaName || a.ar === get("area")),
    );
    if (!area) {
      problems.push(`line ${i + 2}: no area '${get("area")}' in ${gov}`);
      return;
    }
    const parsed = PropertyRef.safeParse({
      governorateCode: gov,
      areaId: area.id,
      block: get("block"),
      plot: get("plot"),
      planNumber: get("plan_number"),
    });
    const land = col("land_area_m2") >= 0 && get("land_area_m2") !== "" ? Number(get("land_area_m2")) : null;
    if (!parsed.success || (land !== null && !(land > 0))) {
      problems.push(
        `line ${i + 2}: ${parsed.success ? "land_area_m2 must be a positive number" : parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      );
      return;
    }
    plots.push({ ...parsed.data, landAreaM2: land });
  });
  return { plots, problems };
}
