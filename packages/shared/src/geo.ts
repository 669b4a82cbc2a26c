import { z } from "zod";

export const GovernorateCode = z.enum(["KW-KU", "KW-HA", "KW-FA", "KW-MU", "KW-AH", "KW-JA"]);
export type GovernorateCode = z.infer<typeof GovernorateCode>;

export const LatLng = z.object({
  lat: z.number().finite().min(-90).max(90),
  lng: z.number().finite().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

/** Great-circle distance in metres (haversine; good to well under a metre at street scale). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const r = 6_371_008.8;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
