import type { ClientMessage, ServerMessage } from "@baladiya/shared/kiosk-protocol";

export type ChannelState = "connecting" | "open" | "closed" | "refused";

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];
const PING_MS = 20_000;
/** The server closes a socket whose token it refuses with this code: retrying would not help. */
const REFUSED = 4401;

export interface KioskChannel {
  send(message: ClientMessage): boolean;
  close(): void;
}

/**
 * The employee's side of `/kiosk/ws`: reconnects with backoff (0.5 s, 1 s, 2 s … at most 5 s) and
 * pings every 20 s so the server keeps the socket. Messages that are not JSON are dropped.
 */
export function openKioskChannel(
  token: () => string | null,
  onMessage: (message: ServerMessage) => void,
  onState: (state: ChannelState) => void,
): KioskChannel {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;

  const connect = () => {
    const t = token();
    if (closed || !t) return;
    onState("connecting");
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/kiosk/ws?token=${encodeURIComponent(t)}`);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      onState("open");
      clearInterval(ping);
      ping = setInterval(() => send({ type: "ping" }), PING_MS);
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== "string") return;
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      onMessage(message);
    };
    ws.onclose = (event: CloseEvent) => {
      clearInterval(ping);
      if (socket === ws) socket = null;
      if (closed) return;
      if (event.code === REFUSED) {
        onState("refused");
        return;
      }
      onState("closed");
      const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 5000;
      attempt++;
      retry = setTimeout(connect, wait);
    };
  };

  function send(message: ClientMessage): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  connect();
  return {
    send,
    close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close(1000, "bye");
      socket = null;
    },
  };
}
