import { createEffect, createSignal, on, onCleanup, Show } from "solid-js";
import type { LocateResult } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";
import { toAppError, type AppError } from "../app-error";
import { t, tx, type MessageKey } from "../i18n";
import { areaAt, areaLayer } from "../map/areas";
import { MapView } from "../map/map-view";
import { locatePoint } from "../queries";
import { ErrorBox } from "./error-box";

/** Accepts Arabic-Indic digits and a decimal comma as well as "29.3759". */
function parseCoordinate(text: string, limit: number): number | null {
  const ascii = text
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u066B,]/g, ".");
  const value = ascii === "" ? NaN : Number(ascii);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

const same = (a: LatLng | null, b: LatLng | null) => a?.lat === b?.lat && a?.lng === b?.lng;

/**
 * Where the problem is: a map with a pin (tap, drag or arrow keys), "use my location", and the
 * coordinates as fields for anyone who prefers to type. The pin's area comes from the server,
 * or from the area outlines on the phone when there is no network.
 */
export function LocationField(props: {
  value: LatLng | null;
  onChange: (point: LatLng | null) => void;
  /** A problem the server found with the location (e.g. outside Kuwait), in the resident's language. */
  error?: string | null;
}) {
  const [lat, setLat] = createSignal("");
  const [lng, setLng] = createSignal("");
  const [finding, setFinding] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey | null>(null);
  const [accuracy, setAccuracy] = createSignal<number | null>(null);
  const [checking, setChecking] = createSignal(false);
  const [found, setFound] = createSignal<LocateResult | null>(null);
  const [outside, setOutside] = createSignal(false);
  const [offline, setOffline] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [focus, setFocus] = createSignal<(LatLng & { zoom?: number }) | null>(null);
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  /** Offline, the outlines on the phone name the area; the server checks again on arrival. */
  const localArea = () => {
    const p = props.value;
    return p && offline() ? areaAt(areaLayer(), p) : null;
  };
  const areaName = () => {
    const f = found();
    if (f) return tx(f.area.name);
    const local = localArea();
    return local ? tx(local.name) : null;
  };

  async function locate(point: LatLng) {
    const request = ++latest;
    setChecking(true);
    try {
      const result = await locatePoint(point);
      if (request !== latest) return;
      setFound(result);
      setOffline(false);
    } catch (e) {
      if (request !== latest) return;
      const appError = toAppError(e);
      if (appError.code === "OUTSIDE_KUWAIT") setOutside(true);
      else if (appError.code === "NETWORK") setOffline(true);
      else setError(appError);
    } finally {
      if (request === latest) setChecking(false);
    }
  }

  // Whatever moved the pin (map, keyboard, fields, a restored draft), the fields follow it and
  // the area is looked up once it rests.
  createEffect(
    on(
      () => props.value,
      (point) => {
        const typed = { lat: parseCoordinate(lat(), 90), lng: parseCoordinate(lng(), 180) };
        if (point && !same(point, typed.lat !== null && typed.lng !== null ? (typed as LatLng) : null)) {
          setLat(point.lat.toFixed(6));
          setLng(point.lng.toFixed(6));
        }
        setFound(null);
        setOutside(false);
        setError(null);
        clearTimeout(timer);
        latest++;
        setChecking(false);
        if (point) timer = setTimeout(() => void locate(point), 250);
      },
    ),
  );

  function commitTyped() {
    const la = parseCoordinate(lat(), 90);
    const ln = parseCoordinate(lng(), 180);
    const point = la !== null && ln !== null ? { lat: la, lng: ln } : null;
    setProblem(!point && lat() && lng() ? "location.invalid" : null);
    if (!point && !(lat() && lng())) return;
    if (same(point, props.value)) return;
    props.onChange(point);
    if (point) setFocus({ ...point });
  }

  function useMyLocation() {
    if (!("geolocation" in navigator)) return setProblem("location.unsupported");
    setFinding(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setFinding(false);
        const point = { lat: +position.coords.latitude.toFixed(6), lng: +position.coords.longitude.toFixed(6) };
        setAccuracy(Math.round(position.coords.accuracy));
        props.onChange(point);
        setFocus({ ...point, zoom: 17 });
      },
      (failure) => {
        setFinding(false);
        setProblem(failure.code === failure.PERMISSION_DENIED ? "location.denied" : "location.unavailable");
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  }

  const fromMap = (point: LatLng) => {
    setAccuracy(null);
    setProblem(null);
    props.onChange(point);
  };

  /** Offline, a point outside every outline on the phone is probably outside Kuwait; the server decides. */
  const outsideOffline = () => Boolean(props.value && offline() && areaLayer() && !localArea());
  const outsideMessage = () =>
    props.error ?? (outside() ? t("location.outside") : outsideOffline() ? t("location.outsideOffline") : null);

  return (
    <fieldset class="location" aria-describedby={outsideMessage() ? "location-error" : undefined}>
      <legend>
        {t("location.legend")} <span class="required">*</span>
      </legend>
      <p class="muted">{t("location.mapHint")}</p>
      <button type="button" class="secondary" onClick={useMyLocation} disabled={finding()}>
        {finding() ? t("location.locating") : t("location.useMine")}
      </button>
      <MapView label={t("map.label")} pin={props.value} onPinChange={fromMap} pinLabel={areaName()} focus={focus()} />
      <div aria-live="polite">
        <Show when={checking()}>
          <p class="muted">{t("location.checking")}</p>
        </Show>
        <Show when={found()}>
          {(f) => (
            <p class="located">{t("location.found", { area: tx(f().area.name), governorate: tx(f().governorate.name) })}</p>
          )}
        </Show>
        <Show when={!found() && localArea()}>
          {(a) => <p class="located">{t("location.areaOnly", { area: tx(a().name) })}</p>}
        </Show>
      </div>
      <Show when={outsideMessage()}>
        {(message) => (
          <p id="location-error" class="field-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={accuracy()}>{(m) => <p class="muted">{t("location.accuracy", { m: m() })}</p>}</Show>
      <Show when={problem()}>{(key) => <p class="warning">{t(key())}</p>}</Show>
      <p class="label">{t("location.coordinates")}</p>
      <div class="row">
        <label>
          {t("location.lat")}
          <input
            inputmode="decimal"
            dir="ltr"
            autocomplete="off"
            placeholder="29.3759"
            value={lat()}
            onInput={(e) => setLat(e.currentTarget.value)}
            onChange={commitTyped}
          />
        </label>
        <label>
          {t("location.lng")}
          <input
            inputmode="decimal"
            dir="ltr"
            autocomplete="off"
            placeholder="47.9774"
            value={lng()}
            onInput={(e) => setLng(e.currentTarget.value)}
            onChange={commitTyped}
          />
        </label>
      </div>
      <ErrorBox error={error()} />
    </fieldset>
  );
}
