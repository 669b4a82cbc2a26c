import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { BlobBody, BlobHead, BlobStore } from "../../ports/blob-store";

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pdf: "application/pdf",
};

function contentTypeOf(key: string): string {
  return CONTENT_TYPES[key.split(".").pop() ?? ""] ?? "application/octet-stream";
}

/** Blobs as files under `root`: written to a temporary name, flushed, then renamed into place. */
export function createFsBlobStore(root: string): BlobStore {
  const fileOf = (key: string) => {
    if (!/^[a-z0-9][a-z0-9/._-]*$/i.test(key) || key.includes("..")) throw new Error(`Invalid blob key: ${key}`);
    return path.join(root, key);
  };
  const head = async (key: string): Promise<BlobHead | null> => {
    try {
      const s = await stat(fileOf(key));
      return { key, size: s.size, httpMetadata: { contentType: contentTypeOf(key) } };
    } catch {
      return null;
    }
  };
  return {
    async put(key, value) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      const handle = await open(tmp, "w");
      try {
        await handle.writeFile(value instanceof Uint8Array ? value : new Uint8Array(value));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    },
    async get(key): Promise<BlobBody | null> {
      const h = await head(key);
      if (!h) return null;
      const file = fileOf(key);
      return {
        ...h,
        arrayBuffer: async () => {
          const buf = await readFile(file);
          return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
        },
      };
    },
    head,
    async delete(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) await rm(fileOf(k), { force: true });
    },
  };
}
