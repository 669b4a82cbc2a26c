export interface RateDecision {
  allowed: boolean;
  /** Seconds until one more request would be allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(bucket: string, limitPerMinute: number): RateDecision;
}
