import {
  LookupCaseInput,
  NearbyCase,
  NearbyInput,
  PublicCase,
  SubmitReportInput,
  SubmitReportResult,
  SupportCaseInput,
  TrackingNumber,
  LocateResult,
} from "@baladiya/shared/case";
import { LatLng } from "@baladiya/shared/geo";
import { PublicService } from "@baladiya/shared/service";
import { z } from "zod";
import { findNearbyCases } from "../domain/case/find-nearby-cases";
import { getPublicCase } from "../domain/case/get-public-case";
import { lookupCase } from "../domain/case/lookup-case";
import { submitReport } from "../domain/case/submit-report";
import { supportCase } from "../domain/case/support-case";
import { DomainError } from "../domain/errors";
import { locatePoint } from "../domain/geo/locate-point";
import { listServices } from "../domain/service/list-services";
import { procedure, router } from "./init";

const ReporterCaseView = PublicCase.extend({
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
});

/** Photos travel as multipart: a `report` field holding the JSON input, and `photos` files. */
const SubmitWithPhotosInput = z.instanceof(FormData);

async function fromFormData(form: FormData): Promise<{ input: unknown; photos: { bytes: Uint8Array; name: string }[] }> {
  const raw = form.get("report");
  if (typeof raw !== "string") throw new DomainError("VALIDATION", "The multipart field 'report' (JSON) is required");
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    throw new DomainError("VALIDATION", "The field 'report' is not valid JSON");
  }
  const photos = [];
  for (const entry of form.getAll("photos")) {
    if (typeof entry === "string") throw new DomainError("VALIDATION", "'photos' must be files");
    photos.push({ bytes: new Uint8Array(await entry.arrayBuffer()), name: entry.name });
  }
  return { input, photos };
}

export const appRouter = router({
  services: router({
    list: procedure.output(z.array(PublicService)).query(({ ctx }) => listServices({ ctx: ctx.ctx })),
  }),
  geo: router({
    locate: procedure
      .input(LatLng)
      .output(LocateResult)
      .query(({ ctx, input }) => locatePoint({ ctx: ctx.ctx, input })),
  }),
  cases: router({
    submit: procedure
      .input(SubmitReportInput)
      .output(SubmitReportResult)
      .mutation(({ ctx, input }) => submitReport({ ctx: ctx.ctx, input })),
    submitWithPhotos: procedure
      .input(SubmitWithPhotosInput)
      .output(SubmitReportResult)
      .mutation(async ({ ctx, input }) => submitReport({ ctx: ctx.ctx, ...(await fromFormData(input)) })),
    lookup: procedure
      .input(LookupCaseInput)
      .output(ReporterCaseView)
      .query(({ ctx, input }) => lookupCase({ ctx: ctx.ctx, input })),
    get: procedure
      .input(z.object({ trackingNumber: TrackingNumber }))
      .output(PublicCase)
      .query(({ ctx, input }) => getPublicCase({ ctx: ctx.ctx, input })),
    nearby: procedure
      .input(NearbyInput)
      .output(z.array(NearbyCase))
      .query(({ ctx, input }) => findNearbyCases({ ctx: ctx.ctx, input })),
    support: procedure
      .input(SupportCaseInput)
      .output(z.object({ trackingNumber: z.string(), supportsCount: z.number() }))
      .mutation(({ ctx, input }) => supportCase({ ctx: ctx.ctx, input })),
  }),
});

export type AppRouter = typeof appRouter;
