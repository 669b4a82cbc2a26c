import { SubscribePushInput, type SubscribePushResult } from "@baladiya/shared/notifications";
import { auditLog, pushSubscriptions } from "../../db/schema";
import { findReporterCase } from "../case/reporter-case";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

/** The browser's key must be a point on P-256, or nothing could ever be encrypted for it. */
async function checkKey(p256dh: string): Promise<void> {
  const raw = Uint8Array.from(atob(p256dh.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "")), (c) => c.charCodeAt(0));
  try {
    await crypto.subtle.importKey("raw", raw, { name: "ECDH", namedCurve: "P-256" }, false, []);
  } catch {
    throw new DomainError("VALIDATION", "subscription.keys.p256dh: not a P-256 public key", {
      issues: [{ path: ["subscription", "keys", "p256dh"], message: "Not a P-256 public key", code: "invalid_key" }],
    });
  }
}

/**
 * A browser asks to be told of a case (its tracking number and token, or signed in as its owner), or
 * of every case of the signed-in resident. Subscribing again updates the keys.
 */
export async function subscribePush({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SubscribePushResult> {
  assertCan(ctx.actor, "notifications.subscribe");
  const req = parseInput(SubscribePushInput, input);
  const problem = ctx.deps.push.checkEndpoint(req.subscription.endpoint);
  if (problem) {
    throw new DomainError("VALIDATION", `subscription.endpoint: ${problem}`, {
      issues: [{ path: ["subscription", "endpoint"], message: problem, code: "invalid_endpoint" }],
    });
  }
  await checkKey(req.subscription.keys.p256dh);
  const citizenId = ctx.actor.kind === "citizen" ? (ctx.actor.citizenId ?? null) : null;
  if (!req.trackingNumber && !citizenId)
    throw new DomainError("UNAUTHENTICATED", "Give a tracking number and its token, or sign in");
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const subject = req.trackingNumber
      ? {
          kind: "case" as const,
          id: (await findReporterCase(ctx, db, { trackingNumber: req.trackingNumber, token: req.token })).id,
        }
      : { kind: "citizen" as const, id: citizenId ?? "" };
    await db
      .insert(pushSubscriptions)
      .values({
        id: ctx.deps.ids.uuid(),
        endpoint: req.subscription.endpoint,
        p256dh: req.subscription.keys.p256dh,
        auth: req.subscription.keys.auth,
        subjectKind: subject.kind,
        subjectId: subject.id,
        createdAt: at,
      })
      .onConflictDoUpdate({
        target: [pushSubscriptions.endpoint, pushSubscriptions.subjectKind, pushSubscriptions.subjectId],
        set: { p256dh: req.subscription.keys.p256dh, auth: req.subscription.keys.auth },
      });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "push.subscribe",
      subjectType: subject.kind,
      subjectId: subject.id,
      before: null,
      // The endpoint is a capability: only its push service is kept in the audit trail.
      after: JSON.stringify({ pushService: new URL(req.subscription.endpoint).origin }),
      createdAt: at,
    });
    return { scope: subject.kind };
  });
}
