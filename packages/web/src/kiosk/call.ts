import type { KioskCallView } from "@baladiya/shared/kiosk";
import type { CallDocument, CallResult, IceServer, ServerMessage, SignalData } from "@baladiya/shared/kiosk-protocol";
import { createSignal } from "solid-js";
import { config, withSession } from "./api";
import { openCamera, stopStream } from "./camera";
import { k } from "./i18n-kiosk";
import { liveUp, onLiveMessage, onLiveOpen, sendLive } from "./live";
import { createAnswerer, type Answerer } from "./rtc";
import { setScreen } from "./screen";
import { say } from "./speech";

/**
 * The visitor's call: its place in the queue, the employee, documents both ways, results, and the
 * video link (the kiosk answers the employee's offers; see rtc.ts). Fed by the live channel.
 */
export type Connection = "connecting" | "connected" | "reconnecting";

const [call, setCall] = createSignal<KioskCallView | null>(null);
const [connection, setConnection] = createSignal<Connection>("connecting");
const [remoteStream, setRemoteStream] = createSignal<MediaStream | null>(null);
const [localStream, setLocalStream] = createSignal<MediaStream | null>(null);
const [micOn, setMicOn] = createSignal(true);
const [cameraOn, setCameraOn] = createSignal(true);
/** A short line for the screen reader's live region (a document arrived, a result). */
const [announcement, setAnnouncement] = createSignal("");
export { announcement, call, cameraOn, connection, localStream, micOn, remoteStream };

let iceServers: IceServer[] = [];
let answerer: Answerer | null = null;
let media: Promise<MediaStream | null> | null = null;
let signals: Promise<void> = Promise.resolve();
let everConnected = false;
let offerGeneration = 0;
/** How long an offer waits in case a newer one follows it (they come in pairs after a drop). */
const OFFER_SETTLE_MS = 120;
const RESTART_WAIT_MS = 1000;

const OPEN_STATES = new Set(["waiting", "offered", "active"]);
export const callOpen = (view: KioskCallView | null = call()): boolean => Boolean(view && OPEN_STATES.has(view.state));

function sendSignal(data: SignalData): void {
  const current = call();
  if (current) sendLive({ type: "signal", callId: current.callId, data });
}

/** Camera and microphone for the call, opened once; without them the call still goes on (receive only). */
function ensureMedia(): Promise<MediaStream | null> {
  media ??= openCamera({ audio: true, facing: "user" })
    .catch(() => openCamera({ audio: true }))
    .catch(() => null)
    .then((stream) => {
      if (!call()) {
        stopStream(stream);
        return null;
      }
      setLocalStream(stream);
      return stream;
    });
  return media;
}

function answererFor(): Answerer {
  answerer ??= createAnswerer({
    send: sendSignal,
    iceServers: () => (iceServers.length > 0 ? iceServers : (config()?.iceServers ?? [])),
    localStream,
    onRemoteStream: setRemoteStream,
    onState(state) {
      if (state === "connected") {
        everConnected = true;
        setConnection("connected");
      } else if (state === "down") setConnection("reconnecting");
      else setConnection(everConnected ? "reconnecting" : "connecting");
    },
    onDown: () => sendSignal({ kind: "restart" }),
  });
  return answerer;
}

function closeLink(): void {
  answerer?.close();
  answerer = null;
  signals = Promise.resolve();
  setRemoteStream(null);
}

function follow(view: KioskCallView): void {
  if (view.state === "waiting" || view.state === "offered") setScreen("waiting");
  else if (view.state === "active") {
    setScreen("call");
  } else {
    closeLink();
    stopStream(localStream());
    setLocalStream(null);
    media = null;
    setScreen("done");
  }
}

/** A call just asked for, or found again after a reload. */
export function joinCall(view: KioskCallView): void {
  setCall(view);
  iceServers = view.iceServers;
  if (callOpen(view)) void ensureMedia();
  follow(view);
  // Found again mid-call with the channel already up: the employee's side must offer anew.
  if (view.state === "active" && liveUp()) restartUnlessOffered();
}

const withDocument = (list: CallDocument[], doc: CallDocument) => (list.some((d) => d.id === doc.id) ? list : [...list, doc]);
const withResult = (list: CallResult[], result: CallResult) =>
  list.some((r) => r.ref === result.ref) ? list : [...list, result];

export function addDocument(doc: CallDocument): void {
  const current = call();
  if (current) setCall({ ...current, documents: withDocument(current.documents, doc) });
}

