import type { ServerType } from "@hono/node-server";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Deps } from "../../domain/context";
import { openLiveChannel } from "../../http/kiosk-live";
import type { LiveRegistry } from "../../ports/kiosk-relay";

/** A silent connection is closed after this long (clients ping every 20 s). */
const IDLE_MS = 60_000;

/** The kiosk's live channel on Node: WebSocket upgrades of `/kiosk/ws?token=…` on the API's own port. */
export function attachKioskSockets(server: ServerType, deps: Deps, registry: LiveRegistry): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== "/kiosk/ws") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => void serveSocket(ws, url.searchParams.get("token") ?? ""));
  };
  async function serveSocket(ws: WebSocket, token: string) {
    const queued: string[] = [];
    let handler: Awaited<ReturnType<typeof openLiveChannel>> | undefined;
    let idle = setTimeout(() => ws.terminate(), IDLE_MS);
    const live = {
      send: (text: string) => ws.readyState === ws.OPEN && ws.send(text),
      close: (code?: number, reason?: string) => ws.close(code, reason),
    };
    ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
      clearTimeout(idle);
      idle = setTimeout(() => ws.terminate(), IDLE_MS);
      const text = Buffer.isBuffer(data)
        ? data.toString("utf8")
        : Array.isArray(data)
          ? Buffer.concat(data).toString("utf8")
          : Buffer.from(data).toString("utf8");
      if (handler === undefined) queued.push(text);
      else void handler?.message(text);
    });
    ws.on("close", () => {
      clearTimeout(idle);
      handler?.close();
      registry.remove(live);
    });
    ws.on("error", () => ws.terminate());
    try {
      handler = await openLiveChannel(deps, registry, live, token);
    } catch (error) {
      deps.log.error("kiosk live channel failed", { error: String(error) });
      ws.close(1011, "internal");
      return;
    }
    for (const text of queued.splice(0)) void handler?.message(text);
  }
  (server as unknown as NodeJS.EventEmitter).on("upgrade", onUpgrade);
  return {
    close() {
      (server as unknown as NodeJS.EventEmitter).off("upgrade", onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
