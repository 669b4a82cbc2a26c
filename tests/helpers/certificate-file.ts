import { contentJson, entryText } from "@baladiya/api/domain/ledger/ledger-entry";
import {
  CERTIFICATE_WORKFLOW,
  type CertificateAction,
  type CertificatePurpose,
  type CertificateState,
  type PropertyDescription,
} from "@baladiya/shared/certificate";
import {
  canonicalJson,
  documentContentHash,
  GENESIS,
  sha256Hex,
  signingKeyId,
  signStep,
  stepPayloadText,
  type CertificateDocumentData,
  type CertificateFile,
  type CertificateStage,
  type StepPayload,
} from "@baladiya/shared/certificate-seal";
import { isValidCivilId } from "@baladiya/shared/civil-id";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { saltedContentHash } from "@baladiya/shared/ledger-check";
import { generateKeyPair, signCheckpoint, verifierKey, type KeyPair } from "@baladiya/shared/ledger/checkpoint";
import { bytesToHex, utf8ToBytes } from "@baladiya/shared/ledger/encoding";
import { inclusionProof, leafHash, rootOf } from "@baladiya/shared/ledger/merkle";

/**
 * A complete, genuinely sealed certificate file without a server: five stages signed by five
 * employees' Ed25519 keys and chained, a realistic Arabic description with violations, and the
 * content hash recorded as an audit row's ledger leaf, proven under a checkpoint signed by a log key.
 */

export interface StageKey {
  /** The stage this key signed. */
  seq: number;
  role: string;
  staffId: string;
  name: LocalizedText;
  secretKey: Uint8Array;
  publicKey: string;
  keyId: string;
}

export interface LogKey extends KeyPair {
  origin: string;
}

export interface CertificateFileFixture {
  file: CertificateFile;
  /** The log's verifier key (C2SP vkey) to pin when checking. */
  logVerifierKey: string;
  logKey: LogKey;
  /** The employees who signed, in the order of the stages (the applicant signs nothing). */
  stageKeys: StageKey[];
}

/** A valid Civil ID for a birth date (YYMMDD, 1900s): the first serial from `serial` with a check digit. */
export function civilIdFor(birth: string, serial: number): string {
  for (let s = serial; s < serial + 100; s++) {
    const body = `2${birth}${String(s % 10000).padStart(4, "0")}`;
    for (let k = 0; k <= 9; k++) if (isValidCivilId(`${body}${k}`)) return `${body}${k}`;
  }
  throw new Error(`No valid Civil ID for ${birth}`);
}

export const FIXTURE_DESCRIPTION: PropertyDescription = {
  landAreaM2: 750,
  builtAreaM2: 1312.5,
  floors: 3,
  units: 4,
  use: "private_residential",
  matchesLicence: false,
  licenceNote: "الدور الثالث والملحق العلوي غير واردين في رخصة البناء رقم 2019/4471، وباقي المبنى مطابق.",
  violations: [
    { code: "extra_floor", note: "دور ثالث بمساحة 210 م² غير مرخّص" },
    { code: "annex", note: "ملحق على السطح بمساحة 38 م² مع غرفة حارس" },
    { code: "setback", note: "تجاوز الارتداد الأمامي بمقدار 1.5 م على شارع 12" },
  ],
};

export interface MakeCertificateFileOptions {
  number?: string;
  applicationNumber?: string;
  applicationId?: string;
  publicUrl?: string;
  ownerCivilId?: string;
  applicantCivilId?: string;
  purpose?: CertificatePurpose;
  description?: PropertyDescription;
  /** When the Ministry registered it (the last stage); earlier stages are days before. */
  issuedAt?: string;
  validDays?: number;
  /** The steps taken, in order (default: five signed stages, DEFAULT_STAGES). */
  stages?: readonly StagePlan[];
  /** Changes what a stage signs (after its chain link is set): to build broken chains. */
  tamperPayload?: (payload: StepPayload, index: number) => StepPayload;
  /** Leaves in the log before and after the certificate's own. */
  ledgerBefore?: number;
  ledgerAfter?: number;
  origin?: string;
  /** A log key to sign the checkpoint with (default: a fresh one). */
  logKey?: LogKey;
}

export interface StagePlan {
  action: CertificateAction;
  /** A staff role, or "applicant" for the resident's own (unsigned) step. */
  role: string;
  name: LocalizedText | null;
  daysBefore: number;
  data: (description: PropertyDescription) => Record<string, unknown>;
  reason?: string;
}

