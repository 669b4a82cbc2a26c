import type { LocalizedText } from "./i18n";

/**
 * The kiosk's shared vocabulary as plain data (no Zod): the services a visitor may ask for, the
 * employees' presence, the call's states, and the messages of the live channel (`/kiosk/ws`). The
 * kiosk and the staff console import this module; the tRPC schemas live in kiosk.ts.
 */

/** What a visitor may come for; employees serving kiosks hold one or more of these as skills. */
export const KIOSK_SERVICES = ["complaint", "certificate", "inquiry", "other"] as const;
export type KioskService = (typeof KIOSK_SERVICES)[number];

export const KIOSK_SERVICE_LABELS: Record<KioskService, LocalizedText> = {
  complaint: { ar: "تقديم بلاغ أو شكوى", en: "File a complaint" },
  certificate: { ar: "طلب شهادة الأوصاف", en: "Apply for a property description certificate" },
  inquiry: { ar: "الاستفسار عن طلب", en: "Ask about an application" },
  other: { ar: "معاملات أخرى", en: "Other transactions" },
};

/** An employee's own setting; while offered a call or in one they are reserved for it. */
export const AGENT_PRESENCES = ["available", "busy", "away"] as const;
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

export const PRESENCE_LABELS: Record<AgentPresence, LocalizedText> = {
  available: { ar: "متاح", en: "Available" },
  busy: { ar: "مشغول", en: "Busy" },
  away: { ar: "غير موجود", en: "Away" },
};

/** waiting → offered (to one employee, for a few seconds) → active → ended; or abandoned by the visitor. */
export const CALL_STATES = ["waiting", "offered", "active", "ended", "abandoned"] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Who sent a document in a call. */
export type DocumentDirection = "to_staff" | "to_kiosk";

/** A scanned or pushed document as both screens list it; `url` opens it (a short-lived signed link). */
export interface CallDocument {
  id: string;
  direction: DocumentDirection;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  url: string;
  /** The visitor's Civil ID card, photographed when they identified themselves. */
  idCard: boolean;
}

/** What the visitor left with: a case or a certificate application, and its receipt. */
export interface CallResult {
  kind: "case" | "certificate";
  /** The tracking or application number. */
  ref: string;
  /** Opens the receipt PDF (tracking number and QR code). */
  receiptUrl: string;
  /** Where the QR code points: the resident's tracking page for it. */
  trackUrl: string;
}

/** RTCIceServer, as the browser wants it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Queue facts a waiting kiosk shows: its place among calls for the same service, and an estimate. */
export interface QueueStanding {
  position: number;
  estimatedWaitSeconds: number;
  /** Employees with this skill who are signed in (available or busy). */
  agentsOnline: number;
}

/** Server → client over the live channel. */
export type ServerMessage =
  | { type: "hello"; role: "kiosk" | "staff"; id: string }
  /** The kiosk's call: its state and place, sent at every change. */
  | {
      type: "call";
      callId: string;
      state: CallState;
      standing: QueueStanding | null;
      employee: { name: LocalizedText } | null;
      endReason: string | null;
    }
  /** An employee is offered a call and must answer before `expiresAt`. */
  | {
      type: "offer";
      callId: string;
      service: KioskService;
      kiosk: { name: LocalizedText; place: LocalizedText };
      expiresAt: string;
    }
  /** An offer is gone (taken back after the time ran out, or the visitor left). */
  | { type: "offer_withdrawn"; callId: string; reason: "timeout" | "abandoned" | "declined" }
  /** The employee's own presence, as the server holds it. */
  | { type: "presence"; presence: AgentPresence; inCall: string | null }
  /** The call is connected: the employee's side makes the WebRTC offer. */
  | { type: "connected"; callId: string; iceServers: IceServer[]; peer: "kiosk" | "staff" }
  /** WebRTC signalling, relayed from the other side of the call. */
  | { type: "signal"; callId: string; data: SignalData }
  /** The other side's live channel came back: the employee's side offers again. */
  | { type: "peer_back"; callId: string }
  | { type: "document"; callId: string; document: CallDocument }
  | { type: "result"; callId: string; result: CallResult }
  /** The queue changed (for employees: how many wait for each of their skills). */
  | { type: "queue"; waiting: Partial<Record<KioskService, number>> }
  | { type: "error"; message: string };

/** The signalling payloads the two browsers exchange. */
export type SignalData =
  | { kind: "description"; description: { type: "offer" | "answer"; sdp: string } }
  | { kind: "candidate"; candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } }
  /** The kiosk asks the employee's side to start a fresh connection (after a drop). */
  | { kind: "restart" };

/** Client → server over the live channel. */
export type ClientMessage = { type: "signal"; callId: string; data: SignalData } | { type: "ping" };

/** Why a call ended, in words for both screens. */
export const CALL_END_LABELS: Record<string, LocalizedText> = {
  completed: { ar: "انتهت المكالمة", en: "The call has ended" },
  visitor_left: { ar: "غادر الزائر", en: "The visitor left" },
  idle: { ar: "انتهت الجلسة لعدم الاستخدام", en: "The session ended after inactivity" },
  no_agents: { ar: "لا يوجد موظف متاح الآن", en: "No employee is available now" },
};
