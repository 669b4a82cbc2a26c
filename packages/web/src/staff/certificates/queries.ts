import type {
  ApplyCertificateInput,
  CertificateDecisionInput,
  CertificateQueueInput,
  DocumentKind,
} from "@baladiya/shared/certificate";
import { createApiClient } from "../../trpc-client";
import { staffToken } from "../session";

const trpc = createApiClient(staffToken);

export const getCertificateQueue = (input: CertificateQueueInput) => trpc.staff.certificates.queue.query(input);
export const getApplication = (number: string) => trpc.staff.certificates.get.query({ number });
export const listInspectors = (number: string) => trpc.staff.certificates.inspectors.query({ number });
export const listCertificateAreas = (governorateCode: string) => trpc.certificates.areas.query({ governorateCode });

/** A decision; the inspector's violation photos make it multipart (`decision` JSON, files named `photo`). */
export function decide(input: CertificateDecisionInput, photos: Blob[] = []) {
  if (photos.length === 0) return trpc.staff.certificates.decide.mutate(input);
  const form = new FormData();
  form.set("decision", JSON.stringify(input));
  photos.forEach((photo, i) => form.append("photo", photo, `violation-${i + 1}.${photo.type === "image/png" ? "png" : "jpg"}`));
  return trpc.staff.certificates.decide.mutate(form);
}

/**
 * A clerk files an application for a walk-in resident: the resident's own procedure, called with
 * the staff session (the server files it as the clerk, for the clerk's branch only).
 */
export function fileApplication(input: ApplyCertificateInput, documents: { kind: DocumentKind; file: File }[]) {
  const form = new FormData();
  form.set("application", JSON.stringify(input));
  for (const d of documents) form.append(d.kind, d.file, d.file.name);
  return trpc.certificates.submit.mutate(form);
}

export type QueuePage = Awaited<ReturnType<typeof getCertificateQueue>>;
export type QueueItem = QueuePage["items"][number];
export type Application = Awaited<ReturnType<typeof getApplication>>;
export type Inspector = Awaited<ReturnType<typeof listInspectors>>[number];
export type CertificateArea = Awaited<ReturnType<typeof listCertificateAreas>>[number];
export type FiledApplication = Awaited<ReturnType<typeof fileApplication>>;
