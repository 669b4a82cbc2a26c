import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import type { AgentPresence } from "@baladiya/shared/kiosk-protocol";
import type { DocumentKind } from "@baladiya/shared/certificate";
import { createApiClient } from "../../trpc-client";
import { staffToken } from "../session";

const trpc = createApiClient(staffToken);

export const getAgent = () => trpc.staff.kiosk.me.query();
export const setPresence = (presence: AgentPresence) => trpc.staff.kiosk.setPresence.mutate({ presence });
export const acceptCall = (callId: string) => trpc.staff.kiosk.accept.mutate({ callId });
export const declineCall = (callId: string) => trpc.staff.kiosk.decline.mutate({ callId });
export const getCall = (callId: string) => trpc.staff.kiosk.getCall.query({ callId });
export const endCall = (callId: string) => trpc.staff.kiosk.end.mutate({ callId });

/** A document for the kiosk's screen travels as multipart: `document` JSON and the file as `file`. */
export function pushDocument(callId: string, file: File) {
  const form = new FormData();
  form.set("document", JSON.stringify({ callId }));
  form.append("file", file, file.name);
  return trpc.staff.kiosk.push.mutate(form);
}

export function uploadRecording(callId: string, startedAt: string, recording: Blob) {
  const form = new FormData();
  form.set("recording", JSON.stringify({ callId, startedAt }));
  form.append("file", recording, `call-${startedAt.replace(/[:.]/g, "-")}.webm`);
  return trpc.staff.kiosk.recording.mutate(form);
}

export interface ComplaintForVisitor {
  callId: string;
  serviceCode: string;
  location: { lat: number; lng: number };
  description: string;
  addressString?: string;
  documentIds: string[];
}
export const fileComplaint = (input: ComplaintForVisitor) => trpc.staff.kiosk.fileComplaint.mutate(input);

export interface CertificateForVisitor {
  callId: string;
  application: {
    property: { governorateCode: string; areaId: string; block: string; plot: string; planNumber: string };
    ownerCivilId: string;
    applicantCivilId: string;
    purpose: string;
    note?: string;
  };
  documents: { kind: DocumentKind; documentId: string }[];
}
export const fileCertificate = (input: CertificateForVisitor) =>
  trpc.staff.kiosk.fileCertificate.mutate(input as Parameters<typeof trpc.staff.kiosk.fileCertificate.mutate>[0]);

export const listKiosks = () => trpc.staff.admin.kiosks.list.query();
export const registerKiosk = (input: Parameters<typeof trpc.staff.admin.kiosks.register.mutate>[0]) =>
  trpc.staff.admin.kiosks.register.mutate(input);
export const revokeKiosk = (kioskId: string) => trpc.staff.admin.kiosks.revoke.mutate({ kioskId });
export const listAgents = () => trpc.staff.admin.kiosks.agents.query();
export const setAgentSkills = (staffId: string, skills: KioskService[]) =>
  trpc.staff.admin.kiosks.setAgent.mutate({ staffId, skills });

export type Agent = NonNullable<Awaited<ReturnType<typeof getAgent>>>;
export type StaffCall = Awaited<ReturnType<typeof getCall>>;
export type CallDocumentView = StaffCall["documents"][number];
export type CallResultView = StaffCall["results"][number];
export type Recording = StaffCall["recordings"][number];
export type KioskDeviceView = Awaited<ReturnType<typeof listKiosks>>[number];
export type AgentListItem = Awaited<ReturnType<typeof listAgents>>[number];
