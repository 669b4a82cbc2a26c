import { DOCUMENT_LABELS, PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { autoRefresh } from "../auto-refresh";
import { toAppError, type AppError } from "../app-error";
import { asciiDigits } from "../digits";
import { kuwaitTime, t, tx } from "../i18n";
import { linkHandler, navigate } from "../router";
import { session } from "../session";
import { fileSize, kuwaitDate } from "./format";
import { focusHeadingOnMount } from "./focus";
import { ct } from "./i18n-certificate";
import { APPLICATION_NUMBER } from "./limits";
import { trackApplication, type Application } from "./queries";
import { ResubmitForm } from "./resubmit-form";
import { SignedSteps } from "./signed-steps";
import { StageStepper } from "./stage-stepper";
import { TextField } from "./text-field";

/** How often an open application asks for news (the brief's ~20 s; focus and a shown tab ask at once). */
const REFRESH_MS = 20_000;

/** The applicant follows an application: where it is, since when and until when, decisions, documents, the certificate. */
export function CertificateTrackView(props: { number: string | null; token: string | null }) {
  focusHeadingOnMount("cert-track-heading");
  const [view, setView] = createSignal<Application | null>(null);
  const [failure, setFailure] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  let runs = 0;

  // A failed refresh keeps what the page shows; only a first load that fails shows the look-up form.
  async function load() {
    const number = props.number;
    if (!number) return;
    const run = ++runs;
    setLoading(true);
    try {
      const fresh = await trackApplication(number, props.token ?? undefined);
      if (run === runs) {
        setView(fresh);
        setFailure(null);
      }
    } catch (e) {
      if (run === runs) setFailure(toAppError(e));
    } finally {
      if (run === runs) setLoading(false);
    }
  }
  createEffect(
    on([() => props.number, () => props.token], () => {
      setView(null);
      setFailure(null);
      void load();
    }),
  );
  autoRefresh(load, REFRESH_MS);

  return (
    <section class="panel certificate" aria-labelledby="cert-track-heading" aria-busy={loading() && !view() ? "true" : undefined}>
      <h2 id="cert-track-heading">{ct("track.title")}</h2>
      <Show when={!props.number || (failure() && !view())}>
        <Show when={failure()}>
          {(f) => (
            <p class="error-box" role="alert">
              {f().code === "NOT_FOUND"
                ? ct("error.notFound")
                : f().code === "NETWORK"
                  ? ct("error.network")
                  : ct("error.generic")}
            </p>
          )}
        </Show>
        <LookupForm number={props.number} token={props.token} />
      </Show>
      <Show when={loading() && !view() && !failure()}>
        <p class="muted" role="status">
          {t("common.loading")}
        </p>
      </Show>
      <Show when={view()}>
        {(a) => (
          <>
            <Show when={failure()}>
              <p class="muted" role="status">
                {ct("track.refreshFailed")}
              </p>
            </Show>
            <Summary view={a()} />
            <Show when={a().canResubmit}>
              <ResubmitForm view={a()} token={props.token} onDone={setView} onStale={() => void load()} />
            </Show>
            <Show when={a().certificate}>{(c) => <IssuedCertificate certificate={c()} />}</Show>
            <StageStepper stages={a().stages} overdue={a().overdue} />
            <SignedSteps steps={a().steps} />
            <Documents documents={a().documents} />
          </>
        )}
      </Show>
    </section>
  );
}

/** Where the application is, in one glance. */
function Summary(props: { view: Application }) {
  // Finished, or back with the applicant (the return box says so): "now with" would say nothing more.
  const final = () => ["issued", "rejected", "returned_to_applicant"].includes(props.view.state);
  return (
    <div class="cert-summary" classList={{ overdue: props.view.overdue }}>
      <p class="cert-number">
        <span class="muted">{ct("track.number")}</span> <bdi dir="ltr">{props.view.number}</bdi>
      </p>
      <p class="cert-state">
        <strong>{tx(props.view.stateLabel)}</strong>
        <Show when={props.view.overdue}>
          {" "}
          <span class="badge overdue">{ct("track.overdue")}</span>
        </Show>
      </p>
      <Show when={!final()}>
        <p>{ct("track.now", { dept: tx(props.view.department) })}</p>
      </Show>
      <dl class="facts">
        <dt>{ct("verify.property")}</dt>
        <dd>
          {tx(props.view.property.areaName)} —{" "}
          {ct("verify.block", {
            block: props.view.property.block,
            plot: props.view.property.plot,
            plan: props.view.property.planNumber,
          })}
        </dd>
        <dt>{ct("verify.purpose")}</dt>
        <dd>{tx(PURPOSE_LABELS[props.view.purpose])}</dd>
        <dt>{ct("track.filed")}</dt>
        <dd>
          <time datetime={props.view.createdAt}>{kuwaitTime(props.view.createdAt)}</time>
        </dd>
      </dl>
    </div>
  );
}

function IssuedCertificate(props: { certificate: NonNullable<Application["certificate"]> }) {
  const c = () => props.certificate;
  return (
    <section class="cert-issued" aria-labelledby="cert-issued-heading">
      <h3 id="cert-issued-heading">{ct("track.issued")}</h3>
      <dl class="facts">
        <dt>{ct("track.certificateNumber")}</dt>
        <dd>
          <bdi dir="ltr">{c().number}</bdi>
        </dd>
        <dt>{ct("track.status")}</dt>
        <dd>
          <span class={`badge ${c().status === "valid" ? "open" : "overdue"}`}>{ct(`track.status.${c().status}`)}</span>
        </dd>
        <dt>{ct("verify.issued")}</dt>
        <dd>{kuwaitDate(c().issuedAt)}</dd>
        <dt>{ct("verify.validUntil")}</dt>
        <dd>{kuwaitDate(c().validUntil)}</dd>
      </dl>
      <div class="row cert-links">
        <Show when={c().pdfUrl} fallback={<p class="muted">{ct("track.pdfPending")}</p>}>
          {(url) => (
            <a class="button" href={url()} download={`${c().number}.pdf`}>
              {ct("track.download")}
            </a>
          )}
        </Show>
        <a class="button secondary" href={c().verifyUrl} onClick={linkHandler({ name: "verify", number: c().number })}>
          {ct("track.verify")}
        </a>
      </div>
    </section>
  );
}

function Documents(props: { documents: Application["documents"] }) {
  return (
    <section aria-labelledby="cert-docs-heading">
      <h3 id="cert-docs-heading">{ct("track.documents")}</h3>
      <ul class="cert-doc-list">
        <For each={props.documents}>
          {(d) => (
            <li>
              <a href={d.url} target="_blank" rel="noopener">
                {tx(DOCUMENT_LABELS[d.kind])}
              </a>{" "}
              <bdi class="muted">{d.name}</bdi> <span class="muted">({fileSize(d.byteSize)})</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

/** Opens an application by its number and one-time code (the number alone for the signed-in owner). */
function LookupForm(props: { number: string | null; token: string | null }) {
  const [number, setNumber] = createSignal(props.number ?? "");
  const [token, setToken] = createSignal(props.token ?? "");
  const [problem, setProblem] = createSignal<string | null>(null);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const n = asciiDigits(number()).trim().toUpperCase();
    if (!APPLICATION_NUMBER.test(n)) {
      setProblem(ct("err.applicationNumber"));
      document.getElementById("lookup-number")?.focus();
      return;
    }
    navigate({ name: "certificate-track", number: n, token: token().trim() || null });
  };
  return (
    <form onSubmit={submit} novalidate>
      <p>{session() ? ct("track.lookupSignedIn") : ct("track.lookup")}</p>
      <TextField
        id="lookup-number"
        label={ct("track.number")}
        value={number()}
        onInput={(v) => {
          setNumber(v);
          setProblem(null);
        }}
        problem={problem()}
        ltr
        maxLength={24}
        placeholder="PD-HA-2026-000123"
      />
      <TextField
        id="lookup-token"
        label={ct("track.token")}
        value={token()}
        onInput={setToken}
        problem={null}
        ltr
        maxLength={200}
      />
      <button type="submit" class="primary">
        {ct("track.open")}
      </button>
    </form>
  );
}
