import { and, eq, or } from "drizzle-orm";
import { pushSubscriptions } from "../../db/schema";
import type { Db } from "../../ports/store";

/** Whether a browser listens to this case, or to its signed-in owner: then its updates go out too. */
export async function hasPushSubscription(db: Db, caseId: string, citizenId: string | null): Promise<boolean> {
  const [hit] = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(
      or(
        and(eq(pushSubscriptions.subjectKind, "case"), eq(pushSubscriptions.subjectId, caseId)),
        citizenId ? and(eq(pushSubscriptions.subjectKind, "citizen"), eq(pushSubscriptions.subjectId, citizenId)) : undefined,
      ),
    )
    .limit(1);
  return hit !== undefined;
}
