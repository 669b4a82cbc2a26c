import type { MojGateway, MojPackage, MojReceipt } from "../../ports/moj-gateway";

/** Posts the package as JSON to the Ministry's endpoint; anything but a 2xx receipt is an error (retried). */
export function createHttpMojGateway(options: {
  endpoint: string;
  publicKey: string;
  apiKey?: string;
  timeoutMs?: number;
}): MojGateway {
  return {
    publicKey: options.publicKey,
    async forward(pkg: MojPackage): Promise<MojReceipt> {
      const response = await fetch(options.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify(pkg),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (!response.ok)
        throw new Error(`The Ministry's endpoint answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return (await response.json()) as MojReceipt;
    },
  };
}
