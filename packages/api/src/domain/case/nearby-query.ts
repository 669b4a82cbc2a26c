import type { NearbyCase } from "@baladiya/shared/case";
import type { CaseStatus } from "@baladiya/shared/case";
import { distanceMetres, type LatLng } from "@baladiya/shared/geo";
import { and, between, eq, gte, or } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Db } from "../../ports/store";
import { cellRowsAround, cellsAround } from "../geo/geo-cell";
import type { ReferenceSnapshot } from "../reference/reference-cache";
import { DUP_CELL_SLOTS, intakeStatements } from "./intake-statements";

/** A likely duplicate: same service, still open, within this distance, reported this recently. */
export const DUPLICATE_RADIUS_METRES = 50;
export const DUPLICATE_WINDOW_DAYS = 30;

export async function findOpenCasesNear(
  db: Db,
  ref: ReferenceSnapshot,
  args: { point: LatLng; radiusMetres: number; serviceCode?: string; since?: Date; limit: number },
): Promise<NearbyCase[]> {
  const cells = cellsAround(args.point, args.radiusMetres);
  const rows =
    args.serviceCode && cells.length <= DUP_CELL_SLOTS
      ? (
          await intakeStatements(db).duplicateCandidates.all({
            serviceCode: args.serviceCode,
            since: (args.since ?? new Date(0)).toISOString(),
            ...Object.fromEntries(Array.from({ length: DUP_CELL_SLOTS }, (_, i) => [`c${i}`, cells[i] ?? -1])),
          })
        ).map(({ json }) => {
          const [trackingNumber, serviceCode, status, description, lat, lng, createdAt, supportsCount] = JSON.parse(json) as [
            string,
            string,
            string,
            string,
            number,
            number,
            string,
            number,
          ];
          return { trackingNumber, serviceCode, status, description, lat, lng, createdAt, supportsCount };
        })
      : await rangeQuery(db, args);
  return rows
    .map((r) => ({ r, d: distanceMetres(args.point, { lat: r.lat, lng: r.lng }) }))
    .filter(({ d }) => d <= args.radiusMetres)
    .sort((a, b) => a.d - b.d)
    .slice(0, args.limit)
    .map(({ r, d }) => ({
      trackingNumber: r.trackingNumber,
      serviceCode: r.serviceCode,
      serviceName: ref.services.get(r.serviceCode)?.name ?? { ar: r.serviceCode, en: r.serviceCode },
      status: r.status as CaseStatus,
      description: r.description,
      location: { lat: r.lat, lng: r.lng },
      distanceMetres: Math.round(d * 10) / 10,
      requestedAt: r.createdAt,
      supportsCount: r.supportsCount,
    }));
}

/** Wider circles: one index range of grid cells per row of the grid. */
function rangeQuery(db: Db, args: { point: LatLng; radiusMetres: number; serviceCode?: string; since?: Date }) {
  const rows = cellRowsAround(args.point, args.radiusMetres);
  return db
    .select({
      trackingNumber: cases.trackingNumber,
      serviceCode: cases.serviceCode,
      status: cases.status,
      description: cases.description,
      lat: cases.lat,
      lng: cases.lng,
      createdAt: cases.createdAt,
      supportsCount: cases.supportsCount,
    })
    .from(cases)
    .where(
      and(
        eq(cases.isOpen, true),
        or(...rows.map(([from, to]) => between(cases.geoCell, from, to))),
        args.serviceCode ? eq(cases.serviceCode, args.serviceCode) : undefined,
        args.since ? gte(cases.createdAt, args.since.toISOString()) : undefined,
      ),
    )
    .limit(500);
}
