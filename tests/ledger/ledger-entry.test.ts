import { createNodeHasher } from "@baladiya/api/adapters/node/node-hasher";
import { createWebHasher } from "@baladiya/api/adapters/web/web-hasher";
import { canonicalJson } from "@baladiya/api/domain/crypto";
import { contentJson, entryOf, type SourceRow } from "@baladiya/api/domain/ledger/ledger-entry";
import { treeHashing } from "@baladiya/api/domain/ledger/tree-hashing";
import { saltedContentHash } from "@baladiya/shared/ledger-check";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { leafHash, nodeHash } from "@baladiya/shared/ledger/merkle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const text = fc.option(fc.string({ maxLength: 40 }), { nil: null });
const event = fc.record({
  id: fc.uuid(),
  caseId: fc.uuid(),
  kind: fc.constantFrom("created", "status", "note"),
  status: text,
  text,
  note: text,
  isPublic: fc.boolean(),
  actorKind: fc.constantFrom("staff", "citizen", "system"),
  actorId: text,
  createdAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
});
const audit = fc.record({
  id: fc.uuid(),
  actorKind: fc.constantFrom("staff", "system"),
  actorId: text,
  action: fc.string({ minLength: 1, maxLength: 20 }),
  subjectType: fc.constantFrom("case", "staff", "citizen", "holiday"),
  subjectId: fc.string({ minLength: 1, maxLength: 40 }),
  before: text,
  after: text,
  createdAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
});
const source: fc.Arbitrary<SourceRow> = fc.oneof(
  event.map((row) => ({ kind: "case_event" as const, row })),
  audit.map((row) => ({ kind: "audit" as const, row })),
);

describe("ledger entries", () => {
  it("hash canonical JSON, the same with the server's and the browser's SHA-256, and name only cases and certificates", () => {
    const node = treeHashing(createNodeHasher());
    const web = treeHashing(createWebHasher());
    fc.assert(
      fc.property(source, fc.uint8Array({ minLength: 16, maxLength: 16 }), (s, saltBytes) => {
        const salt = bytesToHex(saltBytes);
        expect(contentJson(s)).toBe(canonicalJson(JSON.parse(contentJson(s))));
        const entry = entryOf(s, salt, node);
        expect(entryOf(s, salt, web)).toBe(entry);
        expect(entry).toBe(canonicalJson(JSON.parse(entry)));
        const parsed = JSON.parse(entry) as { content: string; subject: string };
        // The browser's check recomputes the same content hash from the content and its salt.
        expect(parsed.content).toBe(saltedContentHash(salt, contentJson(s)));
        const subjectType = s.kind === "case_event" ? "case" : s.row.subjectType;
        expect(parsed.subject.startsWith(subjectType)).toBe(true);
        if (subjectType !== "case") expect(parsed.subject).toBe(subjectType);
        const bytes = new TextEncoder().encode(entry);
        expect(bytesToHex(node.leaf(bytes))).toBe(bytesToHex(leafHash(bytes)));
        expect(bytesToHex(node.node(node.leaf(bytes), saltBytes))).toBe(bytesToHex(nodeHash(leafHash(bytes), saltBytes)));
      }),
      { numRuns: 300 },
    );
  });
});
