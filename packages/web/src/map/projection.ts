// Web Mercator (EPSG:3857) as slippy-map tiles use it: the world is TILE px wide at zoom 0.

export const TILE = 256;
/** Mercator's square world stops at about ±85.05°. */
const MAX_LAT = 85.0511287798;

export interface Point {
  x: number;
  y: number;
}

export interface LngLat {
  lat: number;
  lng: number;
}

/** World pixel coordinates at zoom 0 (0..256 on both axes). */
export function project(p: LngLat): Point {
  const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, p.lat));
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((p.lng + 180) / 360) * TILE,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE,
  };
}

export function unproject(p: Point): LngLat {
  const n = Math.PI - (2 * Math.PI * p.y) / TILE;
  return {
    lat: (180 / Math.PI) * Math.atan(Math.sinh(n)),
    lng: (p.x / TILE) * 360 - 180,
  };
}

export interface View {
  center: LngLat;
  zoom: number;
  width: number;
  height: number;
}

/** Where a place falls on the screen for this view (px from the map's top-left). */
export function toScreen(view: View, p: LngLat): Point {
  const scale = 2 ** view.zoom;
  const c = project(view.center);
  const w = project(p);
  return { x: (w.x - c.x) * scale + view.width / 2, y: (w.y - c.y) * scale + view.height / 2 };
}

export function fromScreen(view: View, s: Point): LngLat {
  const scale = 2 ** view.zoom;
  const c = project(view.center);
  return unproject({ x: c.x + (s.x - view.width / 2) / scale, y: c.y + (s.y - view.height / 2) / scale });
}

/** The zoom (possibly fractional) that fits a [minLng, minLat, maxLng, maxLat] box in the view. */
export function zoomToFit(bbox: readonly [number, number, number, number], width: number, height: number): number {
  const a = project({ lng: bbox[0], lat: bbox[3] });
  const b = project({ lng: bbox[2], lat: bbox[1] });
  const zx = Math.log2(width / Math.max(1e-9, b.x - a.x));
  const zy = Math.log2(height / Math.max(1e-9, b.y - a.y));
  return Math.min(zx, zy);
}

/** The visible box of a view as [minLng, minLat, maxLng, maxLat]. */
export function viewBounds(view: View): [number, number, number, number] {
  const nw = fromScreen(view, { x: 0, y: 0 });
  const se = fromScreen(view, { x: view.width, y: view.height });
  return [nw.lng, se.lat, se.lng, nw.lat];
}
