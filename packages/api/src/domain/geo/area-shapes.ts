import type { Polygons } from "./area-index";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import type { ReferenceSnapshot } from "../reference/reference-cache";

/** About 20 m at Kuwait's latitude: plenty for a base layer drawn at city scale. */
const TOLERANCE_DEGREES = 0.0002;
const DECIMALS = 1e5;

type Point = [number, number];

function perpendicularDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker, iterative (rings may have tens of thousands of points). */
export function simplifyLine(points: Point[], tolerance: number): Point[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i] as Point, points[first] as Point, points[last] as Point);
      if (d > farthestDistance) {
        farthest = i;
        farthestDistance = d;
      }
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v: number) => Math.round(v * DECIMALS) / DECIMALS;

function simplifyPolygons(polygons: Polygons): number[][][][] {
  const out: number[][][][] = [];
  for (const polygon of polygons) {
    const rings: number[][][] = [];
    for (const [i, ring] of polygon.entries()) {
      const simple = simplifyLine(ring, TOLERANCE_DEGREES).map(([lng, lat]) => [round(lng), round(lat)]);
      // An outline needs at least a triangle; holes that vanish at this scale are dropped.
      if (simple.length >= 4) rings.push(simple);
      else if (i === 0) break;
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

export interface AreaShapes {
  /** A GeoJSON FeatureCollection, serialised once per reference snapshot. */
  json: string;
  /** A short content hash for HTTP caching. */
  etag: string;
  /** The same JSON gzipped once, for clients that accept it (a quarter of the size). */
  gzip: Uint8Array<ArrayBuffer>;
}

async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const cache = new WeakMap<ReferenceSnapshot, Promise<AreaShapes>>();

/**
 * The imported areas as a light map layer (simplified outlines, 5 decimals): the web map's base
 * layer when there is no tile server, and the layer that lets the map work offline.
 */
export async function areaShapes({ ctx }: { ctx: Ctx }): Promise<AreaShapes> {
  assertCan(ctx.actor, "case.read_public");
  const ref = await ctx.deps.reference.get();
  let shapes = cache.get(ref);
  if (!shapes) {
    shapes = build(ctx, ref);
    cache.set(ref, shapes);
  }
  return shapes;
}

async function build(ctx: Ctx, ref: ReferenceSnapshot): Promise<AreaShapes> {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  const features = [];
  for (const area of ref.areas.values()) {
    const coordinates = simplifyPolygons(area.polygons);
    if (coordinates.length === 0) continue;
    for (const polygon of coordinates)
      for (const [lng, lat] of polygon[0] ?? []) {
        if (lng === undefined || lat === undefined) continue;
        minLng = Math.min(minLng, lng);
        maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    features.push({
      type: "Feature",
      id: area.id,
      properties: { ar: area.name.ar, en: area.name.en, gov: area.governorateCode },
      geometry: { type: "MultiPolygon", coordinates },
    });
  }
  const bbox = features.length > 0 ? [minLng, minLat, maxLng, maxLat] : null;
  const json = JSON.stringify({ type: "FeatureCollection", bbox, features });
  const etag = `"${(await ctx.deps.hasher.sha256Hex(json)).slice(0, 20)}"`;
  return { json, etag, gzip: await gzip(json) };
}
