import { readFileSync } from "node:fs";
import { sharedData } from "../helpers/paths";

/**
 * The foundation's Open311 POST request mix, shared by `bench:intake` and `bench:edge`: area
 * centres of the Kuwait layer jittered by up to ±200 m, eight services in turn, one Arabic
 * description.
 */
/** Points: area centres of the Kuwait layer (../shared/data), jittered by up to ±200 m. */
export function randomPoints(n: number): { lat: number; lng: number }[] {
  const rows = readFileSync(sharedData("kuwait/areas-index.csv"), "utf8").trim().split("\n").slice(1);
  const centres = rows
    .map((r) => r.match(/,(2\d\.\d+),(4\d\.\d+),[\d.]+$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ lat: Number(m[1]), lng: Number(m[2]) }));
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => {
    const c = centres[i % centres.length]!;
    return { lat: c.lat + (rand() - 0.5) * 0.0036, lng: c.lng + (rand() - 0.5) * 0.0036 };
  });
}

export const SERVICES = [
  "GARBAGE",
  "FURNITURE",
  "RUBBLE",
  "ABANDONED_CAR",
  "RAIN_POOL",
  "DEAD_ANIMAL",
  "STREET_VENDOR",
  "UNLICENSED_AD",
];

export function open311Bodies(key: string, n: number): string[] {
  return randomPoints(n).map((p, i) =>
    new URLSearchParams({
      api_key: key,
      service_code: SERVICES[i % SERVICES.length]!,
      lat: p.lat.toFixed(6),
      long: p.lng.toFixed(6),
      description: "حاوية ممتلئة منذ ثلاثة أيام أمام الجمعية",
    }).toString(),
  );
}
