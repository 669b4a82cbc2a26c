import { createSignal, For, onMount, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { CaseDetails } from "../components/case-details";
import { ErrorBox } from "../components/error-box";
import { kuwaitTime, t } from "../i18n";
import { forgetReport, myReports, type SavedReport } from "../my-reports";
import { lookupCase, type CaseView } from "../queries";

export function TrackView(props: { lookupFirstSaved: boolean }) {
  const first = myReports()[0];
  const [trackingNumber, setTrackingNumber] = createSignal(first?.trackingNumber ?? "");
  const [token, setToken] = createSignal(first?.token ?? "");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [view, setView] = createSignal<CaseView | null>(null);

  async function lookup() {
    setBusy(true);
    setError(null);
    try {
      setView(await lookupCase({ trackingNumber: trackingNumber().trim().toUpperCase(), token: token().trim() }));
    } catch (e) {
      setView(null);
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  function pick(saved: SavedReport) {
    setTrackingNumber(saved.trackingNumber);
    setToken(saved.token);
    void lookup();
  }

  onMount(() => {
    if (props.lookupFirstSaved && first) void lookup();
  });

  return (
    <>
      <form
        class="panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void lookup();
        }}
      >
        <h2>{t("nav.track")}</h2>
        <div class="row">
          <label>
            {t("done.tracking")}
            <input
              dir="ltr"
              autocomplete="off"
              autocapitalize="characters"
              placeholder="HA-2026-000123"
              value={trackingNumber()}
              onInput={(e) => setTrackingNumber(e.currentTarget.value)}
            />
          </label>
          <label>
            {t("done.token")}
            <input
              dir="ltr"
              autocomplete="off"
              spellcheck={false}
              value={token()}
              onInput={(e) => setToken(e.currentTarget.value)}
            />
          </label>
        </div>
        <ErrorBox error={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? t("common.loading") : t("track.button")}
        </button>
        <Show when={myReports().length > 0}>
          <h3>{t("track.mine")}</h3>
          <ul class="saved">
            <For each={myReports()}>
              {(saved) => (
                <li>
                  <button type="button" class="link" onClick={() => pick(saved)}>
                    <bdi dir="ltr">{saved.trackingNumber}</bdi>
                  </button>
                  <small class="muted">{saved.savedAt ? kuwaitTime(saved.savedAt) : ""}</small>
                  <button
                    type="button"
                    class="remove"
                    aria-label={t("track.forget", { n: saved.trackingNumber })}
                    onClick={() => forgetReport(saved.trackingNumber)}
                  >
                    ×
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </form>
      <Show when={view()}>{(v) => <CaseDetails view={v()} />}</Show>
    </>
  );
}
