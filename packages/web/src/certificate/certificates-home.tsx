import { createResource, For, Show } from "solid-js";
import { toAppError } from "../app-error";
import { kuwaitTime, t, tx } from "../i18n";
import { linkHandler, pathOf, type Route } from "../router";
import { session } from "../session";
import { focusHeadingOnMount } from "./focus";
import { ct } from "./i18n-certificate";
import { myApplications } from "./queries";

const APPLY: Route = { name: "certificate-apply" };
const LOOKUP: Route = { name: "certificate-track", number: null, token: null };
const ACCOUNT: Route = { name: "account" };

/** The certificate section's front page: apply, look one up, and — signed in — the resident's own applications. */
export function CertificatesHome() {
  focusHeadingOnMount("cert-home-heading");
  // Errors are kept as values: a resource that throws would throw again wherever it is read.
  const [mine] = createResource(
    () => session()?.token ?? null,
    () =>
      myApplications().then(
        (items) => ({ items, error: null }),
        (e: unknown) => ({ items: [], error: toAppError(e) }),
      ),
  );
  const failed = () => mine.latest?.error ?? null;
  return (
    <section class="panel certificate" aria-labelledby="cert-home-heading">
      <h2 id="cert-home-heading">{ct("home.title")}</h2>
      <p>{ct("home.lead")}</p>
      <ol class="cert-route muted">
        <li>{ct("home.step1")}</li>
        <li>{ct("home.step2")}</li>
        <li>{ct("home.step3")}</li>
        <li>{ct("home.step4")}</li>
      </ol>
      <div class="row cert-links">
        <a class="button" href={pathOf(APPLY)} onClick={linkHandler(APPLY)}>
          {ct("home.apply")}
        </a>
        <a class="button secondary" href={pathOf(LOOKUP)} onClick={linkHandler(LOOKUP)}>
          {ct("home.track")}
        </a>
      </div>
      <h3 id="cert-mine-heading">{ct("home.mine")}</h3>
      <Show
        when={session()}
        fallback={
          <p class="muted">
            {ct("home.signInFirst")}{" "}
            <a href={pathOf(ACCOUNT)} onClick={linkHandler(ACCOUNT)}>
              {t("account.signIn")}
            </a>
          </p>
        }
      >
        <Show when={!failed()} fallback={<p class="error-box">{ct("error.generic")}</p>}>
          <Show when={!mine.loading} fallback={<p class="muted">{t("common.loading")}</p>}>
            <Show when={(mine.latest?.items ?? []).length > 0} fallback={<p class="muted">{ct("home.none")}</p>}>
              <ul class="cards" aria-labelledby="cert-mine-heading">
                <For each={mine.latest?.items}>
                  {(m) => {
                    const to: Route = { name: "certificate-track", number: m.number, token: null };
                    return (
                      <li class="card cert-card">
                        <a href={pathOf(to)} onClick={linkHandler(to)}>
                          <bdi dir="ltr">{m.number}</bdi>
                        </a>
                        <p class="card-meta">
                          <span class={`badge ${m.state === "rejected" ? "overdue" : "open"}`}>{tx(m.stateLabel)}</span>
                          <span>
                            {tx(m.property.areaName)} —{" "}
                            {ct("verify.blockPlot", { block: m.property.block, plot: m.property.plot })}
                          </span>
                        </p>
                        <p class="muted">{ct("home.filed", { at: kuwaitTime(m.createdAt) })}</p>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
