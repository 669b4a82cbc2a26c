import type { ApplyCertificateInput, ResubmitInput } from "@baladiya/shared/certificate";
import { createApiClient } from "../trpc-client";
import { sessionToken } from "../session";

const trpc = createApiClient(sessionToken);

/** The application's JSON and one file per document, named by its kind (the multipart the server reads). */
function formOf(field: string, input: unknown, files: { kind: string; file: File }[]): FormData {
  const form = new FormData();
  form.set(field, JSON.stringify(input));
  for (const f of files) form.append(f.kind, f.file, f.file.name);
  return form;
}

export const applyForCertificate = (input: ApplyCertificateInput, files: { kind: string; file: File }[]) =>
  trpc.certificates.submit.mutate(formOf("application", input, files));
export const trackApplication = (number: string, token?: string) =>
  trpc.certificates.track.query(token ? { number, token } : { number });
export const resubmit = (input: ResubmitInput, files: { kind: string; file: File }[]) =>
  trpc.certificates.resubmit.mutate(formOf("resubmission", input, files));
export const myApplications = () => trpc.certificates.mine.query();
export const listAreas = (governorateCode: string) => trpc.certificates.areas.query({ governorateCode });
export const verifyCertificate = (number: string) => trpc.certificates.verify.query({ number });

export type Application = Awaited<ReturnType<typeof trackApplication>>;
export type Verification = Awaited<ReturnType<typeof verifyCertificate>>;
