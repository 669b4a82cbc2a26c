import { createHash } from "node:crypto";
import { formatCheckpoint } from "@baladiya/shared/ledger/checkpoint";
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  rangeHash,
  rootOf,
  type SubtreeHash,
  verifyConsistency,
  verifyInclusion,
} from "@baladiya/shared/ledger/merkle";
import { LogCheckpoint } from "@sigstore/verify/dist/tlog/checkpoint.js";
import { verifyMerkleInclusion } from "@sigstore/verify/dist/tlog/merkle.js";
import { describe, expect, it } from "vitest";

// The hashes of RFC 9162 §2.1.1, computed here with node:crypto, apart from the code under test.
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const L = (entry: Uint8Array) => sha256(Uint8Array.of(0x00), entry);
const N = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(0x01), left, right);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const unhex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
const text = (s: string) => new TextEncoder().encode(s);

/** Every perfect aligned subtree of the leaves, level by level, built pairwise with node:crypto. */
function perfectStore(leaves: Uint8Array[]): SubtreeHash {
  const levels: Uint8Array[][] = [leaves];
  for (let below = leaves; below.length >= 2;) {
    const up = Array.from({ length: Math.floor(below.length / 2) }, (_, i) => N(below[2 * i]!, below[2 * i + 1]!));
    levels.push(up);
    below = up;
  }
  return (level, index) => {
    const hash = levels[level]?.[index];
    if (!hash) throw new Error(`no perfect subtree at level ${level}, index ${index}`);
    return hash;
  };
}

