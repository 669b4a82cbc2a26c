import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../db/schema";
import type { Deps } from "../context";
import { DomainError } from "../errors";

export interface ApiClient {
  id: string;
  name: string;
  rateLimitPerMinute: number | null;
}

/** Resolves an API key to its client; an unknown or revoked key is UNAUTHENTICATED. */
export async function authenticateApiKey({ deps, key }: { deps: Deps; key: string | undefined }): Promise<ApiClient> {
  if (!key) throw new DomainError("UNAUTHENTICATED", "api_key is required");
  if (key.length > 200) throw new DomainError("UNAUTHENTICATED", "Invalid api_key");
  const keyHash = await deps.hasher.sha256Hex(key);
  const [row] = await deps.store.read((db) =>
    db
      .select({ id: apiKeys.id, name: apiKeys.name, rateLimitPerMinute: apiKeys.rateLimitPerMinute })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt))),
  );
  if (!row) throw new DomainError("UNAUTHENTICATED", "Invalid api_key");
  return row;
}
