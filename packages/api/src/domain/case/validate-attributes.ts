import type { ErrorIssue } from "@baladiya/shared/errors";
import type { ServiceAttribute } from "@baladiya/shared/service";
import { DomainError } from "../errors";

/** Checks attribute values against the service definition (Open311 `attribute[CODE]`). */
export function validateAttributes(
  definitions: ServiceAttribute[],
  values: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const issues: ErrorIssue[] = [];
  const clean: Record<string, string | string[]> = {};
  const known = new Map(definitions.map((d) => [d.code, d]));
  for (const code of Object.keys(values)) {
    if (!known.has(code)) issues.push({ path: ["attributes", code], message: `Unknown attribute '${code}' for this service` });
  }
  for (const def of definitions) {
    const raw = values[def.code];
    const empty = raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (def.required) issues.push({ path: ["attributes", def.code], message: `Attribute '${def.code}' is required` });
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    const keys = new Set(def.values.map((v) => v.key));
    switch (def.datatype) {
      case "singlevaluelist":
        if (list.length !== 1 || !keys.has(list[0] ?? ""))
          issues.push({ path: ["attributes", def.code], message: `Choose one of: ${[...keys].join(", ")}` });
        else clean[def.code] = list[0] ?? "";
        break;
      case "multivaluelist":
        if (list.some((v) => !keys.has(v)))
          issues.push({ path: ["attributes", def.code], message: `Choose from: ${[...keys].join(", ")}` });
        else clean[def.code] = list;
        break;
      case "number":
        if (list.length !== 1 || !Number.isFinite(Number(list[0])))
          issues.push({ path: ["attributes", def.code], message: "Must be a number" });
        else clean[def.code] = String(Number(list[0]));
        break;
      case "datetime":
        if (list.length !== 1 || Number.isNaN(Date.parse(list[0] ?? "")))
          issues.push({ path: ["attributes", def.code], message: "Must be an ISO 8601 date-time" });
        else clean[def.code] = list[0] ?? "";
        break;
      case "string":
      case "text":
        if (list.length !== 1) issues.push({ path: ["attributes", def.code], message: "Must be a single value" });
        else clean[def.code] = list[0] ?? "";
        break;
    }
  }
  if (issues.length > 0) throw new DomainError("VALIDATION", issues[0]?.message ?? "Invalid attributes", { issues });
  return clean;
}
