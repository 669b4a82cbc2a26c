/**
 * The kiosk hub: one Durable Object instance (named "kiosk-hub") holding every kiosk's and
 * employee's live socket (`/kiosk/ws`) and every `/live` Server-Sent Events subscriber, since on
 * Workers each request may run in a different isolate.
 *
 * Contract with the worker (entry/workers/worker.ts):
 * - `export const KioskHub = kioskHubClass((env: Env) => composeWorkerDeps(env));` — the factory
 *   takes whatever builds `{ deps, http, rateLimiter }` from the bindings (a `WorkerSystem`). The hub
 *   replaces `deps.relay` and `deps.live` with its own sockets and subscribers.
 * - wrangler.jsonc: `durable_objects.bindings: [{ name: "KIOSK_HUB", class_name: "KioskHub" }]` and a
 *   migration `{ tag: "v1", new_sqlite_classes: ["KioskHub"] }`.
 * - The worker's fetch handler first calls `forwardToKioskHub(request, env.KIOSK_HUB)` and returns its
 *   answer when not null; its deps use `DurableObjectKioskRelay` and `createDurableObjectLiveEvents`
 *   (adapters/workers), whose `flush()` it passes to `ctx.waitUntil`.
 * Internal paths (HUB_RELAY_PATH, HUB_PUBLISH_PATH) are reachable only through the binding.
 */
import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import type { Hono } from "hono";
import { createInProcessLiveEvents } from "../../adapters/memory/in-process-live-events";
import {
  HUB_PUBLISH_PATH,
  HUB_RELAY_PATH,
  KIOSK_HUB_NAME,
  type HubBatch,
  type KioskHubNamespace,
} from "../../adapters/workers/durable-object-kiosk-relay";
import type { Deps } from "../../domain/context";
import { createApp } from "../../http/app";
import type { HttpConfig } from "../../http/config";
import { openLiveChannel } from "../../http/kiosk-live";
import type { KioskRelay, LiveRegistry, LiveSocket, Party } from "../../ports/kiosk-relay";
import type { CaseChange } from "../../ports/live-events";
import type { RateLimiter } from "../../ports/rate-limiter";

/** What the hub needs from the worker's composition root (a `WorkerSystem` has it). */
export interface HubSystem {
  deps: Deps;
  http: HttpConfig;
  rateLimiter: RateLimiter;
}

/** The parts of a Workers WebSocket the hub uses (hibernation API). */
interface HubSocket {
  readonly readyState: number;
  /** Accepts without hibernation (the socket then lives only while this instance does). */
  accept(): void;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): unknown;
}

/** The parts of `DurableObjectState` the hub uses. */
interface HubState {
  acceptWebSocket(socket: HubSocket, tags?: string[]): void;
  getWebSockets(tag?: string): HubSocket[];
}

declare const WebSocketPair: new () => { 0: HubSocket; 1: HubSocket };

interface Attachment {
  party: Party;
  token: string;
}

type Channel = Awaited<ReturnType<typeof openLiveChannel>>;

const tagOf = (party: Party) => `${party.kind}:${party.id}`;

/** Forwards what the hub serves — `/kiosk/ws` upgrades and `/live` streams — to it; null otherwise. */
export function forwardToKioskHub(request: Request, hub: KioskHubNamespace): Promise<Response> | null {
  const { pathname } = new URL(request.url);
  if (pathname !== "/kiosk/ws" && pathname !== "/live") return null;
  return hub.get(hub.idFromName(KIOSK_HUB_NAME)).fetch(request);
}

/**
 * A socket the hub accepts once the live handler knows whose it is, so it is tagged with its party
 * (a socket refused before that is accepted untagged, to be told why and closed).
 */
class HubLiveSocket implements LiveSocket {
  constructor(
    private readonly state: HubState,
    readonly socket: HubSocket,
    private readonly token: string,
    private accepted = false,
  ) {}

  accept(party: Party | null): void {
    if (this.accepted) return;
    this.accepted = true;
    // A refused socket is accepted the plain way: it only hears why and closes, and a hibernatable
    // socket closed by the server is held open some seconds longer (workerd, measured).
    if (!party) return this.socket.accept();
    this.state.acceptWebSocket(this.socket, [tagOf(party)]);
    this.socket.serializeAttachment({ party, token: this.token } satisfies Attachment);
  }

