/** What the HTTP layer needs to know, read from the environment by each entry point. */
export interface HttpConfig {
  /** Absolute base for links in API answers; the request's own origin when unset. */
  publicUrl: string | null;
  /** A raster tile server for the web map (`{z}/{x}/{y}` template); null draws the area layer only. */
  tiles: { url: string; attribution: string | null } | null;
  /** Open311 `jurisdiction_id` this endpoint answers for. */
  jurisdictionId: string;
  rateLimits: {
    /** Default per API key, per minute, when the key has no limit of its own. */
    perApiKeyPerMinute: number;
    /** Per client address, per minute, over Open311 and tRPC. */
    perAddressPerMinute: number;
    /** Sign-in codes (text messages) one client address may ask for, per minute. */
    signInCodesPerAddressPerMinute: number;
    /** Staff sign-in attempts from one client address, per minute. */
    staffSignInsPerAddressPerMinute: number;
  };
}

export const DEFAULT_HTTP_CONFIG: HttpConfig = {
  publicUrl: null,
  tiles: null,
  jurisdictionId: "kuwait-municipality",
  rateLimits: {
    perApiKeyPerMinute: 600,
    perAddressPerMinute: 1200,
    signInCodesPerAddressPerMinute: 5,
    staffSignInsPerAddressPerMinute: 30,
  },
};
