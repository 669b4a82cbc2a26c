import type { ClientMessage, ServerMessage } from "@baladiya/shared/kiosk-protocol";
import { createSignal } from "solid-js";
import { currentToken, onNewToken, reactivate } from "./api";

/**
 * The kiosk's live channel (`/kiosk/ws`): queue updates, the employee's documents and results, and
 * WebRTC signalling. Reconnects on close with backoff (0.5 s, 1 s, 2 s … 5 s) and pings every 20 s.
 */
type Listener = (message: ServerMessage) => void;
type OpenListener = (reopened: boolean) => void;

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];
const PING_MS = 20_000;

let socket: WebSocket | null = null;
let attempt = 0;
let everOpened = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let pingTimer: ReturnType<typeof setInterval> | undefined;
let wanted = false;
const listeners = new Set<Listener>();
const openListeners = new Set<OpenListener>();

const [liveUp, setLiveUp] = createSignal(false);
/** Whether the channel is open now. */
export { liveUp };

export function onLiveMessage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `reopened`: the channel had been open before and dropped (the call may need a fresh connection). */
export function onLiveOpen(listener: OpenListener): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

export function sendLive(message: ClientMessage): boolean {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(message));
  return true;
}

function address(token: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/kiosk/ws?token=${encodeURIComponent(token)}`;
}

function scheduleRetry(): void {
  if (!wanted) return;
  clearTimeout(retryTimer);
  const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 5000;
  attempt++;
  retryTimer = setTimeout(open, delay);
}

function open(): void {
  const token = currentToken();
  if (!wanted || !token) return;
  const ws = new WebSocket(address(token));
  socket = ws;
  ws.addEventListener("open", () => {
    if (socket !== ws) return;
    attempt = 0;
    setLiveUp(true);
    clearInterval(pingTimer);
    pingTimer = setInterval(() => sendLive({ type: "ping" }), PING_MS);
    const reopened = everOpened;
    everOpened = true;
    openListeners.forEach((listener) => listener(reopened));
  });
  ws.addEventListener("message", (event: MessageEvent) => {
    if (socket !== ws || typeof event.data !== "string") return;
    let message: ServerMessage;
    try {
      message = JSON.parse(event.data) as ServerMessage;
    } catch {
      return;
    }
    listeners.forEach((listener) => listener(message));
  });
  ws.addEventListener("close", (event: CloseEvent) => {
    if (socket !== ws) return;
    socket = null;
    setLiveUp(false);
    clearInterval(pingTimer);
    // 4401: the token is no longer valid; a new session first (onNewToken reconnects).
    if (event.code === 4401 && wanted) {
      reactivate().catch(() => scheduleRetry());
      return;
    }
    scheduleRetry();
  });
}

/** Opens the channel (idempotent); it stays up, reconnecting, until stopLive. */
export function startLive(): void {
  wanted = true;
  if (socket) return;
  clearTimeout(retryTimer);
  open();
}

export function stopLive(): void {
  wanted = false;
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  const ws = socket;
  socket = null;
  ws?.close();
  setLiveUp(false);
}

// A new token: reconnect with it, so the server sees the kiosk's current session.
onNewToken(() => {
  if (!wanted) return;
  const ws = socket;
  socket = null;
  ws?.close();
  clearTimeout(retryTimer);
  attempt = 0;
  open();
});
