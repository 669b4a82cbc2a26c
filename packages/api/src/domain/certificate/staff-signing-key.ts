import { signingKeyId } from "@baladiya/shared/certificate-seal";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { ed25519 } from "@noble/curves/ed25519.js";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { auditLog, staffKeys } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";

export interface SigningKey {
  keyId: string;
  publicKey: string;
  secret: Uint8Array;
}

/**
 * The employee's Ed25519 signing key, made on their first decision. Its public half goes to the
 * audit log (and so to the transparency ledger) the moment it is made, so a key cannot be slipped in
 * later to sign a decision after the fact.
 */
export async function staffSigningKey(ctx: Ctx, db: Db, staffId: string): Promise<SigningKey> {
  const [row] = await db
    .select()
    .from(staffKeys)
    .where(and(eq(staffKeys.staffId, staffId), isNull(staffKeys.revokedAt)))
    .limit(1);
  if (row) return { keyId: row.id, publicKey: row.publicKey, secret: await ctx.deps.sealer.open(row.sealedSecret) };
  const secret = ed25519.utils.randomSecretKey();
  const publicKey = bytesToHex(ed25519.getPublicKey(secret));
  const keyId = signingKeyId(publicKey);
  const at = ctx.deps.clock.now().toISOString();
  await db
    .insert(staffKeys)
    .values({ id: keyId, staffId, publicKey, sealedSecret: await ctx.deps.sealer.seal(secret), createdAt: at });
  await db.insert(auditLog).values({
    id: ctx.deps.ids.uuid(),
    actorKind: "system",
    actorId: "signing-keys",
    action: "staff.signing_key_created",
    subjectType: "staff",
    subjectId: staffId,
    before: null,
    after: JSON.stringify({ keyId, publicKey }),
    createdAt: at,
  });
  return { keyId, publicKey, secret };
}

/** Public keys by key id, for showing and checking signatures. */
export async function publicKeysById(db: Db, keyIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(keyIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: staffKeys.id, publicKey: staffKeys.publicKey })
    .from(staffKeys)
    .where(inArray(staffKeys.id, ids));
  return new Map(rows.map((r) => [r.id, r.publicKey]));
}
