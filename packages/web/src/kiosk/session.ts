import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import type { VisitView } from "@baladiya/shared/kiosk";
import { createSignal } from "solid-js";
import { toAppError } from "../app-error";
import { activate, deviceKey, RevokedDevice, restoreSession, withSession } from "./api";
import { call, joinCall, markCallEnded, resetCall, setCallVisit } from "./call";
import { releaseAllMedia } from "./camera";
import { kioskLocale, setKioskLocale } from "./i18n-kiosk";
import { startLive } from "./live";
import { setScreen } from "./screen";
import { hush } from "./speech";

/**
 * One visitor's session, from the first touch to the reset. Only the visit's id is kept in
 * sessionStorage (so a reload mid-call can rejoin it); the reset forgets everything.
 */
const VISIT_KEY = "baladiya.kioskVisit";

const [visit, setVisit] = createSignal<VisitView | null>(null);
const [service, setService] = createSignal<KioskService | null>(null);
const [consent, setConsent] = createSignal<boolean | null>(null);
/** What the visitor typed, held only until the code is verified (a new code needs it again). */
const [identity, setIdentity] = createSignal<{ civilId: string; phone: string } | null>(null);
export { consent, service, setConsent, visit };

export type ActivationProblem = "invalid" | "offline" | null;
const [activationProblem, setActivationProblem] = createSignal<ActivationProblem>(null);
export { activationProblem };

function rememberVisit(visitId: string | null): void {
  try {
    if (visitId) sessionStorage.setItem(VISIT_KEY, visitId);
    else sessionStorage.removeItem(VISIT_KEY);
  } catch {
    // Without storage a reload simply starts over.
  }
}

const keptVisit = (): string | null => {
  try {
    return sessionStorage.getItem(VISIT_KEY);
  } catch {
    return null;
  }
};

const currentVisitId = (): string => {
  const v = visit();
  if (!v) throw new Error("no visit");
  return v.visitId;
};

// ---------------------------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------------------------

let bootRetry: ReturnType<typeof setTimeout> | undefined;

/** On page load: a session from the kept token or device key, then back to a visit a reload interrupted. */
export async function boot(): Promise<void> {
  clearTimeout(bootRetry);
  if (!deviceKey()) {
    setScreen("activate");
    return;
  }
  try {
    await restoreSession();
  } catch (error) {
    if (error instanceof RevokedDevice) {
      setActivationProblem("invalid");
      setScreen("activate");
      return;
    }
    setActivationProblem("offline");
    bootRetry = setTimeout(() => void boot(), 5000);
    return;
  }
  setActivationProblem(null);
  // The interrupted call first: the channel's first messages (a fresh offer) are then not dropped.
  await recoverVisit();
  startLive();
}

/** The installer typed the device key. */
export async function activateWith(key: string): Promise<void> {
  setActivationProblem(null);
  try {
    await activate(key.trim());
  } catch (error) {
    setActivationProblem(error instanceof RevokedDevice ? "invalid" : "offline");
    return;
  }
  startLive();
  setScreen("attract");
}

/** Called when the machine's own session is refused for good (revoked while in use). */
export function deviceRevoked(): void {
  wipe();
  setActivationProblem("invalid");
  setScreen("activate");
}

async function recoverVisit(): Promise<void> {
  const visitId = keptVisit();
  if (!visitId) {
    setScreen("attract");
    return;
  }
  try {
    const view = await withSession((api) => api.kiosk.currentCall.query({ visitId }));
    if (view && (view.state !== "abandoned" || view.results.length > 0)) {
      setVisit({
        visitId,
        state: "verified",
        phoneMasked: null,
        codeExpiresAt: null,
        attemptsLeft: null,
        idCard: true,
        name: null,
      });
      setService(view.service);
      setCallVisit(visitId);
      joinCall(view);
      return;
    }
  } catch {
    // The visit is gone or unreadable: start over below.
  }
  await finish("cancelled");
}

