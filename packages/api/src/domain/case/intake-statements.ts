import { and, asc, eq, gte, inArray, sql, type Placeholder } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { auditLog, caseEvents, cases, idempotencyKeys, outbox, staff, staffSpecialties, trackingCounters } from "../../db/schema";
import type { Db } from "../../ports/store";

/** How many grid cells the prepared duplicate look-up takes; a 50 m circle touches at most 4. */
// Enough open reports of one kind in ~200 m to pick the nearest few from, bounded for a crowded spot.
const DUP_CANDIDATES = 50;

export const DUP_CELL_SLOTS = 9;

const ph = (name: string) => sql.placeholder(name);

function preparedInsert<T extends SQLiteTable>(db: Db, table: T, keys: readonly (keyof T["$inferInsert"] & string)[]) {
  const values = Object.fromEntries(keys.map((k) => [k, ph(k)])) as Record<string, Placeholder>;
  return db
    .insert(table)
    .values(values as T["$inferInsert"])
    .prepare();
}

type Keys<T extends SQLiteTable> = readonly (keyof T["$inferInsert"] & string)[];

export const CASE_KEYS = [
  "id",
  "trackingNumber",
  "governorateCode",
  "areaId",
  "departmentId",
  "serviceCode",
  "status",
  "isOpen",
  "description",
  "lat",
  "lng",
  "geoCell",
  "addressString",
  "addressId",
  "attributes",
  "mediaUrl",
  "reporterName",
  "reporterPhone",
  "reporterEmail",
  "reporterCivilId",
  "tokenHash",
  "requestToken",
  "source",
  "apiKeyId",
  "assignedStaffId",
  "priority",
  "dueAt",
  "citizenId",
  "locale",
  "createdAt",
  "updatedAt",
] as const satisfies Keys<typeof cases>;
export const EVENT_KEYS = [
  "id",
  "caseId",
  "kind",
  "status",
  "text",
  "note",
  "isPublic",
  "actorKind",
  "actorId",
  "createdAt",
] as const satisfies Keys<typeof caseEvents>;
export const AUDIT_KEYS = [
  "id",
  "actorKind",
  "actorId",
  "action",
  "subjectType",
  "subjectId",
  "before",
  "after",
  "createdAt",
] as const satisfies Keys<typeof auditLog>;
export const OUTBOX_KEYS = ["id", "topic", "payload", "createdAt"] as const satisfies Keys<typeof outbox>;
export const IDEMPOTENCY_KEYS = ["scope", "key", "requestHash", "response", "createdAt"] as const satisfies Keys<
  typeof idempotencyKeys
>;

function build(db: Db) {
  return {
    nextCounter: db
      .insert(trackingCounters)
      .values({ governorateCode: ph("governorateCode"), year: ph("year"), last: 1 })
      .onConflictDoUpdate({
        target: [trackingCounters.governorateCode, trackingCounters.year],
        set: { last: sql`${trackingCounters.last} + 1` },
      })
      .returning({ last: trackingCounters.last })
      .prepare(),
    /** Active case workers of the branch with this specialty, fewest open cases first. */
    pickAssignee: db
      .select({ id: staff.id, load: staff.openCaseCount })
      .from(staffSpecialties)
      .innerJoin(staff, eq(staff.id, staffSpecialties.staffId))
      .where(
        and(
          eq(staffSpecialties.serviceCode, ph("serviceCode")),
          eq(staff.governorateCode, ph("governorateCode")),
          eq(staff.active, true),
          sql`${staff.role} in ('department_officer', 'inspector')`,
        ),
      )
      .orderBy(asc(staff.openCaseCount), asc(staff.createdAt), asc(staff.id))
      .limit(1)
      .prepare(),
    // One JSON column: @libsql/client pays per result column on every execution (~20 µs each).
    duplicateCandidates: db
      .select({
        json: sql<string>`json_array(${cases.trackingNumber}, ${cases.serviceCode}, ${cases.status}, ${cases.description}, ${cases.lat}, ${cases.lng}, ${cases.createdAt}, ${cases.supportsCount})`,
      })
      .from(cases)
      .where(
        and(
          eq(cases.serviceCode, ph("serviceCode")),
          eq(cases.isOpen, true),
          inArray(
            cases.geoCell,
            Array.from({ length: DUP_CELL_SLOTS }, (_, i) => ph(`c${i}`)),
          ),
          gte(cases.createdAt, ph("since")),
        ),
      )
      .limit(DUP_CANDIDATES)
      .prepare(),
    /** The assignee's open load moves with every assignment, close and reopen. */
    adjustStaffLoad: db
      .update(staff)
      .set({ openCaseCount: sql`${staff.openCaseCount} + ${ph("delta")}` })
      .where(eq(staff.id, ph("staffId")))
      .prepare(),
    /** What decides whether a cached public view is still current. */
    caseVersion: db
      .select({ json: sql<string>`json_array(${cases.updatedAt}, ${cases.dueAt}, ${cases.isOpen})` })
      .from(cases)
      .where(eq(cases.trackingNumber, ph("trackingNumber")))
      .prepare(),
    insertCase: preparedInsert(db, cases, CASE_KEYS),
    insertEvent: preparedInsert(db, caseEvents, EVENT_KEYS),
    insertAudit: preparedInsert(db, auditLog, AUDIT_KEYS),
    insertOutbox: preparedInsert(db, outbox, OUTBOX_KEYS),
    insertIdempotency: preparedInsert(db, idempotencyKeys, IDEMPOTENCY_KEYS),
  };
}

const cache = new WeakMap<Db, ReturnType<typeof build>>();

/** The intake's statements, prepared once per database handle: it is the hottest write path. */
export function intakeStatements(db: Db): ReturnType<typeof build> {
  let statements = cache.get(db);
  if (!statements) {
    statements = build(db);
    cache.set(db, statements);
  }
  return statements;
}