describe("RFC 9162 §2.1.1 hashes", () => {
  it("hashes a leaf as SHA-256(0x00 ‖ entry) and a node as SHA-256(0x01 ‖ left ‖ right)", () => {
    const entry = text("case HW-2026-000123 opened");
    expect(hex(leafHash(entry))).toBe(hex(L(entry)));
    const [a, b] = [L(text("a")), L(text("b"))];
    expect(hex(nodeHash(a, b))).toBe(hex(N(a, b)));
    expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
  });

  it("gives the empty tree the hash of the empty string", () => {
    expect(hex(EMPTY_ROOT)).toBe(hex(sha256()));
    expect(hex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(rootOf([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(rangeHash(0, 0, perfectStore([])))).toBe(hex(EMPTY_ROOT));
  });
});

describe("tree heads derived by hand from the RFC's definition", () => {
  const d = Array.from({ length: 8 }, (_, i) => text(`d${i}`));
  const [a, b, c, dd, e, f, d6, d7] = d.map(L) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  // The tree of seven leaves as RFC 9162 §2.1.5 (RFC 6962 §2.1.3) draws it:
  //
  //            hash
  //           /    \
  //          k      l
  //         / \    / \
  //        g   h  i   j
  //       / \ / \ / \  |
  //       a b c d e f d6
  //       | | | | | |
  //      d0 d1 d2 d3 d4 d5
  const g = N(a, b);
  const h = N(c, dd);
  const i = N(e, f);
  const j = d6;
  const k = N(g, h);
  const l = N(i, j);
  const hash7 = N(k, l);
  const expected: Record<number, Uint8Array> = {
    1: a,
    2: N(a, b),
    // 3 = 2 + 1: the left subtree is the largest power of two smaller than n.
    3: N(N(a, b), c),
    4: N(N(a, b), N(c, dd)),
    5: N(N(N(a, b), N(c, dd)), e),
    7: hash7,
    8: N(N(N(a, b), N(c, dd)), N(N(e, f), N(d6, d7))),
  };
  const leaves = [a, b, c, dd, e, f, d6, d7];
  const get = perfectStore(leaves);

  it.each(Object.keys(expected).map(Number))("computes the root of %i leaves, from all leaves and from stored subtrees", (n) => {
    expect(hex(rootOf(leaves.slice(0, n)))).toBe(hex(expected[n]!));
    expect(hex(rangeHash(0, n, get))).toBe(hex(expected[n]!));
  });

  it("gives the RFC's audit paths for d0, d3, d4 and d6 in the tree of seven", () => {
    const paths: [number, Uint8Array[]][] = [
      [0, [b, h, l]],
      [3, [c, g, l]],
      [4, [f, j, k]],
      [6, [i, k]],
    ];
    for (const [index, path] of paths) {
      expect(inclusionProof(index, 7, get).map(hex)).toEqual(path.map(hex));
      expect(verifyInclusion({ leafHash: leaves[index]!, index, size: 7, proof: path, root: hash7 })).toBe(true);
    }
  });

  it("gives the RFC's consistency proofs from the trees of three, four and six to the tree of seven", () => {
    const proofs: [number, Uint8Array, Uint8Array[]][] = [
      // hash0 = MTH(d0..d2); PROOF(3, D[7]) = [c, d, g, l]
      [3, N(g, c), [c, dd, g, l]],
      // hash1 = k; PROOF(4, D[7]) = [l]
      [4, k, [l]],
      // hash2 = MTH(d0..d5) = N(k, i); PROOF(6, D[7]) = [i, j, k]
      [6, N(k, i), [i, j, k]],
    ];
    for (const [size1, root1, proof] of proofs) {
      expect(consistencyProof(size1, 7, get).map(hex)).toEqual(proof.map(hex));
      expect(verifyConsistency({ size1, size2: 7, proof, root1, root2: hash7 })).toBe(true);
    }
  });
});

describe("Certificate Transparency reference vectors", () => {
  // From transparency-dev/merkle, testonly/constants.go (LeafInputs, RootHashes, NodeHashes): the
  // test data of the Certificate Transparency and Trillian Merkle tree implementations.
  const inputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
  const roots = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ];
  const nodeHashes = [
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
      "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ],
    [
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ],
    [
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
  ];
  const leaves = inputs.map((h) => leafHash(unhex(h)));
  const get = perfectStore(leaves);

  it("matches the published root of every size from 0 to 8", () => {
    for (let n = 0; n <= 8; n++) {
      expect(hex(rootOf(leaves.slice(0, n))), `size ${n}`).toBe(roots[n]);
      expect(hex(rangeHash(0, n, get)), `size ${n}`).toBe(roots[n]);
    }
  });

  it("matches the published hash of every perfect subtree", () => {
    nodeHashes.forEach((level, l) =>
      level.forEach((expectedHash, index) =>
        expect(hex(rangeHash(index * 2 ** l, (index + 1) * 2 ** l, get))).toBe(expectedHash),
      ),
    );
  });

  // From transparency-dev/merkle, proof/verify_test.go (inclusionProofs, consistencyProofs); there the
  // leaf is numbered from 1, here the index from 0.
  const inclusionVectors: [number, number, string[]][] = [
    [0, 1, []],
    [
      0,
      8,
      [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ],
    ],
    [
      5,
      8,
      [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    ],
    [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
    [
      1,
      5,
      [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      ],
    ],
  ];
  const consistencyVectors: [number, number, string[]][] = [
    [1, 1, []],
    [
      1,
      8,
      [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ],
    ],
    [
      6,
      8,
      [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    ],
    [
      2,
      5,
      [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      ],
    ],
    [
      6,
      7,
      [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    ],
  ];

  it.each(inclusionVectors)("builds and accepts the published inclusion proof of leaf %i in %i", (index, size, proof) => {
    expect(inclusionProof(index, size, get).map(hex)).toEqual(proof);
    expect(verifyInclusion({ leafHash: leaves[index]!, index, size, proof: proof.map(unhex), root: unhex(roots[size]!) })).toBe(
      true,
    );
  });

  it.each(consistencyVectors)("builds and accepts the published consistency proof from %i to %i", (size1, size2, proof) => {
    expect(consistencyProof(size1, size2, get).map(hex)).toEqual(proof);
    const claim = { size1, size2, proof: proof.map(unhex), root1: unhex(roots[size1]!), root2: unhex(roots[size2]!) };
    expect(verifyConsistency(claim)).toBe(true);
  });
});

/** @sigstore/verify's own RFC 6962 inclusion check (BigInt arithmetic); it throws when the proof fails. */
function sigstoreAccepts(entry: Uint8Array, index: number, size: number, proof: Uint8Array[], root: Uint8Array): boolean {
  try {
    verifyMerkleInclusion(
      {
        canonicalizedBody: Buffer.from(entry),
        inclusionProof: { logIndex: String(index), hashes: proof.map((p) => Buffer.from(p)) },
      } as unknown as Parameters<typeof verifyMerkleInclusion>[0],
      { logSize: BigInt(size), logHash: Buffer.from(root) } as unknown as Parameters<typeof verifyMerkleInclusion>[1],
    );
    return true;
  } catch {
    return false;
  }
}

describe("inclusion proofs cross-checked with @sigstore/verify", () => {
  it("agrees on every leaf of every tree of 1 to 64 leaves", () => {
    const entries = Array.from({ length: 64 }, (_, i) => text(`entry ${i}`));
    const leaves = entries.map(leafHash);
    const get = perfectStore(leaves);
    for (let size = 1; size <= 64; size++) {
      const root = rootOf(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, get);
        expect(sigstoreAccepts(entries[index]!, index, size, proof, root), `leaf ${index} of ${size}`).toBe(true);
        expect(verifyInclusion({ leafHash: leaves[index]!, index, size, proof, root })).toBe(true);
        // The other implementation refuses what ours refuses: a neighbour's proof.
        const other = inclusionProof((index + 1) % size, size, get);
        if (size > 1) expect(sigstoreAccepts(entries[index]!, index, size, other, root)).toBe(false);
      }
    }
  });

  /**
   * A tree too large to build, where every leaf but a few holds the same entry: a perfect subtree
   * without a distinguished leaf has a hash that depends only on its level, so any subtree and the
   * RFC's root can be computed from the definition in O(log n).
   */
  function sparseTree(size: number, special: number[]) {
    const entry = (i: number) => (special.includes(i) ? text(`special ${i}`) : text("common"));
    const uniform = [L(text("common"))];
    for (let l = 1; l <= 53; l++) uniform.push(N(uniform[l - 1]!, uniform[l - 1]!));
    const holdsSpecial = (lo: number, hi: number) => special.some((s) => s >= lo && s < hi);
    const get: SubtreeHash = (level, index) => {
      const lo = index * 2 ** level;
      if (lo + 2 ** level > size) throw new Error(`subtree ${level}/${index} is beyond the tree of ${size}`);
      if (level === 0) return L(entry(index));
      if (!holdsSpecial(lo, lo + 2 ** level)) return uniform[level]!;
      return N(get(level - 1, 2 * index), get(level - 1, 2 * index + 1));
    };
    // MTH(D[lo:hi]) by the RFC's recursion, independent of rangeHash.
    const mth = (lo: number, hi: number): Uint8Array => {
      const n = hi - lo;
      if (n === 1) return L(entry(lo));
      let k = 1;
      while (k * 2 < n) k *= 2;
      if (k * 2 === n && !holdsSpecial(lo, hi)) return uniform[Math.round(Math.log2(n))]!;
      return N(mth(lo, lo + k), mth(lo + k, hi));
    };
    return { entry, get, root: mth(0, size) };
  }

  it.each([
    2 ** 31 - 1,
    2 ** 31,
    2 ** 31 + 1,
    2 ** 32 + 3,
    3 * 2 ** 33 + 17,
    2 ** 40 + 12345,
    2 ** 52 + 5,
    Number.MAX_SAFE_INTEGER,
  ])("agrees in a tree of %i leaves, beyond where 32-bit shifts break", (size) => {
    const indexes = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, Math.floor(size / 3), size - 2, size - 1].filter((i) => i < size);
    const tree = sparseTree(size, indexes);
    expect(hex(rangeHash(0, size, tree.get))).toBe(hex(tree.root));
    for (const index of indexes) {
      const proof = inclusionProof(index, size, tree.get);
      expect(sigstoreAccepts(tree.entry(index), index, size, proof, tree.root), `leaf ${index}`).toBe(true);
      expect(verifyInclusion({ leafHash: L(tree.entry(index)), index, size, proof, root: tree.root })).toBe(true);
      // The same proof does not place the leaf anywhere else.
      for (const other of indexes.filter((i) => i !== index))
        expect(verifyInclusion({ leafHash: L(tree.entry(index)), index: other, size, proof, root: tree.root })).toBe(false);
    }
    const size1 = Math.floor(size / 2) + 1;
    const root1 = sparseTree(size1, indexes).root;
    const proof = consistencyProof(size1, size, tree.get);
    expect(verifyConsistency({ size1, size2: size, proof, root1, root2: tree.root })).toBe(true);
    expect(verifyConsistency({ size1, size2: size, proof, root1: tree.root, root2: root1 })).toBe(false);
  });
});

describe("checkpoint bodies read by @sigstore/verify", () => {
  it("reads the same origin, size and root from our checkpoint body", () => {
    const root = sha256(text("some root"));
    const body = formatCheckpoint({ origin: "baladiya.gov.kw/ledger", size: 20852163, root, time: 1764300000 });
    const parsed = LogCheckpoint.fromString(body);
    expect(parsed.origin).toBe("baladiya.gov.kw/ledger");
    expect(parsed.logSize).toBe(20852163n);
    expect(hex(parsed.logHash)).toBe(hex(root));
    expect(parsed.rest).toEqual(["time 1764300000"]);
  });
});
