import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import { generateVapidKeys, type VapidKeys } from "../web/web-push-sender";

/**
 * The VAPID key pair, kept as JSON in a file readable only by its owner and made on first use:
 * browsers' push subscriptions are bound to its public key, so it must outlive restarts.
 */
export async function loadOrCreateVapidKeys(file: string): Promise<VapidKeys> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as VapidKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const keys = await generateVapidKeys();
  try {
    const handle = await open(file, "wx", 0o600);
    await handle.writeFile(JSON.stringify(keys));
    await handle.sync();
    await handle.close();
    return keys;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(await readFile(file, "utf8")) as VapidKeys;
    throw error;
  }
}
