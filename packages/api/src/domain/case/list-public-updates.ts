import { EXTENDED_STATUS, type CaseStatus } from "@baladiya/shared/case";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { attachments, caseEvents, cases } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";
import { mediaPath } from "./public-view";

export interface PublicUpdate {
  updateId: string;
  trackingNumber: string;
  status: string;
  updatedAt: string;
  description: LocalizedText;
  mediaUrl: string | null;
}

export const UPDATES_MAX_DAYS = 90;
export const UPDATES_MAX_RESULTS = 1000;

/** mySociety's `GET servicerequestupdates`: the public timeline, with extended statuses. */
export async function listPublicUpdates({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { start?: Date; end?: Date; trackingNumbers?: string[] };
}): Promise<PublicUpdate[]> {
  assertCan(ctx.actor, "case.read_public");
  const end = input.end ?? ctx.deps.clock.now();
  const start = input.start ?? new Date(end.getTime() - 86_400_000);
  if (start > end) throw new DomainError("VALIDATION", "start_date is after end_date");
  if (end.getTime() - start.getTime() > UPDATES_MAX_DAYS * 86_400_000) {
    throw new DomainError("VALIDATION", `start_date and end_date may be at most ${UPDATES_MAX_DAYS} days apart`);
  }
  return ctx.deps.store.read(async (db) => {
    const rows = await db
      .select({ event: caseEvents, trackingNumber: cases.trackingNumber, caseStatus: cases.status })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(
        and(
          eq(caseEvents.isPublic, true),
          gte(caseEvents.createdAt, start.toISOString()),
          lte(caseEvents.createdAt, end.toISOString()),
          input.trackingNumbers?.length ? inArray(cases.trackingNumber, input.trackingNumbers) : undefined,
        ),
      )
      .orderBy(asc(caseEvents.createdAt), asc(caseEvents.id))
      .limit(UPDATES_MAX_RESULTS);
    const eventIds = rows.map((r) => r.event.id);
    const media = eventIds.length
      ? await db
          .select({ eventId: attachments.eventId, key: attachments.publicKey })
          .from(attachments)
          .where(inArray(attachments.eventId, eventIds))
          .orderBy(asc(attachments.position))
      : [];
    const firstMedia = new Map<string, string>();
    for (const m of media) if (m.eventId && !firstMedia.has(m.eventId)) firstMedia.set(m.eventId, mediaPath(m.key));
    return rows.map(({ event, trackingNumber, caseStatus }) => ({
      updateId: event.id,
      trackingNumber,
      status: EXTENDED_STATUS[(event.status ?? caseStatus) as CaseStatus] ?? "IN_PROGRESS",
      updatedAt: event.createdAt,
      description: event.text ? (JSON.parse(event.text) as LocalizedText) : { ar: event.note ?? "", en: event.note ?? "" },
      mediaUrl: firstMedia.get(event.id) ?? null,
    }));
  });
}
