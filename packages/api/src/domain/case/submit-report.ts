import { SubmitReportInput, type SubmitReport, type SubmitReportResult } from "@baladiya/shared/case";
import { and, eq } from "drizzle-orm";
import { attachments, idempotencyKeys } from "../../db/schema";
import type { Db } from "../../ports/store";
import { actorId, type Ctx } from "../context";
import { canonicalJson } from "../crypto";
import { DomainError, parseInput } from "../errors";
import { geoCell } from "../geo/geo-cell";
import { checkPhotos, removeBlobs, storePhotos, type PhotoUpload } from "../media/store-photos";
import { assertCan } from "../permissions";
import { addWorkingHours } from "../calendar/working-calendar";
import { announceChange } from "./announce-change";
import { DUPLICATE_RADIUS_METRES, DUPLICATE_WINDOW_DAYS, findOpenCasesNear } from "./nearby-query";
import { intakeStatements } from "./intake-statements";
import { nextTrackingNumber } from "./tracking-number";
import { runTogether } from "../run-together";
import { validateAttributes } from "./validate-attributes";

/** A report an employee files at a kiosk for the resident standing there. */
export interface FiledFor {
  citizenId: string;
  kioskId: string;
  /** Where the kiosk stands, for the timeline: "filed at the kiosk in …". */
  place: { ar: string; en: string };
  alsoWrite: (db: Db, result: { caseId: string; trackingNumber: string; at: string }) => Promise<void>;
}

function idempotencyScope(ctx: Ctx): string {
  return ctx.actor.kind === "api_client" ? `api:${ctx.actor.apiKeyId}` : `case.submit:${ctx.actor.kind}`;
}

async function replayed(ctx: Ctx, db: Db, scope: string, key: string, requestHash: string): Promise<SubmitReportResult | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new DomainError("IDEMPOTENCY_CONFLICT", "This idempotency key was already used with a different request");
  }
  const first = JSON.parse(row.response) as SubmitReportResult;
  // The stored answer has no token; it is derived again from the case id.
  return first.outcome === "created" ? { ...first, token: await ctx.deps.tokens.tokenFor(first.caseId) } : first;
}

/**
 * Intake: locate the report, route it to the department of its governorate branch, look for likely
 * duplicates, assign it to the least-loaded specialist and issue a tracking number and a secret
 * follow-up token. The case, its first public events, the audit row and the outbox rows commit
 * together; a retried submission with the same idempotency key returns the first result.
 */
