import type { BlobStore } from "../ports/blob-store";
import type { Clock } from "../ports/clock";
import type { Hasher } from "../ports/hasher";
import type { Ids } from "../ports/ids";
import type { ImageProcessor } from "../ports/image-processor";
import type { Logger } from "../ports/logger";
import type { Notifier } from "../ports/notifier";
import type { Store } from "../ports/store";
import type { TokenIssuer } from "../ports/token-issuer";
import type { ViewCache } from "../ports/view-cache";
import type { ReferenceCache } from "./reference/reference-cache";

export interface Deps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ids: Ids;
  hasher: Hasher;
  tokens: TokenIssuer;
  notifier: Notifier;
  images: ImageProcessor;
  reference: ReferenceCache;
  log: Logger;
  /** Public case views, keyed by tracking number and last change. */
  views: ViewCache;
}

export type Actor =
  | { kind: "public" }
  | { kind: "citizen"; ref: string | null }
  | { kind: "api_client"; apiKeyId: string; name: string }
  | { kind: "system"; name: string };

export interface Ctx {
  deps: Deps;
  actor: Actor;
}

export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case "api_client":
      return actor.apiKeyId;
    case "citizen":
      return actor.ref;
    case "system":
      return actor.name;
    case "public":
      return null;
  }
}