/** Intake, a reassignment, the inspector's description, the Survey audit and the Ministry's registration. */
export const DEFAULT_STAGES: readonly StagePlan[] = [
  {
    action: "accept_documents",
    role: "clerk",
    name: { ar: "نورة سالم العتيبي", en: "Noura Salem Al-Otaibi" },
    daysBefore: 6,
    data: () => ({ documents: ["title_deed", "owner_civil_id", "building_licence"] }),
  },
  {
    action: "reassign",
    role: "supervisor",
    name: { ar: "خالد عبدالله الرشيدي", en: "Khaled Abdullah Al-Rashidi" },
    daysBefore: 5,
    reason: "إعادة توزيع الطلبات بين المراقبين",
    data: () => ({ assigneeId: "staff-inspector-07" }),
  },
  {
    action: "submit_description",
    role: "inspector",
    name: { ar: "فهد ناصر المطيري", en: "Fahad Nasser Al-Mutairi" },
    daysBefore: 3,
    data: (description) => ({ description }),
  },
  {
    action: "approve_survey",
    role: "survey_auditor",
    name: { ar: "مريم يوسف الكندري", en: "Maryam Yousef Al-Kandari" },
    daysBefore: 1,
    data: () => ({}),
  },
  {
    action: "register",
    role: "moj_registrar",
    name: { ar: "عبدالعزيز فيصل الصباح", en: "Abdulaziz Faisal Al-Sabah" },
    daysBefore: 0,
    data: () => ({}),
  },
];

/** Documents returned to the applicant and resubmitted (an unsigned step) before the usual path. */
export const RESUBMITTED_STAGES: readonly StagePlan[] = [
  {
    action: "return_documents",
    role: "clerk",
    name: { ar: "نورة سالم العتيبي", en: "Noura Salem Al-Otaibi" },
    daysBefore: 9,
    reason: "صورة وثيقة الملكية غير واضحة",
    data: () => ({}),
  },
  { action: "resubmit", role: "applicant", name: null, daysBefore: 8, data: () => ({ documents: ["title_deed"] }) },
  ...DEFAULT_STAGES.filter((s) => s.action !== "reassign"),
];

const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
const uuid = (n: number) => `0199a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, "0")}`;

export function makeCertificateFile(options: MakeCertificateFileOptions = {}): CertificateFileFixture {
  const number = options.number ?? "DC-HA-2026-000001";
  const applicationNumber = options.applicationNumber ?? "PD-HA-2026-000123";
  const applicationId = options.applicationId ?? uuid(123);
  const issuedAt = options.issuedAt ?? "2026-03-02T07:15:00.000Z";
  const description = options.description ?? FIXTURE_DESCRIPTION;

  const plan = options.stages ?? DEFAULT_STAGES;
  const stageKeys: StageKey[] = [];
  let state: CertificateState = "intake";
  let prev = GENESIS;
  const stages: CertificateStage[] = plan.map((step, i) => {
    const seq = i + 1;
    // Employees' step keys are Ed25519 like the log's; the applicant signs nothing.
    const signer = step.role === "applicant" ? null : generateKeyPair();
    const publicKey = signer ? bytesToHex(signer.publicKey) : null;
    const keyId = publicKey ? signingKeyId(publicKey) : null;
    const actor = signer ? uuid(900 + seq) : "citizen";
    if (signer && publicKey && keyId)
      stageKeys.push({ seq, role: step.role, staffId: actor, name: step.name!, secretKey: signer.secretKey, publicKey, keyId });
    const from = state;
    const to = CERTIFICATE_WORKFLOW.actions[step.action].to ?? from;
    state = to;
    let payload: StepPayload = {
      v: 1,
      application: applicationId,
      number: applicationNumber,
      workflow: `${CERTIFICATE_WORKFLOW.id}@${CERTIFICATE_WORKFLOW.version}`,
      seq,
      action: step.action,
      from,
      to,
      actor,
      role: step.role,
      key: keyId ?? "",
      at: step.daysBefore === 0 ? issuedAt : hours(issuedAt, -24 * step.daysBefore + i),
      data: sha256Hex(canonicalJson({ reason: step.reason ?? null, ...step.data(description) })),
      prev,
    };
    if (options.tamperPayload) payload = options.tamperPayload(payload, i);
    const text = stepPayloadText(payload);
    prev = sha256Hex(text);
    return {
      seq: payload.seq,
      action: step.action,
      role: step.role,
      actorName: step.name,
      at: payload.at,
      keyId,
      publicKey,
      payload: text,
      signature: signer ? signStep(text, signer.secretKey) : null,
    };
  });

  const document: CertificateDocumentData = {
    v: 1,
    kind: "property-description-certificate",
    number,
    applicationNumber,
    issuer: { ar: "بلدية الكويت", en: "Kuwait Municipality" },
    property: {
      governorateCode: "KW-HA",
      governorateName: { ar: "حولي", en: "Hawalli" },
      areaId: "KW-HA-salwa",
      areaName: { ar: "سلوى", en: "Salwa" },
      block: "7",
      plot: "214",
      planNumber: "م/1070214",
      registeredLandAreaM2: 750,
    },
    purpose: options.purpose ?? "sale",
    ownerCivilId: options.ownerCivilId ?? civilIdFor("650312", 4411),
    applicantCivilId: options.applicantCivilId ?? civilIdFor("880927", 1520),
    description,
    stages,
    issuedAt,
    validUntil: new Date(Date.parse(issuedAt) + (options.validDays ?? 90) * 86_400_000).toISOString(),
    verifyUrl: `${(options.publicUrl ?? "https://baladia.gov.kw").replace(/\/$/, "")}/verify/${number}`,
  };

  const logKey = options.logKey ?? { ...generateKeyPair(), origin: options.origin ?? "baladiya.gov.kw/ledger" };
  const file = sealCertificateFile(document, {
    logKey,
    applicationId,
    ledgerBefore: options.ledgerBefore ?? 5,
    ledgerAfter: options.ledgerAfter ?? 2,
  });
  return { file, logVerifierKey: verifierKey(logKey.origin, logKey.publicKey), logKey, stageKeys };
}

