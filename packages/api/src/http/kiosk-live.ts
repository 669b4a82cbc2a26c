import type { ClientMessage } from "@baladiya/shared/kiosk-protocol";
import type { Ctx, Deps } from "../domain/context";
import { DomainError } from "../domain/errors";
import { liveOpened } from "../domain/kiosk/live-opened";
import { relaySignal } from "../domain/kiosk/relay-signal";
import { resolveSession } from "../domain/session/resolve-session";
import type { LiveRegistry, LiveSocket } from "../ports/kiosk-relay";

const MAX_MESSAGE = 64 * 1024;

/**
 * The kiosk's live channel on any runtime: the runtime's WebSocket server hands each connection
 * here with the token from its address. Kiosks and employees only; anyone else is closed at once.
 */
export async function openLiveChannel(
  deps: Deps,
  registry: LiveRegistry,
  socket: LiveSocket,
  token: string,
): Promise<{ message(text: string): Promise<void>; close(): void } | null> {
  const actor = token ? await resolveSession({ ctx: { deps, actor: { kind: "public" } }, token }) : null;
  if (!actor || (actor.kind !== "kiosk" && actor.kind !== "staff")) {
    socket.send(JSON.stringify({ type: "error", message: "Sign in first: a kiosk or staff session is required" }));
    socket.close(4401, "unauthenticated");
    return null;
  }
  const ctx: Ctx = { deps, actor };
  registry.add(actor.kind === "kiosk" ? { kind: "kiosk", id: actor.kioskId } : { kind: "staff", id: actor.staffId }, socket);
  await liveOpened({ ctx });
  return {
    async message(text) {
      if (text.length > MAX_MESSAGE) return;
      let parsed: ClientMessage;
      try {
        parsed = JSON.parse(text) as ClientMessage;
      } catch {
        socket.send(JSON.stringify({ type: "error", message: "Not JSON" }));
        return;
      }
      if (parsed.type === "ping") return;
      if (
        parsed.type !== "signal" ||
        typeof parsed.callId !== "string" ||
        typeof parsed.data !== "object" ||
        parsed.data === null
      ) {
        socket.send(JSON.stringify({ type: "error", message: "Unknown message" }));
        return;
      }
      try {
        await relaySignal({ ctx, callId: parsed.callId, data: parsed.data });
      } catch (error) {
        const message = error instanceof DomainError ? error.message : "Internal error";
        if (!(error instanceof DomainError)) deps.log.error("kiosk signal failed", { error: String(error) });
        socket.send(JSON.stringify({ type: "error", message }));
      }
    },
    close() {
      registry.remove(socket);
    },
  };
}
