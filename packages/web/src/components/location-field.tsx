import { createSignal, Show } from "solid-js";
import type { LocateResult } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";
import { toAppError, type AppError } from "../app-error";
import { t, tx, type MessageKey } from "../i18n";
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

export function LocationField(props: { onChange: (point: LatLng | null) => void }) {
  const [lat, setLat] = createSignal("");
  const [lng, setLng] = createSignal("");
  const [finding, setFinding] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey | null>(null);
  const [accuracy, setAccuracy] = createSignal<number | null>(null);
  const [checking, setChecking] = createSignal(false);
  const [found, setFound] = createSignal<LocateResult | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  let latest = 0;

  async function commit() {
    const la = parseCoordinate(lat(), 90);
    const ln = parseCoordinate(lng(), 180);
    const point = la !== null && ln !== null ? { lat: la, lng: ln } : null;
    setFound(null);
    setError(null);
    setProblem(!point && lat() && lng() ? "location.invalid" : null);
    props.onChange(point);
    if (!point) return;
    const request = ++latest;
    setChecking(true);
    try {
      const result = await locatePoint(point);
      if (request === latest) setFound(result);
    } catch (e) {
      if (request === latest) setError(toAppError(e));
    } finally {
      if (request === latest) setChecking(false);
    }
  }

  function useMyLocation() {
    if (!("geolocation" in navigator)) return setProblem("location.unsupported");
    setFinding(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setFinding(false);
        setLat(position.coords.latitude.toFixed(6));
        setLng(position.coords.longitude.toFixed(6));
        setAccuracy(Math.round(position.coords.accuracy));
        void commit();
      },
      (failure) => {
        setFinding(false);
        setProblem(failure.code === failure.PERMISSION_DENIED ? "location.denied" : "location.unavailable");
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  }

  const edit = (set: (v: string) => void) => (e: { currentTarget: HTMLInputElement }) => {
    set(e.currentTarget.value);
    setAccuracy(null);
    void commit();
  };

  return (
    <fieldset>
      <legend>
        {t("location.legend")} <span class="required">*</span>
      </legend>
      <button type="button" class="secondary" onClick={useMyLocation} disabled={finding()}>
        {finding() ? t("location.locating") : t("location.useMine")}
      </button>
      <div class="row">
        <label>
          {t("location.lat")}
          <input inputmode="decimal" dir="ltr" autocomplete="off" placeholder="29.3759" value={lat()} onChange={edit(setLat)} />
        </label>
        <label>
          {t("location.lng")}
          <input inputmode="decimal" dir="ltr" autocomplete="off" placeholder="47.9774" value={lng()} onChange={edit(setLng)} />
        </label>
      </div>
      <Show when={accuracy()}>{(m) => <p class="muted">{t("location.accuracy", { m: m() })}</p>}</Show>
      <Show when={problem()}>{(key) => <p class="warning">{t(key())}</p>}</Show>
      <Show when={checking()}>
        <p class="muted">{t("location.checking")}</p>
      </Show>
      <Show when={found()}>
        {(f) => (
          <p class="located" role="status">
            {t("location.found", { area: tx(f().area.name), governorate: tx(f().governorate.name) })}
          </p>
        )}
      </Show>
      <ErrorBox error={error()} />
    </fieldset>
  );
}
