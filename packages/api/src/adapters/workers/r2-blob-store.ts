import type { BlobStore } from "../../ports/blob-store";

/** The minimal shape of an R2 bucket binding this adapter relies on (the full type is `R2Bucket`). */
export interface R2BucketLike {
  put(
    key: string,
    value: ArrayBuffer | Uint8Array,
    options?: { httpMetadata?: { contentType?: string }; customMetadata?: Record<string, string> },
  ): Promise<unknown>;
  get(
    key: string,
  ): Promise<{ key: string; size: number; httpMetadata?: { contentType?: string }; arrayBuffer(): Promise<ArrayBuffer> } | null>;
  head(key: string): Promise<{ key: string; size: number; httpMetadata?: { contentType?: string } } | null>;
  delete(keys: string | string[]): Promise<void>;
}

/** Photos and scans in an R2 bucket binding on Workers. */
export function createR2BlobStore(bucket: R2BucketLike): BlobStore {
  return {
    put: (key, value, options) => bucket.put(key, value, options),
    get: (key) => bucket.get(key),
    head: (key) => bucket.head(key),
    delete: (keys) => bucket.delete(keys),
  };
}
