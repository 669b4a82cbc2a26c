/** The subset of Cloudflare R2's bucket API we use, so an R2 binding satisfies it as is. */
export interface BlobPutOptions {
  httpMetadata?: { contentType?: string };
  customMetadata?: Record<string, string>;
}

export interface BlobHead {
  key: string;
  size: number;
  httpMetadata?: { contentType?: string };
  customMetadata?: Record<string, string>;
}

export interface BlobBody extends BlobHead {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface BlobStore {
  put(key: string, value: Uint8Array | ArrayBuffer, options?: BlobPutOptions): Promise<unknown>;
  get(key: string): Promise<BlobBody | null>;
  head(key: string): Promise<BlobHead | null>;
  delete(keys: string | string[]): Promise<void>;
}
