import { z } from "zod";
import { KuwaitPhone } from "./case";
import { ApplyCertificateInput, DocumentKind } from "./certificate";
import { CivilId } from "./civil-id";
import { LatLng } from "./geo";
import { Locale, LocalizedText } from "./i18n";
import { AGENT_PRESENCES, CALL_STATES, KIOSK_SERVICES } from "./kiosk-protocol";

/**
 * The kiosk's API (tRPC `kiosk.*` for the machine, `staff.kiosk.*` for employees and
 * administrators). Words and live-channel messages: kiosk-protocol.ts.
 */

export const KioskService = z.enum(KIOSK_SERVICES);
export const AgentPresence = z.enum(AGENT_PRESENCES);
export const CallState = z.enum(CALL_STATES);

const Id = z.string().min(10).max(64);

// ---------------------------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------------------------

/** The device key an administrator handed out when registering the kiosk (`kdk_…`). */
export const ActivateKioskInput = z.object({ deviceKey: z.string().trim().min(20).max(120) });

export const IceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

export const KioskConfig = z.object({
  kiosk: z.object({ id: z.string(), name: LocalizedText, place: LocalizedText, governorateCode: z.string() }),
  iceServers: z.array(IceServerSchema),
  /** Seconds without a touch before the kiosk asks whether the visitor is still there. */
  idleSeconds: z.number().int(),
  /** Seconds the question stays up before the kiosk resets itself. */
  warnSeconds: z.number().int(),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

/** The kiosk's session token (`ksk_…`, sent as a bearer token) and its configuration. */
export const KioskActivation = KioskConfig.extend({ token: z.string(), expiresAt: z.string() });
export type KioskActivation = z.infer<typeof KioskActivation>;

export const StartVisitInput = z.object({ locale: Locale.default("ar") });
export const VisitRef = z.object({ visitId: Id });

export const RequestVisitCodeInput = z.object({ visitId: Id, civilId: CivilId, phone: KuwaitPhone });
export const VerifyVisitCodeInput = z.object({
  visitId: Id,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Six digits"),
});

export const VisitState = z.enum(["identifying", "code_sent", "verified", "ended"]);
export const VisitView = z.object({
  visitId: z.string(),
  state: VisitState,
  /** Shown masked on the kiosk's screen (others may be standing behind the visitor). */
  phoneMasked: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
  attemptsLeft: z.number().int().nullable(),
  idCard: z.boolean(),
  /** The resident's name when their account has one. */
  name: z.string().nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

export const CallEmployeeInput = z.object({
  visitId: Id,
  service: KioskService,
  /** The visitor agreed that the call may be recorded. */
  recordingConsent: z.boolean().default(false),
});

export const QueueStandingSchema = z.object({
  position: z.number().int(),
  estimatedWaitSeconds: z.number().int(),
  agentsOnline: z.number().int(),
});

export const CallDocumentSchema = z.object({
  id: z.string(),
  direction: z.enum(["to_staff", "to_kiosk"]),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  url: z.string(),
  idCard: z.boolean(),
});

export const CallResultSchema = z.object({
  kind: z.enum(["case", "certificate"]),
  ref: z.string(),
  receiptUrl: z.string(),
  trackUrl: z.string(),
});

export const KioskCallView = z.object({
  callId: z.string(),
  state: CallState,
  service: KioskService,
  standing: QueueStandingSchema.nullable(),
  employee: z.object({ name: LocalizedText }).nullable(),
  documents: z.array(CallDocumentSchema),
  results: z.array(CallResultSchema),
  endReason: z.string().nullable(),
  iceServers: z.array(IceServerSchema),
});
export type KioskCallView = z.infer<typeof KioskCallView>;

export const EndVisitInput = z.object({ visitId: Id, reason: z.enum(["done", "idle", "cancelled"]) });

// ---------------------------------------------------------------------------------------------
// Employees
// ---------------------------------------------------------------------------------------------

export const SetPresenceInput = z.object({ presence: AgentPresence });
export const CallRef = z.object({ callId: Id });

export const AgentView = z.object({
  staffId: z.string(),
  skills: z.array(KioskService),
  presence: AgentPresence,
  /** The call they are in, if any. */
  inCall: z.string().nullable(),
  offer: z
    .object({
      callId: z.string(),
      service: KioskService,
      kiosk: z.object({ name: LocalizedText, place: LocalizedText }),
      expiresAt: z.string(),
    })
    .nullable(),
  waiting: z.record(z.string(), z.number().int()),
});
export type AgentView = z.infer<typeof AgentView>;

export const StaffCallView = z.object({
  callId: z.string(),
  state: CallState,
  service: KioskService,
  queuedAt: z.string(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  kiosk: z.object({ id: z.string(), name: LocalizedText, place: LocalizedText, governorateCode: z.string(), location: LatLng }),
  visitor: z.object({
    civilId: z.string().nullable(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    citizenId: z.string().nullable(),
    locale: Locale,
  }),
  recordingConsent: z.boolean(),
  recordings: z.array(z.object({ id: z.string(), sha256: z.string(), size: z.number().int(), createdAt: z.string() })),
  documents: z.array(CallDocumentSchema),
  results: z.array(CallResultSchema),
  iceServers: z.array(IceServerSchema),
});
export type StaffCallView = z.infer<typeof StaffCallView>;

/** A complaint the employee files for the visitor; the visitor's scans named here become its photos. */
export const FileComplaintInput = z.object({
  callId: Id,
  serviceCode: z.string().min(1).max(40),
  location: LatLng,
  description: z.string().trim().min(5).max(4000),
  addressString: z.string().trim().max(500).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  documentIds: z.array(Id).max(10).default([]),
});

/** A certificate application filed for the visitor, its documents taken from the call's scans. */
export const FileCertificateInput = z.object({
  callId: Id,
  application: ApplyCertificateInput.omit({ phone: true }),
  documents: z
    .array(z.object({ kind: DocumentKind, documentId: Id }))
    .min(1)
    .max(20),
});

export const FiledResult = CallResultSchema;

// ---------------------------------------------------------------------------------------------
// Administrators
// ---------------------------------------------------------------------------------------------

export const RegisterKioskInput = z.object({
  name: LocalizedText,
  place: LocalizedText,
  governorateCode: z.string().regex(/^KW-[A-Z]{2}$/),
  location: LatLng,
});

export const KioskDevice = z.object({
  id: z.string(),
  name: LocalizedText,
  place: LocalizedText,
  governorateCode: z.string(),
  location: LatLng,
  active: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type KioskDevice = z.infer<typeof KioskDevice>;

/** The device key is shown once: it is typed into the kiosk when it is installed. */
export const RegisterKioskResult = z.object({ kiosk: KioskDevice, deviceKey: z.string() });

export const SetAgentSkillsInput = z.object({ staffId: z.string(), skills: z.array(KioskService).max(4) });

export const AgentListItem = z.object({
  staffId: z.string(),
  name: LocalizedText,
  governorateCode: z.string(),
  skills: z.array(KioskService),
  presence: AgentPresence,
  inCall: z.string().nullable(),
});