function onMessage(message: ServerMessage): void {
  const current = call();
  if (!current || !("callId" in message) || message.callId !== current.callId) return;
  switch (message.type) {
    case "call": {
      const next = {
        ...current,
        state: message.state,
        standing: message.standing,
        employee: message.employee,
        endReason: message.endReason,
      };
      setCall(next);
      if (next.state !== current.state) follow(next);
      return;
    }
    case "connected":
      iceServers = message.iceServers.length > 0 ? message.iceServers : iceServers;
      if (current.state !== "active") {
        const next = { ...current, state: "active" as const, standing: null };
        setCall(next);
        follow(next);
      }
      return;
    case "signal": {
      const data = message.data;
      // A drop makes the employee's side offer twice at once (peer_back and our restart): only the
      // newest offer is answered, and candidates of an offer since replaced are dropped.
      const isOffer = data.kind === "description" && data.description.type === "offer";
      if (isOffer) offerGeneration++;
      const generation = offerGeneration;
      signals = signals
        .then(async () => {
          if (isOffer) {
            await ensureMedia();
            await new Promise((resolve) => setTimeout(resolve, OFFER_SETTLE_MS));
          }
          if (generation !== offerGeneration || call()?.callId !== current.callId) return;
          await answererFor().handle(data);
        })
        .catch((error: unknown) => console.warn("kiosk signal failed", error));
      return;
    }
    case "document":
      addDocument(message.document);
      if (message.document.direction === "to_kiosk") {
        setAnnouncement(k("call.newDocument"));
        say(k("say.document"));
      }
      return;
    case "result":
      setCall({ ...current, results: withResult(current.results, message.result) });
      setAnnouncement(k("result.received", { ref: message.result.ref }));
      say(k("say.result"));
      return;
    default:
      return;
  }
}

onLiveMessage(onMessage);

// Back on the channel (or opened after a reload): catch up on what was missed, and if the call is
// live ask the employee's side for a fresh connection.
onLiveOpen((reopened) => {
  const current = call();
  if (!current || !callOpen(current)) return;
  if (current.state === "active" && (reopened || connection() !== "connected")) {
    if (everConnected) setConnection("reconnecting");
    restartUnlessOffered();
  }
  void refreshCall(current.callId);
});

let restartTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * The server tells the employee's side (peer_back) when our channel returns, and it offers again: a
 * restart of ours as well would make two offers race. Ours goes only if no offer came meanwhile.
 */
function restartUnlessOffered(): void {
  const seen = offerGeneration;
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    if (offerGeneration === seen && call()?.state === "active") sendSignal({ kind: "restart" });
  }, RESTART_WAIT_MS);
}

async function refreshCall(callId: string): Promise<void> {
  const visitId = visitOfCall;
  if (!visitId) return;
  try {
    const view = await withSession((api) => api.kiosk.currentCall.query({ visitId }));
    const current = call();
    if (!view || !current || current.callId !== callId || view.callId !== callId) return;
    const next = {
      ...view,
      documents: current.documents.reduce(withDocument, view.documents),
      results: current.results.reduce(withResult, view.results),
    };
    setCall(next);
    if (next.state !== current.state) follow(next);
  } catch {
    // The next live message will tell.
  }
}

let visitOfCall: string | null = null;
export function setCallVisit(visitId: string | null): void {
  visitOfCall = visitId;
}

export function setMic(on: boolean): void {
  setMicOn(on);
  for (const track of localStream()?.getAudioTracks() ?? []) track.enabled = on;
}

export function setCamera(on: boolean): void {
  setCameraOn(on);
  for (const track of localStream()?.getVideoTracks() ?? []) track.enabled = on;
}

/** The visitor ended it here: the screens move on without waiting for the server's word. */
export function markCallEnded(): void {
  const current = call();
  if (!current || !callOpen(current)) return;
  const next = { ...current, state: current.state === "active" ? ("ended" as const) : ("abandoned" as const) };
  setCall(next);
  follow(next);
}

/** The reset: no call, no streams, nothing held. */
export function resetCall(): void {
  clearTimeout(restartTimer);
  closeLink();
  stopStream(localStream());
  setLocalStream(null);
  media = null;
  setCall(null);
  setConnection("connecting");
  setMicOn(true);
  setCameraOn(true);
  setAnnouncement("");
  iceServers = [];
  everConnected = false;
  visitOfCall = null;
}
