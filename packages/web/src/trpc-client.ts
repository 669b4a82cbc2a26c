import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";

/**
 * A tRPC client that sends `token()` as a bearer token (the resident's session, or the staff
 * session). Multipart bodies (photos) cannot be batched; everything else is, and queries go by POST
 * too: a follow-up token must not travel in a URL.
 */
export function createApiClient(token: () => string | null | undefined) {
  const url = "/trpc";
  const headers = (): Record<string, string> => {
    const t = token();
    return t ? { Authorization: `Bearer ${t}` } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url, headers }),
        false: httpBatchLink({ url, methodOverride: "POST", headers }),
      }),
    ],
  });
}
