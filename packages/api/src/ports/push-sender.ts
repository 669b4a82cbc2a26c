/** A browser's push subscription (PushSubscription.toJSON(): endpoint and base64url keys). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and encrypted payloads (RFC 8291). `send` resolves
 * "gone" when the push service says the subscription no longer exists (404/410), and throws when
 * the message could not be handed over (try again later).
 */
export interface PushSender {
  /** The VAPID public key (base64url, uncompressed P-256 point) browsers subscribe with. */
  readonly publicKey: string;
  /** Why a subscription endpoint may not be used (e.g. not https), or null when it may. */
  checkEndpoint(endpoint: string): string | null;
  send(
    target: PushTarget,
    payload: string,
    options?: { ttlSeconds?: number; urgency?: "low" | "normal" | "high" },
  ): Promise<"sent" | "gone">;
}
