import type { RateDecision, RateLimiter } from "../../ports/rate-limiter";

/**
 * Per-bucket token buckets held in this isolate's memory: exact for the single Node process of the
 * embedded default; on Workers each isolate limits on its own (a Durable Object would be global).
 */
export function createTokenBucketRateLimiter(now: () => number = () => Date.now(), maxBuckets = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(bucket: string, limitPerMinute: number): RateDecision {
      const t = now();
      const perMs = limitPerMinute / 60_000;
      let b = buckets.get(bucket);
      if (!b) {
        if (buckets.size >= maxBuckets) buckets.clear();
        b = { tokens: limitPerMinute, at: t };
        buckets.set(bucket, b);
      } else {
        b.tokens = Math.min(limitPerMinute, b.tokens + (t - b.at) * perMs);
        b.at = t;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
  };
}
