import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { IncomingMessage } from "node:http";
import { createTokenBucketRateLimiter } from "../../adapters/memory/token-bucket-rate-limiter";
import { createApp } from "../../http/app";
import type { HttpConfig } from "../../http/config";
import type { Deps } from "../../domain/context";
import { mountStaticSite } from "./static-site";
import { attachKioskSockets } from "./kiosk-sockets";
import type { LiveRegistry } from "../../ports/kiosk-relay";
import type { ReplicaStatus } from "../../ports/replica-status";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the whole system from one Node process: API, Open311, media and the web app. */
export async function startServer(options: {
  deps: Deps;
  http: HttpConfig;
  port: number;
  host?: string;
  webDist?: string | null;
  /** A branch replica's standing, reported by /health. */
  replicaStatus?: () => ReplicaStatus;
}): Promise<RunningServer> {
  const app = createApp({
    ...(options.replicaStatus ? { replicaStatus: options.replicaStatus } : {}),
    deps: options.deps,
    config: options.http,
    rateLimiter: createTokenBucketRateLimiter(),
    clientAddress: (c) => getConnInfo(c).remote.address ?? "unknown",
    readText: (c) => {
      // Straight from Node's stream: undici's Request body path costs more than the intake itself.
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      if (!incoming || incoming.readableEnded) return null;
      return new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        incoming.on("error", reject);
      });
    },
  });
  if (options.webDist) mountStaticSite(app, options.webDist);
  const host = options.host ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${options.port} on ${host} is already in use: stop the other server or set PORT`)
          : error,
      ),
    );
  });
  // The kiosk's live channel (/kiosk/ws) rides on the same port.
  const registry = "add" in options.deps.relay ? (options.deps.relay as LiveRegistry) : null;
  const sockets = registry ? attachKioskSockets(server, options.deps, registry) : null;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sockets?.close();
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
