import { EXTENDED_STATUS, open311Status, type CaseStatus, type PublicCase, type TimelineEntry } from "@baladiya/shared/case";
import type { GovernorateCode } from "@baladiya/shared/geo";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { and, asc, eq, inArray } from "drizzle-orm";
import { attachments, caseEvents, cases } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { ReferenceSnapshot } from "../reference/reference-cache";

export type CaseRow = typeof cases.$inferSelect;

const ACTOR_LABELS: Record<string, LocalizedText> = {
  citizen: { ar: "المُبلِّغ", en: "Reporter" },
  public: { ar: "زائر", en: "Visitor" },
  api_client: { ar: "تطبيق شريك", en: "Partner app" },
  system: { ar: "النظام", en: "System" },
  staff: { ar: "موظف البلدية", en: "Municipality staff" },
};

export function actorLabel(kind: string): LocalizedText {
  return ACTOR_LABELS[kind] ?? { ar: "البلدية", en: "Municipality" };
}

export const mediaPath = (key: string) => `/media/${key}`;

export function isOverdue(row: Pick<CaseRow, "isOpen" | "dueAt">, now: Date): boolean {
  return row.isOpen && Date.parse(row.dueAt) < now.getTime();
}

/** The public timeline and photos of the given cases, in order. */
export async function loadPublicDetails(db: Db, caseIds: string[]) {
  if (caseIds.length === 0)
    return { events: new Map<string, TimelineEntry[]>(), photos: new Map<string, PublicCase["photos"]>() };
  const [eventRows, photoRows] = await Promise.all([
    db
      .select()
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.isPublic, true)))
      .orderBy(asc(caseEvents.createdAt), asc(caseEvents.id)),
    db
      .select({
        caseId: attachments.caseId,
        eventId: attachments.eventId,
        publicKey: attachments.publicKey,
        thumbKey: attachments.thumbKey,
        width: attachments.width,
        height: attachments.height,
      })
      .from(attachments)
      .where(inArray(attachments.caseId, caseIds))
      .orderBy(asc(attachments.createdAt), asc(attachments.position)),
  ]);
  // Report photos belong to the case; photos added later (an after-photo, more from the resident)
  // belong to the step that brought them.
  const firstEvent = new Map<string, string>();
  for (const e of eventRows) if (e.kind === "created") firstEvent.set(e.caseId, e.id);
  const photos = new Map<string, PublicCase["photos"]>();
  const stepPhotos = new Map<string, PublicCase["photos"]>();
  for (const p of photoRows) {
    const photo = { url: mediaPath(p.publicKey), thumbUrl: mediaPath(p.thumbKey), width: p.width, height: p.height };
    const onStep = p.eventId !== null && p.eventId !== firstEvent.get(p.caseId);
    const map = onStep ? stepPhotos : photos;
    const key = onStep ? (p.eventId as string) : p.caseId;
    const list = map.get(key) ?? [];
    list.push(photo);
    map.set(key, list);
  }
  const events = new Map<string, TimelineEntry[]>();
  for (const e of eventRows) {
    const list = events.get(e.caseId) ?? [];
    list.push({
      id: e.id,
      kind: e.kind as TimelineEntry["kind"],
      status: (e.status as CaseStatus | null) ?? null,
      text: e.text ? (JSON.parse(e.text) as LocalizedText) : null,
      note: e.note,
      at: e.createdAt,
      actor: actorLabel(e.actorKind),
      photos: stepPhotos.get(e.id) ?? [],
    });
    events.set(e.caseId, list);
  }
  return { events, photos };
}

export function toPublicCase(
  row: CaseRow,
  ref: ReferenceSnapshot,
  details: { timeline: TimelineEntry[]; photos: PublicCase["photos"] },
  now: Date,
): PublicCase {
  const status = row.status as CaseStatus;
  const governorate = ref.governorates.get(row.governorateCode);
  return {
    trackingNumber: row.trackingNumber,
    serviceCode: row.serviceCode,
    serviceName: ref.services.get(row.serviceCode)?.name ?? { ar: row.serviceCode, en: row.serviceCode },
    status,
    resolution: (row.resolution as CaseStatus | null) ?? null,
    open311Status: open311Status(status),
    extendedStatus: EXTENDED_STATUS[status],
    description: row.description,
    location: { lat: row.lat, lng: row.lng },
    addressString: row.addressString,
    area: ref.areas.get(row.areaId)?.name ?? { ar: "", en: "" },
    governorate: {
      code: row.governorateCode as GovernorateCode,
      name: governorate?.name ?? { ar: row.governorateCode, en: row.governorateCode },
    },
    department: ref.departments.get(row.departmentId)?.name ?? { ar: "", en: "" },
    requestedAt: row.createdAt,
    updatedAt: row.updatedAt,
    dueAt: row.dueAt,
    overdue: isOverdue(row, now),
    supportsCount: row.supportsCount,
    photos: details.photos,
    timeline: details.timeline,
  };
}

export async function loadPublicCases(db: Db, ref: ReferenceSnapshot, rows: CaseRow[], now: Date): Promise<PublicCase[]> {
  const { events, photos } = await loadPublicDetails(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toPublicCase(r, ref, { timeline: events.get(r.id) ?? [], photos: photos.get(r.id) ?? [] }, now));
}

export async function findCaseByTrackingNumber(db: Db, trackingNumber: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.trackingNumber, trackingNumber));
  return row;
}
