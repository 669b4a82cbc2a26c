import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import type { Logger } from "../../ports/logger";
import type { KioskRelay, Party } from "../../ports/kiosk-relay";

/** The part of a Durable Object namespace binding (`env.KIOSK_HUB`) the hub's clients use. */
export interface KioskHubNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

/** The one hub instance that holds every live socket and `/live` subscriber. */
export const KIOSK_HUB_NAME = "kiosk-hub";
/** Internal paths: the worker never forwards a public request to them. */
export const HUB_RELAY_PATH = "/__hub/relay";
export const HUB_PUBLISH_PATH = "/__hub/publish";

/** Batches posted to the hub carry their sender's sequence, so the hub hands them on in order. */
export interface HubBatch<T> {
  source: string;
  seq: number;
  items: T[];
}

/**
 * Posts items to the hub from a worker isolate: the items of one synchronous run go as one batch,
 * batches are numbered per isolate, and `flush()` waits for every post still in flight (the
 * worker's fetch handler passes it to `ctx.waitUntil`, or the isolate may drop them).
 */
export class HubPoster<T> {
  private queued: T[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly source = crypto.randomUUID();
  private seq = 0;

  constructor(
    private readonly hub: KioskHubNamespace,
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  push(item: T): void {
    this.queued.push(item);
    // A microtask runs in the request that queued the item: Workers refuse I/O for another request.
    if (this.queued.length === 1) queueMicrotask(() => this.post());
  }

  private post(): void {
    if (this.queued.length === 0) return;
    const batch: HubBatch<T> = { source: this.source, seq: this.seq++, items: this.queued };
    this.queued = [];
    // A stub per post: a stub belongs to the request that made it.
    const stub = this.hub.get(this.hub.idFromName(KIOSK_HUB_NAME));
    const request = new Request(`https://kiosk-hub${this.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
    });
    const done = stub
      .fetch(request)
      .then(async (response) => {
        if (!response.ok) throw new Error(`kiosk hub answered ${response.status}: ${await response.text()}`);
        await response.body?.cancel();
      })
      .catch((error: unknown) => this.log.error("kiosk hub post failed", { path: this.path, error: String(error) }))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  async flush(): Promise<void> {
    this.post();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

/**
 * The KioskRelay of a worker isolate: each message goes to the kiosk hub Durable Object, which
 * holds the parties' sockets (entry/workers/kiosk-hub.ts). Delivery is after the call returns.
 */
export class DurableObjectKioskRelay implements KioskRelay {
  private readonly poster: HubPoster<{ to: Party; message: ServerMessage }>;

  constructor(hub: KioskHubNamespace, log: Logger) {
    this.poster = new HubPoster(hub, HUB_RELAY_PATH, log);
  }

  send(to: Party, message: ServerMessage): void {
    this.poster.push({ to, message });
  }

  /** Sockets live in the hub, so a worker isolate cannot tell synchronously; it answers no. */
  isConnected(): boolean {
    return false;
  }

  flush(): Promise<void> {
    return this.poster.flush();
  }
}
