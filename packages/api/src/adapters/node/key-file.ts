import { randomBytes } from "node:crypto";
import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";

/** A secret key kept in a file readable only by its owner; made on first use. */
export async function loadOrCreateKey(file: string, bytes = 32): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(bytes);
  try {
    const handle = await open(file, "wx", 0o600);
    await handle.writeFile(key);
    await handle.sync();
    await handle.close();
    return new Uint8Array(key);
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return new Uint8Array(await readFile(file));
    throw error;
  }
}