/**
 * The file of a document as the server would issue it: its content hash written in a
 * `certificate.issued` audit row (the shape `issueCertificate` writes), that row's leaf in a small
 * log among other leaves, its inclusion proof, and the log's checkpoint signed by `logKey`.
 */
export function sealCertificateFile(
  document: CertificateDocumentData,
  options: { logKey: LogKey; applicationId?: string; ledgerBefore?: number; ledgerAfter?: number },
): CertificateFile {
  const contentHash = documentContentHash(document);
  const before = options.ledgerBefore ?? 5;
  const after = options.ledgerAfter ?? 2;
  const createdAt = document.issuedAt;
  const auditRow = {
    id: uuid(5000),
    actorKind: "system",
    actorId: "certificates",
    action: "certificate.issued",
    subjectType: "certificate",
    subjectId: options.applicationId ?? uuid(123),
    before: null,
    after: JSON.stringify({ contentHash, number: document.number }),
    createdAt,
  };
  const content = contentJson({ kind: "audit", row: auditRow });
  const salt = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
  const entry = entryText({
    kind: "audit",
    sourceId: auditRow.id,
    subjectType: "certificate",
    subjectId: auditRow.subjectId,
    content: saltedContentHash(salt, content),
    createdAt,
  });
  // Other leaves of the log: case events of anonymous subjects, as the log holds them.
  const other = (n: number) =>
    entryText({
      kind: "case_event",
      sourceId: uuid(6000 + n),
      subjectType: "case",
      subjectId: uuid(7000 + n),
      content: sha256Hex(`leaf ${n}`),
      createdAt: hours(createdAt, n - before),
    });
  const entries = [
    ...Array.from({ length: before }, (_, i) => other(i)),
    entry,
    ...Array.from({ length: after }, (_, i) => other(before + 1 + i)),
  ];
  const leaves = entries.map((e) => leafHash(utf8ToBytes(e)));
  const size = leaves.length;
  const subtree = (level: number, index: number) => rootOf(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
  const checkpoint = signCheckpoint(
    { origin: options.logKey.origin, size, root: rootOf(leaves), time: Math.floor(Date.parse(createdAt) / 1000) + 60 },
    { secretKey: options.logKey.secretKey },
  );
  return {
    format: "baladiya-certificate/v1",
    document,
    contentHash,
    ledger: {
      seq: before,
      size,
      entry,
      proof: inclusionProof(before, size, subtree).map(bytesToHex),
      checkpoint,
      content,
      salt,
    },
  };
}