export async function submitReport({
  ctx,
  input,
  photos = [],
  filedFor,
}: {
  ctx: Ctx;
  input: unknown;
  photos?: PhotoUpload[];
  /** An employee files it for a resident at a kiosk; `alsoWrite` commits with the case. */
  filedFor?: FiledFor;
}): Promise<SubmitReportResult> {
  assertCan(ctx.actor, filedFor ? "kiosk.serve" : "case.submit");
  const report: SubmitReport = parseInput(SubmitReportInput, input);
  const { deps } = ctx;
  const ref = await deps.reference.get();

  const service = ref.services.get(report.serviceCode);
  if (!service?.active) throw new DomainError("UNKNOWN_SERVICE", `Unknown service code '${report.serviceCode}'`);
  const attributes = validateAttributes(service.attributes, report.attributes);

  const area = ref.areaIndex.locate(report.location);
  if (!area) {
    throw new DomainError("OUTSIDE_KUWAIT", "The location is not inside any municipal area of Kuwait", {
      issues: [{ path: ["location"], message: "Outside Kuwait's municipal areas" }],
    });
  }
  const governorate = ref.governorates.get(area.governorateCode);
  const department = ref.departmentFor(area.governorateCode, service.departmentKind);
  if (!governorate || !department) {
    throw new Error(`No ${service.departmentKind} department configured for ${area.governorateCode}`);
  }

  const checked = await checkPhotos(deps.hasher, photos);
  const scope = idempotencyScope(ctx);
  const requestHash = report.idempotencyKey
    ? await deps.hasher.sha256Hex(
        canonicalJson({ report: { ...report, idempotencyKey: null }, photos: checked.map((p) => p.sha256) }),
      )
    : "";
  if (report.idempotencyKey) {
    const first = await deps.store.read((db) => replayed(ctx, db, scope, report.idempotencyKey ?? "", requestHash));
    if (first) return first;
  }

  const now = deps.clock.now();
  const { stored, createdKeys } = await storePhotos(deps.hasher, deps.blobs, deps.images, checked);
  // Made before the transaction: the token is an HMAC of the case id, and nothing awaits a hash inside it.
  const caseId = deps.ids.uuid();
  const token = await deps.tokens.tokenFor(caseId);
  const tokenHash = await deps.hasher.sha256Hex(token);
  try {
    const result = await deps.store.write(async (db): Promise<SubmitReportResult> => {
      if (report.idempotencyKey) {
        // A concurrent retry may have committed since the check above.
        const first = await replayed(ctx, db, scope, report.idempotencyKey, requestHash);
        if (first) return first;
      }
      // Inside the transaction, so two reports of the same thing at once cannot both miss each other.
      const possibleDuplicates = await findOpenCasesNear(db, ref, {
        point: report.location,
        radiusMetres: DUPLICATE_RADIUS_METRES,
        serviceCode: service.code,
        since: new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000),
        limit: 5,
      });
      if (possibleDuplicates.length > 0 && report.duplicatePolicy === "ask") {
        return { outcome: "possible_duplicates", possibleDuplicates } satisfies SubmitReportResult;
      }
      const at = now.toISOString();
      const st = intakeStatements(db);
      const [trackingNumber, assignee] = await runTogether(
        db,
        () => nextTrackingNumber(db, governorate.code, governorate.prefix, now, ctx.deps.numbering),
        () => st.pickAssignee.get({ governorateCode: governorate.code, serviceCode: service.code }),
      );
      const assigneeId = assignee?.id ?? null;
      const status = assigneeId ? "assigned" : "new";
      // The response target runs on Kuwait's working calendar (no weekends, no public holidays).
      const dueAt = addWorkingHours(now, service.responseHours, ref.calendar).toISOString();
      const row = {
        id: caseId,
        trackingNumber,
        governorateCode: governorate.code,
        areaId: area.id,
        departmentId: department.id,
        serviceCode: service.code,
        status,
        isOpen: true,
        description: report.description,
        lat: report.location.lat,
        lng: report.location.lng,
        geoCell: geoCell(report.location),
        addressString: report.addressString ?? null,
        addressId: report.addressId ?? null,
        attributes: JSON.stringify(attributes),
        mediaUrl: report.mediaUrl ?? null,
        reporterName: report.reporter.name ?? null,
        reporterPhone: report.reporter.phone ?? null,
        reporterEmail: report.reporter.email ?? null,
        reporterCivilId: report.reporter.civilId ?? null,
        tokenHash,
        requestToken: deps.ids.uuid(),
        source: filedFor ? "kiosk" : ctx.actor.kind === "api_client" ? "open311" : "app",
        apiKeyId: ctx.actor.kind === "api_client" ? ctx.actor.apiKeyId : null,
        assignedStaffId: assigneeId,
        priority: service.priority,
        dueAt,
        citizenId: filedFor ? filedFor.citizenId : ctx.actor.kind === "citizen" ? (ctx.actor.citizenId ?? null) : null,
        locale: report.locale,
        createdAt: at,
        updatedAt: at,
      };
      const events = [
        {
          id: deps.ids.uuid(),
          caseId,
          kind: "created",
          status: "new",
          text: JSON.stringify(
            filedFor
              ? {
                  ar: `قدّم موظف البلدية البلاغ نيابةً عن المواطن في جهاز الخدمة الذاتية (${filedFor.place.ar})، وأُحيل إلى ${department.name.ar} - بلدية ${governorate.name.ar}`,
                  en: `Filed for the resident by a municipal employee at the self-service kiosk (${filedFor.place.en}); routed to ${department.name.en}, ${governorate.name.en} branch`,
                }
              : {
                  ar: `استُلم البلاغ وأُحيل إلى ${department.name.ar} - بلدية ${governorate.name.ar}`,
                  en: `Report received and routed to ${department.name.en}, ${governorate.name.en} branch`,
                },
          ),
          note: null,
          isPublic: true,
          actorKind: ctx.actor.kind,
          actorId: actorId(ctx.actor),
          createdAt: at,
        },
      ];
      if (assigneeId) {
        events.push({
          id: deps.ids.uuid(),
          caseId,
          kind: "assigned",
          status: "assigned",
          text: JSON.stringify({ ar: "أُسند البلاغ إلى موظف مختص", en: "Assigned to a specialist officer" }),
          note: null,
          isPublic: true,
          actorKind: "system",
          actorId: "auto-assignment",
          createdAt: at,
        });
      }
      const photoRows = stored.map((p, position) => ({
        id: deps.ids.uuid(),
        caseId,
        eventId: events[0]?.id ?? null,
        position,
        createdAt: at,
        ...p,
      }));
      const audit = {
        id: deps.ids.uuid(),
        actorKind: ctx.actor.kind,
        actorId: actorId(ctx.actor),
        action: "case.submit",
        subjectType: "case",
        subjectId: caseId,
        before: null,
        after: JSON.stringify({
          ...row,
          tokenHash: undefined,
          photos: stored.map((p) => p.originalSha256),
          ...(filedFor ? { filedFor: { citizenId: filedFor.citizenId, kioskId: filedFor.kioskId } } : {}),
        }),
        createdAt: at,
      };
      const message = {
        id: deps.ids.uuid(),
        topic: "case.created",
        payload: JSON.stringify({
          caseId,
          trackingNumber,
          assigneeId,
          notifyReporter: Boolean(row.reporterPhone || row.reporterEmail),
        }),
        createdAt: at,
      };
      // None of these needs another's result: over HTTP they go to the database in one round trip.
      await runTogether(
        db,
        () => st.insertCase.run(row),
        () => (assigneeId ? st.adjustStaffLoad.run({ staffId: assigneeId, delta: 1 }) : null),
        ...events.map((event) => () => st.insertEvent.run(event)),
        () => (photoRows.length > 0 ? db.insert(attachments).values(photoRows).run() : null),
        () => st.insertAudit.run(audit),
        () => st.insertOutbox.run(message),
      );
      const result: SubmitReportResult = {
        outcome: "created",
        caseId,
        trackingNumber,
        token,
        status,
        governorate: governorate.code,
        area: { ar: area.nameAr, en: area.nameEn },
        department: department.name,
        assigned: assigneeId !== null,
        dueAt,
        photos: stored.length,
        possibleDuplicates,
      };
      if (filedFor) await filedFor.alsoWrite(db, { caseId, trackingNumber, at });
      if (report.idempotencyKey) {
        await st.insertIdempotency.run({
          scope,
          key: report.idempotencyKey,
          requestHash,
          response: JSON.stringify({ ...result, token: "" }),
          createdAt: at,
        });
      }
      return result;
    });
    if (result.outcome !== "created") await removeBlobs(deps.blobs, createdKeys);
    else
      announceChange(ctx, [
        {
          trackingNumber: result.trackingNumber,
          governorateCode: result.governorate,
          status: result.status,
          updatedAt: now.toISOString(),
        },
      ]);
    return result;
  } catch (error) {
    await removeBlobs(deps.blobs, createdKeys).catch((cause: unknown) =>
      deps.log.error("could not remove blobs of a failed intake", { keys: createdKeys, cause: String(cause) }),
    );
    throw error;
  }
}