  send(text: string): void {
    this.accept(null);
    try {
      this.socket.send(text);
    } catch {
      // Closing as we speak: the close event follows.
    }
  }

  close(code?: number, reason?: string): void {
    this.accept(null);
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}

/** The registry over the hub's sockets: a party's sockets are those tagged with it. */
class HubRegistry implements LiveRegistry {
  constructor(private readonly state: HubState) {}

  add(party: Party, socket: LiveSocket): void {
    if (socket instanceof HubLiveSocket) socket.accept(party);
  }

  remove(): void {
    // The runtime forgets a closed socket by itself.
  }

  send(to: Party, message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.state.getWebSockets(tagOf(to))) {
      try {
        socket.send(text);
      } catch {
        // Closing as we speak.
      }
    }
  }

  isConnected(to: Party): boolean {
    return this.state.getWebSockets(tagOf(to)).some((s) => s.readyState === 1);
  }
}

/** A relay that stays silent until opened: a channel rebuilt after hibernation must not greet again. */
class GatedRelay implements KioskRelay {
  open = false;
  constructor(private readonly registry: LiveRegistry) {}
  send(to: Party, message: ServerMessage): void {
    if (this.open) this.registry.send(to, message);
  }
  isConnected(to: Party): boolean {
    return this.registry.isConnected(to);
  }
}

/** How long a later batch waits for an earlier one of the same isolate before going ahead of it. */
const GAP_MS = 500;
const SOURCE_IDLE_MS = 10 * 60_000;

/**
 * Hands each isolate's batches on in their sequence, whatever order their posts arrive in; a batch
 * waits at most GAP_MS for a missing earlier one, which is then handed on when (if) it comes.
 */
export class InOrder {
  private readonly sources = new Map<
    string,
    { expected: number; held: Map<number, () => void>; timer: ReturnType<typeof setTimeout> | null; seen: number }
  >();

  accept(source: string, seq: number, deliver: () => void): void {
    const now = Date.now();
    let s = this.sources.get(source);
    if (!s) {
      this.sweep(now);
      s = { expected: seq, held: new Map(), timer: null, seen: now };
      this.sources.set(source, s);
    }
    s.seen = now;
    if (seq < s.expected) return deliver(); // late, after its gap was given up
    s.held.set(seq, deliver);
    this.drain(s);
    if (s.held.size > 0 && !s.timer) {
      const waiting = s;
      waiting.timer = setTimeout(() => {
        waiting.timer = null;
        waiting.expected = Math.min(...waiting.held.keys());
        this.drain(waiting);
      }, GAP_MS);
    }
  }

  private drain(s: { expected: number; held: Map<number, () => void>; timer: ReturnType<typeof setTimeout> | null }): void {
    for (let next = s.held.get(s.expected); next; next = s.held.get(s.expected)) {
      s.held.delete(s.expected);
      s.expected++;
      next();
    }
    if (s.held.size === 0 && s.timer) {
      clearTimeout(s.timer);
      s.timer = null;
    }
  }

  private sweep(now: number): void {
    for (const [source, s] of this.sources) if (s.held.size === 0 && now - s.seen > SOURCE_IDLE_MS) this.sources.delete(source);
  }
}

