import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";
import type { LookupCaseInput, SubmitReportInput, SubmitReportResult } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";

const url = "/trpc";

/** Multipart bodies (reports with photos) cannot be batched; everything else is. */
const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => isNonJsonSerializable(op.input),
      true: httpLink({ url }),
      // POST for queries too: the follow-up token must not travel in a URL.
      false: httpBatchLink({ url, methodOverride: "POST" }),
    }),
  ],
});

export const listServices = () => trpc.services.list.query();

export const locatePoint = (point: LatLng) => trpc.geo.locate.query(point);

export function submitReport(input: SubmitReportInput, photos: Blob[]): Promise<SubmitReportResult> {
  if (photos.length === 0) return trpc.cases.submit.mutate(input);
  const form = new FormData();
  form.set("report", JSON.stringify(input));
  photos.forEach((photo, i) => form.append("photos", photo, `photo-${i + 1}.${photo.type === "image/png" ? "png" : "jpg"}`));
  return trpc.cases.submitWithPhotos.mutate(form);
}

export const lookupCase = (input: LookupCaseInput) => trpc.cases.lookup.query(input);

export const supportCase = (trackingNumber: string, idempotencyKey: string) =>
  trpc.cases.support.mutate({ trackingNumber, idempotencyKey });

export type Service = Awaited<ReturnType<typeof listServices>>[number];
export type CaseView = Awaited<ReturnType<typeof lookupCase>>;
