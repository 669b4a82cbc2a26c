import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { cosignCheckpoint, openSignedNote, verifyTreeHead, witnessVerifierKey } from "@baladiya/shared/ledger/checkpoint";
import { bytesToHex, hexToBytes } from "@baladiya/shared/ledger/encoding";
import { verifyConsistency } from "@baladiya/shared/ledger/merkle";
import { ed25519 } from "@noble/curves/ed25519.js";
import { loadOrCreateKey } from "../../adapters/node/key-file";

/** What a witness remembers between runs: the log's key it first trusted and the last head it signed. */
interface WitnessState {
  logVkey: string;
  size: number;
  root: string;
  note: string;
}

export interface WitnessOptions {
  url: string;
  name: string;
  dir: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

export type WitnessOutcome =
  { ok: true; size: number; root: string; cosigned: boolean; grewBy: number } | { ok: false; alarm: string };

/** The witness's own key pair and its verifier key, which the log's administrator registers. */
export async function witnessIdentity(options: Pick<WitnessOptions, "name" | "dir">) {
  const secretKey = await loadOrCreateKey(path.join(options.dir, "witness-ed25519.key"));
  const publicKey = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey, vkey: witnessVerifierKey(options.name, publicKey) };
}

async function loadState(file: string): Promise<WitnessState | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as WitnessState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function saveState(file: string, state: WitnessState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(state, null, 2));
  await rename(`${file}.tmp`, file);
}

/**
 * One round of witnessing, as an outside body runs it: fetch the log's latest checkpoint, check its
 * signature with the key first seen, check it extends the last checkpoint this witness signed (a
 * consistency proof; the same size with another root is a fork), co-sign it and hand the
 * co-signature back. Any inconsistency is an alarm, and nothing is signed.
 */
export async function witnessOnce(options: WitnessOptions): Promise<WitnessOutcome> {
  const get = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, "");
  const stateFile = path.join(options.dir, "witness-state.json");
  const me = await witnessIdentity(options);
  const state = await loadState(stateFile);
  const json = async <T>(res: Response): Promise<T> => {
    if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const key = await json<{ vkey: string }>(await get(`${base}/ledger/key`));
  if (state && key.vkey !== state.logVkey)
    return { ok: false, alarm: `the log's key changed from ${state.logVkey} to ${key.vkey}` };
  const noteRes = await get(`${base}/ledger/checkpoint`);
  if (!noteRes.ok) throw new Error(`${noteRes.url} answered ${noteRes.status}`);
  const note = await noteRes.text();
  const signed = verifyTreeHead(note, key.vkey);
  if (!signed.ok) return { ok: false, alarm: `the checkpoint's signature does not verify: ${signed.reason}` };
  const cp = signed.checkpoint;
  const root = bytesToHex(cp.root);
  if (state) {
    if (cp.size < state.size) return { ok: false, alarm: `the log shrank from ${state.size} to ${cp.size} leaves (a rollback)` };
    if (cp.size === state.size && root !== state.root)
      return { ok: false, alarm: `FORK: two different heads for size ${cp.size}: ${state.root} and ${root}` };
    if (cp.size > state.size && state.size > 0) {
      const proof = await json<{ proof: string[] }>(
        await get(`${base}/ledger/proof/consistency?from=${state.size}&to=${cp.size}`),
      );
      const consistent = verifyConsistency({
        size1: state.size,
        size2: cp.size,
        proof: proof.proof.map(hexToBytes),
        root1: hexToBytes(state.root),
        root2: cp.root,
      });
      if (!consistent)
        return {
          ok: false,
          alarm: `FORK: the head of size ${cp.size} does not extend the head of size ${state.size} this witness signed`,
        };
    }
  }
  const body = openSignedNote(note).body;
  const time = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const line = cosignCheckpoint(body, { name: options.name, secretKey: me.secretKey, time });
  const res = await get(`${base}/ledger/cosignature`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ size: cp.size, root, witness: options.name, line }),
  });
  const stored = await json<{ stored: boolean }>(res);
  await saveState(stateFile, { logVkey: key.vkey, size: cp.size, root, note });
  return { ok: true, size: cp.size, root, cosigned: stored.stored, grewBy: cp.size - (state?.size ?? 0) };
}