/** The Durable Object class, built over the worker's composition root (see the contract above). */
export function kioskHubClass<E>(compose: (env: E) => HubSystem | Promise<HubSystem>) {
  return class KioskHub {
    private readonly registry: HubRegistry;
    private readonly live = createInProcessLiveEvents();
    private readonly order = new InOrder();
    private readonly channels = new Map<HubSocket, Promise<Channel>>();
    private composed: Promise<{ deps: Deps; app: Hono }> | null = null;

    constructor(
      private readonly state: HubState,
      private readonly env: E,
    ) {
      this.registry = new HubRegistry(state);
    }

    private system(): Promise<{ deps: Deps; app: Hono }> {
      this.composed ??= Promise.resolve(compose(this.env)).then((system) => {
        const deps: Deps = { ...system.deps, relay: this.registry, live: this.live };
        const app = createApp({
          deps,
          config: system.http,
          rateLimiter: system.rateLimiter,
          clientAddress: (c) => c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown",
        });
        return { deps, app };
      });
      this.composed.catch(() => (this.composed = null));
      return this.composed;
    }

    async fetch(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (request.method === "POST" && url.pathname === HUB_RELAY_PATH) {
        const batch = (await request.json()) as HubBatch<{ to: Party; message: ServerMessage }>;
        this.order.accept(`relay:${batch.source}`, batch.seq, () => {
          for (const { to, message } of batch.items) this.registry.send(to, message);
        });
        return new Response(null, { status: 204 });
      }
      if (request.method === "POST" && url.pathname === HUB_PUBLISH_PATH) {
        const batch = (await request.json()) as HubBatch<CaseChange>;
        this.order.accept(`live:${batch.source}`, batch.seq, () => {
          for (const change of batch.items) this.live.publish(change);
        });
        return new Response(null, { status: 204 });
      }
      if (url.pathname === "/kiosk/ws") {
        if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
          return new Response("Expected a WebSocket upgrade", { status: 426 });
        }
        return this.openSocket(url.searchParams.get("token") ?? "");
      }
      if (url.pathname === "/live") return (await this.system()).app.fetch(request);
      return new Response("Not found", { status: 404 });
    }

    private async openSocket(token: string): Promise<Response> {
      const pair = new WebSocketPair();
      const [client, server] = [pair[0], pair[1]];
      const live = new HubLiveSocket(this.state, server, token);
      const channel = this.system().then(({ deps }) => openLiveChannel(deps, this.registry, live, token));
      this.channels.set(server, channel);
      try {
        await channel;
      } catch (error) {
        this.channels.delete(server);
        this.logError("kiosk live channel failed", error);
        live.close(1011, "internal");
      }
      return new Response(null, { status: 101, webSocket: client } as ResponseInit);
    }

    /**
     * The handler of a socket; after hibernation it is rebuilt from the socket's attachment with a
     * silent relay, so neither side is greeted again nor told the other came back.
     */
    private channelOf(socket: HubSocket): Promise<Channel> {
      let channel = this.channels.get(socket);
      if (!channel) {
        const { party, token } = socket.deserializeAttachment() as Attachment;
        channel = this.system().then(async ({ deps }) => {
          deps.log.info("kiosk hub: live channel rebuilt after hibernation", { party: tagOf(party) });
          const gate = new GatedRelay(this.registry);
          const live = new HubLiveSocket(this.state, socket, token, true);
          const reopened = await openLiveChannel({ ...deps, relay: gate }, this.registry, live, token);
          gate.open = true;
          return reopened;
        });
        this.channels.set(socket, channel);
        // A rebuild that failed (the database out of reach) is tried again on the next message.
        const failed = channel;
        failed.catch(() => this.channels.get(socket) === failed && this.channels.delete(socket));
      }
      return channel;
    }

    private logError(message: string, error: unknown): void {
      const log = (fields: object) => console.error(JSON.stringify({ level: "error", message, ...fields }));
      if (!this.composed) return log({ error: String(error) });
      this.composed
        .then(({ deps }) => deps.log.error(message, { error: String(error) }))
        .catch(() => log({ error: String(error) }));
    }

    async webSocketMessage(socket: HubSocket, message: string | ArrayBuffer): Promise<void> {
      const text = typeof message === "string" ? message : new TextDecoder().decode(message);
      // Pings (every 20 s) need no handler: answering them must not rebuild one after hibernation.
      if (text.length < 64 && /^\s*\{\s*"type"\s*:\s*"ping"\s*\}\s*$/.test(text)) return;
      let channel: Channel;
      try {
        channel = await this.channelOf(socket);
      } catch (error) {
        this.logError("kiosk live channel could not be rebuilt", error);
        try {
          socket.send(JSON.stringify({ type: "error", message: "Internal error" }));
        } catch {
          // Closing as we speak.
        }
        return;
      }
      await channel?.message(text);
    }

    async webSocketClose(socket: HubSocket, code: number, reason: string): Promise<void> {
      await this.forget(socket);
      try {
        socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
      } catch {
        // Already closed.
      }
    }

    async webSocketError(socket: HubSocket): Promise<void> {
      await this.forget(socket);
    }

    private async forget(socket: HubSocket): Promise<void> {
      const channel = this.channels.get(socket);
      this.channels.delete(socket);
      (await channel?.catch(() => null))?.close();
    }
  };
}
