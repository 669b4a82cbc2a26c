import type { CertificatePurpose, DocumentKind } from "@baladiya/shared/certificate";
import type { GovernorateCode } from "@baladiya/shared/geo";

/*
 * The same lists, limits and patterns as @baladiya/shared/certificate (REQUIRED_DOCUMENTS,
 * DOCUMENT_MAX_BYTES, PropertyRef, ApplyCertificateInput…): a value imported from there would put
 * Zod in the resident's bundle. tests/web/certificate-resident.test.ts checks that they agree.
 */

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "title_deed",
  "owner_civil_id",
  "building_licence",
  "power_of_attorney",
  "other",
];
export const REQUIRED_DOCUMENTS: readonly DocumentKind[] = ["title_deed", "owner_civil_id"];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MAX_COUNT = 10;
export const DOCUMENT_TYPES: readonly string[] = ["application/pdf", "image/jpeg", "image/png", "image/webp"];
export const DOCUMENT_ACCEPT = DOCUMENT_TYPES.join(",");

export const GOVERNORATES: readonly GovernorateCode[] = ["KW-KU", "KW-HA", "KW-FA", "KW-MU", "KW-AH", "KW-JA"];
export const PURPOSES: readonly CertificatePurpose[] = ["sale", "mortgage", "gift", "inheritance", "other"];

export const BLOCK_PATTERN = /^\d{1,3}$/;
export const PLOT_PATTERN = /^\d{1,4}[A-Za-z]?$/;
export const PLAN_PATTERN = /^[A-Za-z\u0621-\u064A]{0,3}[/-]?\d{1,6}$/;
export const PHONE_PATTERN = /^\+?965\d{8}$|^\d{8}$/;
export const NOTE_MAX = 1000;
export const APPLICATION_NUMBER = /^PD-[A-Z]{2}-\d{4}-\d{6}$/;
export const CERTIFICATE_NUMBER = /^DC-[A-Z]{2}-\d{4}-\d{6}$/;