// ---------------------------------------------------------------------------------------------
// The visitor
// ---------------------------------------------------------------------------------------------

export async function beginVisit(): Promise<void> {
  const view = await withSession((api) => api.kiosk.startVisit.mutate({ locale: kioskLocale() }));
  setVisit(view);
  rememberVisit(view.visitId);
  setScreen("identify");
}

export async function requestCode(civilId: string, phone: string): Promise<VisitView> {
  const visitId = currentVisitId();
  const view = await withSession((api) => api.kiosk.requestCode.mutate({ visitId, civilId, phone }));
  setVisit(view);
  setIdentity({ civilId, phone });
  setScreen("code");
  return view;
}

/** Asks again from the code screen, with the numbers the visitor already gave. */
export async function resendCode(): Promise<VisitView> {
  const visitId = currentVisitId();
  const given = identity();
  if (!given) throw new Error("no identity");
  const view = await withSession((api) => api.kiosk.requestCode.mutate({ visitId, ...given }));
  setVisit(view);
  return view;
}

export async function verifyCode(code: string): Promise<void> {
  const visitId = currentVisitId();
  const view = await withSession((api) => api.kiosk.verifyCode.mutate({ visitId, code }));
  setVisit(view);
  setIdentity(null);
  setScreen("idcard");
}

export async function sendIdCard(card: Blob, name: string): Promise<void> {
  const visitId = currentVisitId();
  const form = new FormData();
  form.set("visit", JSON.stringify({ visitId }));
  form.set("card", card, name);
  const view = await withSession((api) => api.kiosk.idCard.mutate(form));
  setVisit(view);
  setScreen("service");
}

export function chooseService(choice: KioskService): void {
  setService(choice);
  setConsent(null);
  setScreen("consent");
}

export async function callEmployee(): Promise<void> {
  const visitId = currentVisitId();
  const chosen = service();
  if (!chosen) throw new Error("no service");
  const view = await withSession((api) =>
    api.kiosk.callEmployee.mutate({ visitId, service: chosen, recordingConsent: consent() === true }),
  );
  setCallVisit(visitId);
  joinCall(view);
}

export async function uploadDocument(file: Blob, name: string) {
  const visitId = currentVisitId();
  const current = call();
  if (!current) throw new Error("no call");
  const form = new FormData();
  form.set("document", JSON.stringify({ visitId, callId: current.callId }));
  form.set("file", file, name);
  return withSession((api) => api.kiosk.upload.mutate(form));
}

/** The visitor ends the call: the visit ends with it, and the results stay on screen until "Finish". */
export async function hangUp(): Promise<void> {
  await endVisitOnServer("done");
  markCallEnded();
}

let ended: string | null = null;
async function endVisitOnServer(reason: "done" | "idle" | "cancelled"): Promise<void> {
  const v = visit() ?? (keptVisit() ? { visitId: keptVisit() ?? "" } : null);
  if (!v || ended === v.visitId) return;
  ended = v.visitId;
  try {
    await withSession((api) => api.kiosk.endVisit.mutate({ visitId: v.visitId, reason }));
  } catch (error) {
    // Wiped here whatever the server says; it ends forgotten visits itself.
    if (toAppError(error).code === "NETWORK") console.warn("kiosk visit not ended on the server");
  }
}

/** Done, walked away (idle) or cancelled: the server is told, then everything is wiped. */
export async function finish(reason: "done" | "idle" | "cancelled"): Promise<void> {
  await endVisitOnServer(reason);
  wipe();
}

/** Forgets the visitor: state, storage, media, object URLs, speech; back to the start screen in Arabic. */
export function wipe(): void {
  resetCall();
  releaseAllMedia();
  hush();
  setVisit(null);
  setIdentity(null);
  setService(null);
  setConsent(null);
  rememberVisit(null);
  ended = null;
  setKioskLocale("ar");
  // Whatever an input still holds goes with its screen; a focused field would keep a caret in it.
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  setScreen("attract");
}
