import { DEFAULT_HTTP_CONFIG, type HttpConfig } from "@baladiya/api/http/config";
import { startServer, type RunningServer } from "@baladiya/api/entry/node/server";
import type { Policy } from "@baladiya/api/domain/context";
import type { Logger } from "@baladiya/api/ports/logger";
import { createTestSystem, type TestSystem } from "./system";

export interface TestServer extends TestSystem {
  server: RunningServer;
  url: string;
}

/** The real HTTP server (Hono on Node) over a real temporary system, on a free loopback port. */
export async function startTestServer(
  http: Omit<Partial<HttpConfig>, "rateLimits"> & { rateLimits?: Partial<HttpConfig["rateLimits"]> } = {},
  options: { start?: Date; webDist?: string; log?: Logger; policy?: Partial<Policy> } = {},
): Promise<TestServer> {
  const sys = await createTestSystem(options);
  const server = await startServer({
    deps: sys.deps,
    http: { ...DEFAULT_HTTP_CONFIG, ...http, rateLimits: { ...DEFAULT_HTTP_CONFIG.rateLimits, ...http.rateLimits } },
    port: 0,
    host: "127.0.0.1",
    webDist: options.webDist ?? null,
  });
  return {
    ...sys,
    server,
    url: server.url,
    async close() {
      await server.close();
      await sys.close();
    },
  };
}
