import type { CaseChange, LiveEvents } from "../../ports/live-events";
import type { Logger } from "../../ports/logger";
import { HUB_PUBLISH_PATH, HubPoster, type KioskHubNamespace } from "./durable-object-kiosk-relay";

/**
 * LiveEvents of a worker isolate: changes are published to the kiosk hub Durable Object, which
 * holds every `/live` subscriber (the worker forwards `/live` there). `flush()` goes to
 * `ctx.waitUntil`, like the relay's.
 */
export function createDurableObjectLiveEvents(hub: KioskHubNamespace, log: Logger): LiveEvents & { flush(): Promise<void> } {
  const poster = new HubPoster<CaseChange>(hub, HUB_PUBLISH_PATH, log);
  return {
    publish(change) {
      poster.push(change);
    },
    subscribe() {
      // Subscribers in a worker isolate would hear only this isolate's changes: a wiring mistake.
      throw new Error("On Workers, /live is served by the kiosk hub Durable Object: forward the request to it");
    },
    flush: () => poster.flush(),
  };
}
