import type { BlobBody, BlobHead, BlobPutOptions, BlobStore } from "../../ports/blob-store";

/** The BlobStore's memory twin, for fast tests. */
export function createMemoryBlobStore(): BlobStore & { keys(): string[] } {
  const objects = new Map<string, { bytes: Uint8Array; options: BlobPutOptions }>();
  const head = (key: string): BlobHead | null => {
    const o = objects.get(key);
    return o ? { key, size: o.bytes.byteLength, ...o.options } : null;
  };
  return {
    async put(key, value, options = {}) {
      objects.set(key, { bytes: new Uint8Array(value.slice(0)), options });
    },
    async get(key): Promise<BlobBody | null> {
      const o = objects.get(key);
      const h = head(key);
      if (!o || !h) return null;
      return { ...h, arrayBuffer: async () => o.bytes.slice().buffer };
    },
    async head(key) {
      return head(key);
    },
    async delete(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) objects.delete(k);
    },
    keys: () => [...objects.keys()].sort(),
  };
}
