import type { LatLng } from "@baladiya/shared/geo";

type Ring = [number, number][];
/** Polygons as rings of [lng, lat]; the first ring of each polygon is its outline, the rest holes. */
export type Polygons = Ring[][];

export interface IndexedArea {
  id: string;
  governorateCode: string;
  nameAr: string;
  nameEn: string;
  polygons: Polygons;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Points in the gaps between area polygons (mostly highways) belong to the nearest area this close. */
export const NEAREST_AREA_TOLERANCE_METRES = 1500;

export function polygonsOf(geometry: unknown): Polygons {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g.type === "Polygon") return [g.coordinates as Ring[]];
  if (g.type === "MultiPolygon") return g.coordinates as Ring[][];
  throw new Error(`Unsupported geometry type ${String(g.type)}`);
}

export function boundsOf(polygons: Polygons): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lng, lat] of ring) {
        if (lng < minLng) minLng = lng;
        if (lng > maxLng) maxLng = lng;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
  return { minLng, minLat, maxLng, maxLat };
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygons(polygons: Polygons, x: number, y: number): boolean {
  for (const [outline, ...holes] of polygons) {
    if (outline && inRing(outline, x, y) && !holes.some((h) => inRing(h, x, y))) return true;
  }
  return false;
}

/** Distance in metres from a point to the nearest edge, on a local flat projection (fine at city scale). */
function distanceToEdges(polygons: Polygons, p: LatLng): number {
  const kx = 111_320 * Math.cos((p.lat * Math.PI) / 180);
  const ky = 110_574;
  let best = Infinity;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1] as [number, number];
        const [bx, by] = ring[i] as [number, number];
        const x1 = (ax - p.lng) * kx;
        const y1 = (ay - p.lat) * ky;
        const x2 = (bx - p.lng) * kx;
        const y2 = (by - p.lat) * ky;
        const dx = x2 - x1;
        const dy = y2 - y1;
        const len = dx * dx + dy * dy;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len));
        const d = Math.hypot(x1 + t * dx, y1 + t * dy);
        if (d < best) best = d;
      }
  return best;
}

export class AreaIndex {
  constructor(private readonly areas: IndexedArea[]) {}

  get size(): number {
    return this.areas.length;
  }

  locate(p: LatLng): IndexedArea | null {
    for (const a of this.areas) {
      if (p.lng < a.minLng || p.lng > a.maxLng || p.lat < a.minLat || p.lat > a.maxLat) continue;
      if (inPolygons(a.polygons, p.lng, p.lat)) return a;
    }
    const margin = NEAREST_AREA_TOLERANCE_METRES / 100_000;
    let nearest: IndexedArea | null = null;
    let best = NEAREST_AREA_TOLERANCE_METRES;
    for (const a of this.areas) {
      if (p.lng < a.minLng - margin || p.lng > a.maxLng + margin || p.lat < a.minLat - margin || p.lat > a.maxLat + margin)
        continue;
      const d = distanceToEdges(a.polygons, p);
      if (d <= best) {
        best = d;
        nearest = a;
      }
    }
    return nearest;
  }
}
