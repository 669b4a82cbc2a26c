import type { LedgerSigner } from "../ports/ledger-signer";
import type { BlobStore } from "../ports/blob-store";
import type { Clock } from "../ports/clock";
import type { Hasher } from "../ports/hasher";
import type { Ids } from "../ports/ids";
import type { ImageProcessor } from "../ports/image-processor";
import type { Logger } from "../ports/logger";
import type { LiveEvents } from "../ports/live-events";
import type { EmailSender } from "../ports/email-sender";
import type { PushSender } from "../ports/push-sender";
import type { SmsSender } from "../ports/sms-sender";
import type { Store } from "../ports/store";
import type { TokenIssuer } from "../ports/token-issuer";
import type { ViewCache } from "../ports/view-cache";
import type { ReferenceCache } from "./reference/reference-cache";
import type { MojGateway } from "../ports/moj-gateway";
import type { PdfRenderer } from "../ports/pdf-renderer";
import type { SecretSealer } from "../ports/secret-sealer";
import type { KioskRelay } from "../ports/kiosk-relay";
import type { IceServer } from "@baladiya/shared/kiosk-protocol";

export interface Deps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ids: Ids;
  hasher: Hasher;
  tokens: TokenIssuer;
  /** Residents are told of their cases by e-mail, SMS (`sms`) and Web Push, through the outbox. */
  email: EmailSender;
  push: PushSender;
  images: ImageProcessor;
  reference: ReferenceCache;
  log: Logger;
  /** Public case views, keyed by tracking number and last change. */
  views: ViewCache;
  /** Sign-in codes go out by SMS; the embedded default writes them to the log. */
  sms: SmsSender;
  /** Committed case changes, for live screens. */
  live: LiveEvents;
  /** Signs the transparency ledger's tree heads. */
  ledger: LedgerSigner;
  /** Seals employees' signing keys. */
  sealer: SecretSealer;
  /** Renders certificates to PDF. */
  pdf: PdfRenderer;
  /** The Ministry of Justice's registration system, when the integration is configured. */
  moj: MojGateway | null;
  /** Live messages to kiosks and employees' consoles (the kiosk's WebSocket channel). */
  relay: KioskRelay;
  /** STUN/TURN servers handed to both ends of a kiosk call. */
  iceServers: IceServer[];
  /** Where people open the app: the certificate's QR code points here. */
  publicUrl: string;
  /**
   * Where several servers hand out numbers from one database (branch replicas), each has its own
   * share: its slot (1–9) of every ten, so two branches never give two cases the same number.
   * Unset, numbers run 1, 2, 3…
   */
  numbering?: Numbering;
  policy: Policy;
}

/** A server's share of the numbers handed out (see Deps.numbering). */
export interface Numbering {
  slot: number;
  slots: number;
}

/** Rules an operator may tune; the defaults suit the municipality. */
export interface Policy {
  /** Days after resolution during which the reporter may reopen a case. */
  reopenWindowDays: number;
  signInCodeTtlSeconds: number;
  /** Seconds before another code may be sent to the same phone. */
  signInCodeResendSeconds: number;
  /** Codes sent to one phone per hour, at most. */
  signInCodesPerHour: number;
  /** Wrong tries a code survives. */
  signInCodeAttempts: number;
  citizenSessionDays: number;
  staffSessionHours: number;
  /** PBKDF2 iterations for new staff passwords. */
  passwordIterations: number;
  /** Wrong staff sign-ins in a row before the account locks, and for how long. */
  staffLockAfter: number;
  staffLockMinutes: number;
  /** Days an issued certificate stays valid. */
  certificateValidDays: number;
  /** Days during which an inspector is not sent back to a plot they described (rotation). */
  inspectorRotationDays: number;
  /** Field evidence farther than this from its case or violation is flagged to the supervisor. */
  fieldGeofenceMetres: number;
  /** A phone clock further off the server's than this is flagged. */
  fieldClockToleranceSeconds: number;
  /** The share of closed cases and violations sent for re-inspection by a different inspector. */
  reinspectionShare: number;
  /** The same inspector is not sent to the same property more than this many times in a row. */
  maxConsecutiveVisits: number;
  /** Seconds without a touch before a kiosk asks whether the visitor is still there, then resets. */
  kioskIdleSeconds: number;
  kioskWarnSeconds: number;
  /** Seconds an employee has to answer an offered kiosk call before it goes to the next one. */
  kioskOfferSeconds: number;
  /** Hours a kiosk's session token lasts before the machine signs in again with its device key. */
  kioskSessionHours: number;
  /** Wrong one-time codes a visitor may try, and codes sent per visit. */
  kioskCodeAttempts: number;
  kioskCodesPerVisit: number;
}

export const DEFAULT_POLICY: Policy = {
  reopenWindowDays: 30,
  signInCodeTtlSeconds: 600,
  signInCodeResendSeconds: 30,
  signInCodesPerHour: 5,
  signInCodeAttempts: 5,
  citizenSessionDays: 90,
  staffSessionHours: 12,
  passwordIterations: 600_000,
  staffLockAfter: 5,
  staffLockMinutes: 30,
  certificateValidDays: 90,
  inspectorRotationDays: 365,
  fieldGeofenceMetres: 150,
  fieldClockToleranceSeconds: 300,
  reinspectionShare: 0.05,
  maxConsecutiveVisits: 2,
  kioskIdleSeconds: 90,
  kioskWarnSeconds: 20,
  kioskOfferSeconds: 20,
  kioskSessionHours: 24,
  kioskCodeAttempts: 5,
  kioskCodesPerVisit: 3,
};

export type Actor =
  | { kind: "public" }
  /** A resident; `citizenId` when signed in (then `ref` is the same id). */
  | { kind: "citizen"; ref: string | null; citizenId?: string }
  | { kind: "staff"; staffId: string; role: string; governorateCode: string; departmentId: string | null }
  | { kind: "api_client"; apiKeyId: string; name: string }
  /** A registered kiosk machine, signed in with its device key. */
  | { kind: "kiosk"; kioskId: string; governorateCode: string }
  | { kind: "system"; name: string };

export interface Ctx {
  deps: Deps;
  actor: Actor;
}

export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case "api_client":
      return actor.apiKeyId;
    case "kiosk":
      return actor.kioskId;
    case "citizen":
      return actor.ref;
    case "staff":
      return actor.staffId;
    case "system":
      return actor.name;
    case "public":
      return null;
  }
}
