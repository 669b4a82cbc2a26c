import { createSignal } from "solid-js";

export interface Fix {
  lat: number;
  lng: number;
  /** Metres, as the phone reports it. */
  accuracyM: number;
  /** Epoch ms of the reading. */
  at: number;
}

export type PositionState = "waiting" | "ok" | "denied" | "unavailable" | "unsupported";

const [fix, setFix] = createSignal<Fix | null>(null);
const [positionState, setPositionState] = createSignal<PositionState>("waiting");
export { fix, positionState };

const toFix = (p: GeolocationPosition): Fix => ({
  lat: p.coords.latitude,
  lng: p.coords.longitude,
  accuracyM: p.coords.accuracy,
  at: Date.now(),
});

function failed(error: GeolocationPositionError): void {
  setPositionState(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable");
}

let watching = false;

/** Follows where the inspector stands for as long as the app is open (tasks by distance, capture facts). */
export function watchPosition(): void {
  if (watching) return;
  if (!("geolocation" in navigator)) {
    setPositionState("unsupported");
    return;
  }
  watching = true;
  navigator.geolocation.watchPosition(
    (p) => {
      setFix(toFix(p));
      setPositionState("ok");
    },
    failed,
    { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
  );
}

/** A reading young enough to stand for "here, now"; otherwise a fresh one is asked for. */
const FRESH_MS = 60_000;

/** Where the phone is now, for a photo's capture facts; null when the phone cannot tell. */
export function currentFix(): Promise<Fix | null> {
  const known = fix();
  if (known && Date.now() - known.at <= FRESH_MS) return Promise.resolve(known);
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const next = toFix(p);
        setFix(next);
        setPositionState("ok");
        resolve(next);
      },
      (error) => {
        failed(error);
        resolve(null);
      },
      { enableHighAccuracy: true, maximumAge: FRESH_MS, timeout: 15_000 },
    ),
  );
}

/** Great-circle distance in metres (as distanceMetres in @baladiya/shared/geo, whose module brings Zod). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6_371_008.8;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
