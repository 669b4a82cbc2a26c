import type { IceServer, SignalData } from "@baladiya/shared/kiosk-protocol";

/**
 * The kiosk's side of the video call: it only ever ANSWERS. Each offer from the employee's console
 * gets a fresh RTCPeerConnection (the old one closed), so a restart after a drop starts clean. When
 * the connection stays failed/disconnected for over 2 s, `onDown` asks for a restart (and again every 5 s).
 */
export type LinkState = "connecting" | "connected" | "down";

export interface AnswererOptions {
  send(data: SignalData): void;
  iceServers(): IceServer[];
  localStream(): MediaStream | null;
  onRemoteStream(stream: MediaStream | null): void;
  onState(state: LinkState): void;
  /** The link has been down for a while: ask the other side to offer again. */
  onDown(): void;
}

const DOWN_GRACE_MS = 2000;
const DOWN_REPEAT_MS = 5000;

export interface Answerer {
  handle(data: SignalData): Promise<void>;
  close(): void;
}

export function createAnswerer(options: AnswererOptions): Answerer {
  let pc: RTCPeerConnection | null = null;
  let pending: RTCIceCandidateInit[] = [];
  let downTimer: ReturnType<typeof setTimeout> | undefined;

  const clearDown = () => {
    clearTimeout(downTimer);
    downTimer = undefined;
  };
  const armDown = (delay: number) => {
    clearDown();
    downTimer = setTimeout(() => {
      options.onDown();
      armDown(DOWN_REPEAT_MS);
    }, delay);
  };

  function fresh(): RTCPeerConnection {
    pc?.close();
    pending = [];
    const next = new RTCPeerConnection({ iceServers: options.iceServers() });
    const local = options.localStream();
    if (local) for (const track of local.getTracks()) next.addTrack(track, local);
    next.addEventListener("track", (event) => {
      if (pc !== next) return;
      options.onRemoteStream(event.streams[0] ?? new MediaStream([event.track]));
    });
    next.addEventListener("icecandidate", (event) => {
      if (pc !== next || !event.candidate) return;
      const c = event.candidate;
      options.send({
        kind: "candidate",
        candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex },
      });
    });
    next.addEventListener("connectionstatechange", () => {
      if (pc !== next) return;
      const state = next.connectionState;
      if (state === "connected") {
        clearDown();
        options.onState("connected");
      } else if (state === "failed" || state === "disconnected") {
        options.onState("down");
        if (downTimer === undefined) armDown(DOWN_GRACE_MS);
      }
    });
    pc = next;
    return next;
  }

  async function answer(sdp: string): Promise<void> {
    const next = fresh();
    options.onState("connecting");
    await next.setRemoteDescription({ type: "offer", sdp });
    for (const candidate of pending.splice(0)) await next.addIceCandidate(candidate).catch(() => undefined);
    const reply = await next.createAnswer();
    await next.setLocalDescription(reply);
    if (pc !== next || !next.localDescription) return;
    options.send({ kind: "description", description: { type: "answer", sdp: next.localDescription.sdp } });
  }

  return {
    async handle(data) {
      if (data.kind === "description") {
        if (data.description.type === "offer") await answer(data.description.sdp);
        return;
      }
      if (data.kind === "candidate") {
        const candidate: RTCIceCandidateInit = {
          candidate: data.candidate.candidate,
          sdpMid: data.candidate.sdpMid ?? null,
          sdpMLineIndex: data.candidate.sdpMLineIndex ?? null,
        };
        if (!pc?.remoteDescription) pending.push(candidate);
        // A candidate of an older connection fails harmlessly.
        else await pc.addIceCandidate(candidate).catch(() => undefined);
      }
    },
    close() {
      clearDown();
      pc?.close();
      pc = null;
      pending = [];
      options.onRemoteStream(null);
    },
  };
}
