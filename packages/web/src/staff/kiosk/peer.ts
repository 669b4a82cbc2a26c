import type { IceServer, SignalData } from "@baladiya/shared/kiosk-protocol";

export type ConnectionView = "connecting" | "connected" | "reconnecting";

/** After this long in `failed` with no restart asked by the kiosk, the employee's side offers again itself. */
const FAILED_RETRY_MS = 4000;

/**
 * The employee's end of the call's WebRTC connection. The employee is the offerer: every `start()`
 * throws away the old RTCPeerConnection and offers afresh (on connected, peer_back, or the kiosk's
 * `restart`); the kiosk answers each offer from a fresh connection of its own.
 */
export class EmployeePeer {
  private pc: RTCPeerConnection | null = null;
  private pending: RTCIceCandidateInit[] = [];
  private everConnected = false;
  private failedTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly options: {
      iceServers: IceServer[];
      local: () => MediaStream | null;
      send: (data: SignalData) => void;
      onRemote: (stream: MediaStream) => void;
      onState: (state: ConnectionView) => void;
    },
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    this.teardown();
    this.options.onState(this.everConnected ? "reconnecting" : "connecting");
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.pc = pc;
    this.pending = [];
    const remote = new MediaStream();
    const local = this.options.local();
    const kinds = new Set<string>();
    for (const track of local?.getTracks() ?? []) {
      pc.addTrack(track, local!);
      kinds.add(track.kind);
    }
    // Without a camera or microphone here, still ask to receive the visitor's.
    for (const kind of ["audio", "video"]) if (!kinds.has(kind)) pc.addTransceiver(kind, { direction: "recvonly" });
    pc.ontrack = (event) => {
      if (this.pc !== pc) return;
      if (!remote.getTracks().includes(event.track)) remote.addTrack(event.track);
      this.options.onRemote(remote);
    };
    pc.onicecandidate = (event) => {
      if (this.pc !== pc || !event.candidate) return;
      const c = event.candidate.toJSON();
      this.options.send({
        kind: "candidate",
        candidate: { candidate: c.candidate ?? "", sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null },
      });
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      clearTimeout(this.failedTimer);
      switch (pc.connectionState) {
        case "connected":
          this.everConnected = true;
          this.options.onState("connected");
          break;
        case "disconnected":
          this.options.onState("reconnecting");
          break;
        case "failed":
          this.options.onState("reconnecting");
          this.failedTimer = setTimeout(() => {
            if (this.pc === pc && pc.connectionState === "failed") void this.start();
          }, FAILED_RETRY_MS);
          break;
        default:
          this.options.onState(this.everConnected ? "reconnecting" : "connecting");
      }
    };
    const offer = await pc.createOffer();
    if (this.pc !== pc) return;
    await pc.setLocalDescription(offer);
    if (this.pc !== pc || !pc.localDescription) return;
    this.options.send({ kind: "description", description: { type: "offer", sdp: pc.localDescription.sdp } });
  }

  async handle(data: SignalData): Promise<void> {
    if (this.closed) return;
    if (data.kind === "restart") return this.start();
    const pc = this.pc;
    if (!pc) return;
    if (data.kind === "description") {
      // The employee only offers; an answer for an older offer than the current one is refused by the browser and ignored.
      if (data.description.type !== "answer" || pc.signalingState !== "have-local-offer") return;
      try {
        await pc.setRemoteDescription(data.description);
      } catch {
        return;
      }
      for (const c of this.pending.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
      return;
    }
    if (!pc.remoteDescription) {
      this.pending.push(data.candidate);
      return;
    }
    await pc.addIceCandidate(data.candidate).catch(() => undefined);
  }

  /** Drops the current connection quietly: its late events and candidates are ignored. */
  private teardown(): void {
    clearTimeout(this.failedTimer);
    const pc = this.pc;
    this.pc = null;
    if (pc) {
      pc.ontrack = null;
      pc.onicecandidate = null;
      pc.onconnectionstatechange = null;
      pc.close();
    }
  }

  close(): void {
    this.closed = true;
    this.teardown();
  }
}
