import { createSignal } from "solid-js";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { project, type LngLat, type Point } from "./projection";

/** Kuwait's extent, used until the area layer arrives (and when it cannot). */
export const KUWAIT_BBOX: [number, number, number, number] = [46.55, 28.52, 48.43, 30.11];

/** Outlines are stored at this zoom, one decimal: under a pixel of error up to street zoom 18. */
export const REF_ZOOM = 14;
const REF = 2 ** REF_ZOOM;

export interface AreaShape {
  id: string;
  name: LocalizedText;
  governorate: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  /** Polygons as [lng, lat] rings, the first of each the outer ring. */
  polygons: number[][][][];
  /** SVG path in layer units (REF_ZOOM px from `origin`). */
  path: string;
  /** Where its name goes: the centroid of its largest outline. */
  labelAt: LngLat;
}

export interface AreaLayer {
  areas: AreaShape[];
  bbox: [number, number, number, number];
  /** Zoom-0 world px of the layer's top-left corner; paths are drawn relative to it. */
  origin: Point;
  /** Every outline as one path: one element to draw instead of hundreds. */
  outline: string;
}

interface Feature {
  id?: string | number;
  properties?: { ar?: string; en?: string; gov?: string } | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

function polygonsOf(geometry: Feature["geometry"]): number[][][][] {
  if (geometry?.type === "Polygon") return [geometry.coordinates as number[][][]];
  if (geometry?.type === "MultiPolygon") return geometry.coordinates as number[][][][];
  return [];
}

function pathOf(polygons: number[][][][], origin: Point): string {
  let d = "";
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let px = 0;
      let py = 0;
      ring.forEach(([lng = 0, lat = 0], i) => {
        const w = project({ lng, lat });
        const x = Math.round((w.x - origin.x) * REF * 10) / 10;
        const y = Math.round((w.y - origin.y) * REF * 10) / 10;
        // Relative steps between rounded points: short numbers, no drift.
        d += i === 0 ? `M${x} ${y}` : `l${+(x - px).toFixed(1)} ${+(y - py).toFixed(1)}`;
        px = x;
        py = y;
      });
      d += "z";
    }
  }
  return d;
}

/** Area-weighted centroid of the largest outer ring (shoelace), in degrees: good enough for a label. */
function labelPoint(polygons: number[][][][]): LngLat {
  let best = { area: -1, lng: 0, lat: 0 };
  for (const polygon of polygons) {
    const ring = polygon[0] ?? [];
    let a = 0;
    let x = 0;
    let y = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      const cross = xj * yi - xi * yj;
      a += cross;
      x += (xj + xi) * cross;
      y += (yj + yi) * cross;
    }
    if (Math.abs(a) > best.area && a !== 0) best = { area: Math.abs(a), lng: x / (3 * a), lat: y / (3 * a) };
  }
  return { lng: best.lng, lat: best.lat };
}

function boundsOf(polygons: number[][][][]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [lng = 0, lat = 0] of polygon[0] ?? []) {
      b[0] = Math.min(b[0], lng);
      b[1] = Math.min(b[1], lat);
      b[2] = Math.max(b[2], lng);
      b[3] = Math.max(b[3], lat);
    }
  return b;
}

export function buildLayer(collection: { features?: Feature[]; bbox?: number[] }): AreaLayer {
  const features = collection.features ?? [];
  const raw = features.map((f) => ({ f, polygons: polygonsOf(f.geometry) })).filter((r) => r.polygons.length > 0);
  const given = collection.bbox;
  const bbox: [number, number, number, number] =
    given?.length === 4
      ? [given[0] ?? 0, given[1] ?? 0, given[2] ?? 0, given[3] ?? 0]
      : raw.reduce<[number, number, number, number]>(
          (acc, r) => {
            const b = boundsOf(r.polygons);
            return [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])];
          },
          [Infinity, Infinity, -Infinity, -Infinity],
        );
  const origin = project({ lng: bbox[0], lat: bbox[3] });
  const areas = raw.map(({ f, polygons }, i) => ({
    id: String(f.id ?? i),
    name: { ar: f.properties?.ar ?? f.properties?.en ?? "", en: f.properties?.en ?? f.properties?.ar ?? "" },
    governorate: f.properties?.gov ?? "",
    bbox: boundsOf(polygons),
    polygons,
    path: pathOf(polygons, origin),
    labelAt: labelPoint(polygons),
  }));
  return { areas, bbox, origin, outline: areas.map((a) => a.path).join("") };
}

function inRing(p: LngLat, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The area a point falls in, from the outlines on the phone: works with no network. */
export function areaAt(layer: AreaLayer | null, p: LngLat): AreaShape | null {
  if (!layer) return null;
  for (const area of layer.areas) {
    const [w, s, e, n] = area.bbox;
    if (p.lng < w || p.lng > e || p.lat < s || p.lat > n) continue;
    for (const [outer, ...holes] of area.polygons) {
      if (outer && inRing(p, outer) && !holes.some((h) => inRing(p, h))) return area;
    }
  }
  return null;
}

const [areaLayer, setAreaLayer] = createSignal<AreaLayer | null>(null);
const [areaLayerFailed, setAreaLayerFailed] = createSignal(false);
export { areaLayer, areaLayerFailed };

let loading: Promise<void> | null = null;

/** Loads the area outlines once per page (the service worker keeps a copy for offline use). */
export function loadAreaLayer(): Promise<void> {
  loading ??= fetch("/geo/areas.json")
    .then(async (response) => {
      if (!response.ok) throw new Error(`areas: HTTP ${response.status}`);
      setAreaLayer(buildLayer((await response.json()) as { features?: Feature[]; bbox?: number[] }));
      setAreaLayerFailed(false);
    })
    .catch((error: unknown) => {
      console.warn("area outlines not loaded", error);
      setAreaLayerFailed(true);
      loading = null;
    });
  return loading;
}
