import type { Hasher } from "../../ports/hasher";

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/**
 * RFC 9162 leaf and node hashes with the runtime's fastest SHA-256 (the shared module uses a
 * portable one for browsers; tests check both agree): the seal and the audit hash every leaf.
 */
export function treeHashing(hasher: Pick<Hasher, "sha256">) {
  return {
    /** SHA-256(0x00 ‖ UTF-8 entry). */
    leaf: (entry: string | Uint8Array) => hasher.sha256(LEAF, entry),
    node: (left: Uint8Array, right: Uint8Array) => hasher.sha256(NODE, left, right),
    /** SHA-256(salt ‖ UTF-8 content). */
    content: (salt: Uint8Array, content: string) => hasher.sha256(salt, content),
  };
}
export type TreeHashing = ReturnType<typeof treeHashing>;
