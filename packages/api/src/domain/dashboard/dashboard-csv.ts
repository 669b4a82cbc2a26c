import type { DashboardRow } from "@baladiya/shared/staff";

const HEADERS = [
  "id",
  "name_ar",
  "name_en",
  "governorate",
  "open_load",
  "overdue",
  "received",
  "resolved",
  "median_hours_to_acknowledge",
  "median_hours_to_resolve",
  "reopen_rate",
  "average_rating",
  "ratings",
];

const cell = (v: string | number | null) => {
  if (v === null) return "";
  const s = String(v);
  // Quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs show the Arabic names right. */
export function dashboardCsv(rows: DashboardRow[]): string {
  const lines = rows.map((r) =>
    [
      r.id,
      r.name.ar,
      r.name.en,
      r.governorateCode,
      r.openLoad,
      r.overdue,
      r.received,
      r.resolved,
      r.medianHoursToAcknowledge,
      r.medianHoursToResolve,
      r.reopenRate,
      r.averageRating,
      r.ratings,
    ]
      .map(cell)
      .join(","),
  );
  return `\uFEFF${[HEADERS.join(","), ...lines].join("\r\n")}\r\n`;
}
