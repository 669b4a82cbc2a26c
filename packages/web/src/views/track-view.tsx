import { createEffect, createSignal, For, on, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { autoRefresh } from "../auto-refresh";
import { CaseActions, type CaseRef } from "../components/case-actions";
import { CaseDetails } from "../components/case-details";
import { ErrorBox } from "../components/error-box";
import { FieldError } from "../components/field-error";
import { LedgerPanel } from "../components/ledger-panel";
import { NotifyButton } from "../components/notify-button";
import { fieldMessage } from "../field-errors";
import { kuwaitTime, t } from "../i18n";
import { forgetReport, myReports, saveReport } from "../my-reports";
import { lookupCase, type CaseView } from "../queries";
import { linkHandler, navigate } from "../router";
import { session } from "../session";

const NUMBER = /^[A-Z]{2}-\d{4}-\d{6,}$/;
const normalise = (n: string) => n.trim().toUpperCase();
const savedToken = (n: string) => myReports().find((r) => r.trackingNumber === n)?.token;

/**
 * A token in the address's fragment (`/track/<number>#t=…`, as a kiosk receipt's QR code carries it):
 * read once and removed from the address, so it is not left in the history or shared by accident.
 */
function tokenFromAddress(): string | undefined {
  const match = /^#t=([^&]+)$/.exec(location.hash);
  if (!match?.[1]) return undefined;
  history.replaceState(history.state, "", location.pathname + location.search);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * The resident's page for one report: reached by tracking number and secret token, from the
 * reports kept on this device, or from the account when signed in. It refreshes itself.
 */
export function TrackView(props: { trackingNumber: string | null }) {
  const initial = props.trackingNumber ?? myReports()[0]?.trackingNumber ?? "";
  const [numberInput, setNumberInput] = createSignal(initial);
  const [tokenInput, setTokenInput] = createSignal(savedToken(initial) ?? "");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [invalid, setInvalid] = createSignal<{ number?: string; token?: string }>({});
  const [caseRef, setCaseRef] = createSignal<CaseRef | null>(null);
  const [view, setView] = createSignal<CaseView | null>(null);
  const [news, setNews] = createSignal("");
  let numberField: HTMLInputElement | undefined;
  let tokenField: HTMLInputElement | undefined;

  const notFound = () => error()?.code === "NOT_FOUND";
  const numberMessage = () => invalid().number ?? fieldMessage(error(), "trackingNumber");
  const tokenMessage = () => invalid().token ?? fieldMessage(error(), "token");

  async function open(ref: CaseRef) {
    setCaseRef(ref);
    setBusy(true);
    setError(null);
    try {
      const found = await lookupCase(ref);
      if (ref.token) saveReport(found.trackingNumber, ref.token);
      setView(found);
      setNews("");
      navigate({ name: "track", trackingNumber: found.trackingNumber }, { replace: props.trackingNumber !== null });
    } catch (e) {
      setView(null);
      setError(toAppError(e));
      (notFound() ? tokenField : numberField)?.focus();
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    const trackingNumber = normalise(numberInput());
    const token = tokenInput().trim();
    const problems: { number?: string; token?: string } = {};
    if (!NUMBER.test(trackingNumber)) problems.number = t("field.trackingNumber");
    if (!token && !session()) problems.token = t("field.token");
    setInvalid(problems);
    // What the server said about the previous attempt no longer applies.
    if (problems.number || problems.token) setError(null);
    if (problems.number) return numberField?.focus();
    if (problems.token) return tokenField?.focus();
    void open({ trackingNumber, ...(token && { token }) });
  }

  // A tracking number in the address opens that report with what this device knows of it.
  createEffect(
    on(
      () => props.trackingNumber,
      (n) => {
        if (!n || caseRef()?.trackingNumber === n) return;
        const token = tokenFromAddress() ?? savedToken(n);
        setNumberInput(n);
        setTokenInput(token ?? "");
        if (token || session()) void open({ trackingNumber: n, ...(token && { token }) });
        else queueMicrotask(() => tokenField?.focus());
      },
    ),
  );

  autoRefresh(
    async () => {
      const ref = caseRef();
      const current = view();
      if (!ref || !current) return;
      const fresh = await lookupCase(ref);
      const latest = view();
      // A slower poll must not undo a newer answer (an action the resident just took).
      if (!latest || latest.trackingNumber !== fresh.trackingNumber || fresh.updatedAt < latest.updatedAt) return;
      if (fresh.timeline.length > latest.timeline.length) setNews(t("track.news"));
      setView(fresh);
    },
    undefined,
    () => view()?.trackingNumber ?? null,
  );

  return (
    <>
      <form
        class="panel"
        noValidate
        aria-labelledby="track-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="track-heading">{t("nav.track")}</h2>
        <div class="row">
          <div class="field">
            <label for="track-number">{t("done.tracking")}</label>
            <input
              id="track-number"
              ref={numberField}
              dir="ltr"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              placeholder="HA-2026-000123"
              value={numberInput()}
              aria-invalid={numberMessage() || notFound() ? "true" : undefined}
              aria-describedby={numberMessage() ? "track-number-error" : notFound() ? "track-error" : undefined}
              onInput={(e) => {
                setNumberInput(e.currentTarget.value);
                setInvalid((p) => ({ ...p, number: undefined }));
              }}
            />
            <FieldError id="track-number-error" message={numberMessage()} />
          </div>
          <div class="field">
            <label for="track-token">{t("done.token")}</label>
            <input
              id="track-token"
              ref={tokenField}
              dir="ltr"
              autocomplete="off"
              spellcheck={false}
              value={tokenInput()}
              aria-invalid={tokenMessage() || notFound() ? "true" : undefined}
              aria-describedby={tokenMessage() ? "track-token-error" : notFound() ? "track-error" : undefined}
              onInput={(e) => {
                setTokenInput(e.currentTarget.value);
                setInvalid((p) => ({ ...p, token: undefined }));
              }}
            />
            <FieldError id="track-token-error" message={tokenMessage()} />
          </div>
        </div>
        <Show when={session()}>
          <p class="muted">{t("track.signedInHint")}</p>
        </Show>
        <div id="track-error">
          <ErrorBox error={error()} fields={["trackingNumber", "token"]} />
        </div>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? t("common.loading") : t("track.button")}
        </button>
        <Show when={!view() && myReports().length > 0}>
          <h3>{t("track.mine")}</h3>
          <ul class="saved">
            <For each={myReports()}>
              {(saved) => (
                <li>
                  <a
                    href={`/track/${saved.trackingNumber}`}
                    onClick={linkHandler({ name: "track", trackingNumber: saved.trackingNumber })}
                  >
                    <bdi dir="ltr">{saved.trackingNumber}</bdi>
                  </a>
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
      <p class="visually-hidden" role="status">
        {news()}
      </p>
      <Show when={view()}>
        {(v) => (
          <CaseDetails
            view={v()}
            footer={
              // Checked only against the timeline of the case it names: a newer look-up may be on its way.
              <Show when={caseRef()?.trackingNumber.toUpperCase() === v().trackingNumber && caseRef()}>
                {(ref) => <LedgerPanel caseRef={ref()} timeline={v().timeline} />}
              </Show>
            }
          >
            <Show when={v().reporter.name || v().reporter.phone}>
              <h3>{t("track.yourDetails")}</h3>
              <p class="muted">{t("track.yourDetailsHint")}</p>
              <dl class="facts">
                <Show when={v().reporter.name}>
                  <dt>{t("contact.name")}</dt>
                  <dd dir="auto">{v().reporter.name}</dd>
                </Show>
                <Show when={v().reporter.phone}>
                  <dt>{t("contact.phone")}</dt>
                  <dd>
                    <bdi dir="ltr">{v().reporter.phone}</bdi>
                  </dd>
                </Show>
              </dl>
            </Show>
            <Show when={caseRef()}>{(ref) => <CaseActions view={v()} caseRef={ref()} onChanged={setView} />}</Show>
            <Show when={caseRef()}>{(ref) => <NotifyButton caseRef={ref()} />}</Show>
          </CaseDetails>
        )}
      </Show>
    </>
  );
}
