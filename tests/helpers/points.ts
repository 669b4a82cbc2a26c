/**
 * Points inside known areas of the imported layer (area centroids from ../shared/data/kuwait,
 * checked by the locator tests), for placing reports.
 */
export const POINTS = {
  salmiya: { lat: 29.334776, lng: 48.067869, governorate: "KW-HA", area: "السالمية", prefix: "HA" },
  jahra: { lat: 29.348211, lng: 47.672724, governorate: "KW-JA", area: "الجهراء", prefix: "JA" },
  khaitan: { lat: 29.284365, lng: 47.975823, governorate: "KW-FA", area: "خيطان", prefix: "FA" },
  fahaheel: { lat: 29.080367, lng: 48.128471, governorate: "KW-AH", area: "الفحيحيل", prefix: "AH" },
  sharq: { lat: 29.381194, lng: 47.986694, governorate: "KW-KU", area: "شرق", prefix: "KU" },
} as const;

export const OUTSIDE_KUWAIT = {
  riyadh: { lat: 24.7136, lng: 46.6753 },
  basra: { lat: 30.5085, lng: 47.7804 },
  gulf: { lat: 29.2, lng: 48.6 },
} as const;

/** A point about `metres` north of p. */
export function north(p: { lat: number; lng: number }, metres: number) {
  return { lat: p.lat + metres / 110_574, lng: p.lng };
}
