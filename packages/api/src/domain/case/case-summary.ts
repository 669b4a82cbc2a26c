import type { CaseStatus, CaseSummary } from "@baladiya/shared/case";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { asc, eq, inArray } from "drizzle-orm";
import { attachments, caseEvents } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { ReferenceSnapshot } from "../reference/reference-cache";
import { isOverdue, mediaPath, type CaseRow } from "./public-view";

const SUMMARY_DESCRIPTION_CHARS = 280;

/** List lines for the given cases, in order: no personal data, the first report photo's thumbnail. */
export async function loadCaseSummaries(db: Db, ref: ReferenceSnapshot, rows: CaseRow[], now: Date): Promise<CaseSummary[]> {
  const ids = rows.map((r) => r.id);
  const thumbs = new Map<string, string>();
  if (ids.length > 0) {
    const photoRows = await db
      .select({ caseId: attachments.caseId, thumbKey: attachments.thumbKey, kind: caseEvents.kind })
      .from(attachments)
      .innerJoin(caseEvents, eq(caseEvents.id, attachments.eventId))
      .where(inArray(attachments.caseId, ids))
      .orderBy(asc(attachments.createdAt), asc(attachments.position));
    for (const p of photoRows) if (p.kind === "created" && !thumbs.has(p.caseId)) thumbs.set(p.caseId, mediaPath(p.thumbKey));
  }
  return rows.map((row) => {
    const governorate = ref.governorates.get(row.governorateCode);
    const description =
      row.description.length > SUMMARY_DESCRIPTION_CHARS
        ? `${row.description.slice(0, SUMMARY_DESCRIPTION_CHARS)}…`
        : row.description;
    return {
      trackingNumber: row.trackingNumber,
      serviceCode: row.serviceCode,
      serviceName: ref.services.get(row.serviceCode)?.name ?? { ar: row.serviceCode, en: row.serviceCode },
      status: row.status as CaseStatus,
      resolution: (row.resolution as CaseStatus | null) ?? null,
      description,
      location: { lat: row.lat, lng: row.lng },
      area: ref.areas.get(row.areaId)?.name ?? { ar: "", en: "" },
      governorate: {
        code: row.governorateCode as GovernorateCode,
        name: governorate?.name ?? { ar: row.governorateCode, en: row.governorateCode },
      },
      requestedAt: row.createdAt,
      updatedAt: row.updatedAt,
      dueAt: row.dueAt,
      overdue: isOverdue(row, now),
      supportsCount: row.supportsCount,
      thumbUrl: thumbs.get(row.id) ?? null,
    };
  });
}
