import type { LatLng } from "@baladiya/shared/geo";

/** Grid of 0.001° (about 111 m north–south, 97 m east–west in Kuwait). */
const STEP = 1000;

export function geoCell(p: LatLng): number {
  return Math.floor((p.lat + 90) * STEP) * 1_000_000 + Math.floor((p.lng + 180) * STEP);
}

/** The cells a circle of this radius around the point can touch, as one [first, last] range per grid row. */
export function cellRowsAround(p: LatLng, radiusMetres: number): [number, number][] {
  const dLat = radiusMetres / 110_574;
  const dLng = radiusMetres / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  const lat0 = Math.floor((p.lat - dLat + 90) * STEP);
  const lat1 = Math.floor((p.lat + dLat + 90) * STEP);
  const lng0 = Math.floor((p.lng - dLng + 180) * STEP);
  const lng1 = Math.floor((p.lng + dLng + 180) * STEP);
  const rows: [number, number][] = [];
  for (let a = lat0; a <= lat1; a++) rows.push([a * 1_000_000 + lng0, a * 1_000_000 + lng1]);
  return rows;
}

/** Every cell a circle of this radius around the point can touch. */
export function cellsAround(p: LatLng, radiusMetres: number): number[] {
  const cells: number[] = [];
  for (const [first, last] of cellRowsAround(p, radiusMetres)) for (let c = first; c <= last; c++) cells.push(c);
  return cells;
}
