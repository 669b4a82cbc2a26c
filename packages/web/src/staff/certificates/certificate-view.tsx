import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { autoRefresh } from "../../auto-refresh";
import { kuwaitTime, t, tx, type MessageKey } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { linkTo } from "../router";
import { staffError } from "../staff-error";
import { certificateSearch } from "./certificate-queue-view";
import { DecisionPanel } from "./decision-panel";
import { DescriptionCard } from "./description-card";
import { ct, fileSize, type CertKey } from "./i18n-certificates";
import { DOCUMENT_LABELS, PURPOSE_LABELS } from "./labels";
import { getApplication, type Application } from "./queries";
import { RevokeCertificate } from "./revoke-certificate";
import { SignedSteps } from "./signed-steps";
import { StageStepper } from "./stage-progress";
import "./certificates.css";

const REFRESH_MS = 20_000;
const FINISHED: ReadonlySet<string> = new Set(["issued", "rejected"]);

/** One application as staff work it: the property, the people, the papers, the route, the signed steps and the decision. */
export function CertificateView(props: { number: string }) {
  const [view, setView] = createSignal<Application | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [changed, setChanged] = createSignal<Application | null>(null);

  async function load() {
    setLoading(true);
    setError(null);
    try {
      setView(await getApplication(props.number));
      setChanged(null);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setLoading(false);
    }
  }
  createEffect(
    on(
      () => props.number,
      () => {
        setView(null);
        void load();
      },
    ),
  );
  // Someone else's step is announced, not applied under the employee's hands; the same step is refreshed quietly.
  autoRefresh(async () => {
    const shown = view();
    if (!shown) return;
    const latest = await getApplication(props.number);
    if (latest.stepCount === shown.stepCount) setView(latest);
    else setChanged(latest);
  }, REFRESH_MS);

  const back = () => certificateSearch();
  const documents = () => view()?.documents.filter((d) => d.kind !== "violation_photo") ?? [];
  const photos = () => view()?.documents.filter((d) => d.kind === "violation_photo") ?? [];

  return (
    <section class="panel wide certificates" aria-labelledby="cert-heading">
      <p>
        <a
          href={`/staff/certificates${back().toString() ? `?${back().toString()}` : ""}`}
          onClick={(e) => linkTo({ name: "certificates", search: back() })(e)}
        >
          {ct("detail.back")}
        </a>
      </p>
      <h2 id="cert-heading">
        {ct("detail.heading")}
        <bdi dir="ltr" class="number">
          {props.number}
        </bdi>
      </h2>
      <StaffErrorBox error={error()} />
      <Show when={error() && !view()}>
        <button type="button" class="secondary" onClick={() => void load()}>
          {st("common.retry")}
        </button>
      </Show>
      <Show when={loading() && !view()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
      <Show when={changed()}>
        {(c) => (
          <div class="notice" role="status">
            {ct("detail.changed", { state: tx(c().stateLabel) })}{" "}
            <button type="button" class="secondary" onClick={() => void load()}>
              {ct("detail.reload")}
            </button>
          </div>
        )}
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <p class="card-meta">
              <span class="badge" classList={{ open: !FINISHED.has(v().state) }} data-state={v().state}>
                {tx(v().stateLabel)}
              </span>
              <Show when={v().overdue}>
                {" "}
                <span class="badge overdue">{ct("badge.overdue")}</span>
              </Show>
              <Show when={v().escalationLevel > 0}>
                {" "}
                <span class="badge escalated">{ct("badge.escalated", { n: num(v().escalationLevel) })}</span>
              </Show>
            </p>
            <StageStepper stages={v().stages} />
            <div class="cert-layout">
              <div class="cert-main">
                <section aria-labelledby="cert-property-heading">
                  <h3 id="cert-property-heading">{ct("detail.property")}</h3>
                  <dl class="facts">
                    <dt>{ct("detail.governorate")}</dt>
                    <dd>{t(`gov.${v().governorateCode}` as MessageKey)}</dd>
                    <dt>{ct("detail.area")}</dt>
                    <dd>{tx(v().property.areaName)}</dd>
                    <dt>{ct("detail.block")}</dt>
                    <dd>{v().property.block}</dd>
                    <dt>{ct("detail.plot")}</dt>
                    <dd>{v().property.plot}</dd>
                    <dt>{ct("detail.plan")}</dt>
                    <dd>
                      <bdi>{v().property.planNumber}</bdi>
                    </dd>
                    <Show when={v().property.landAreaM2 !== null}>
                      <dt>{ct("detail.registerArea")}</dt>
                      <dd>{ct("m2", { n: num(v().property.landAreaM2 ?? 0, 2) })}</dd>
                    </Show>
                  </dl>
                </section>
                <section class="reporter staff-only" aria-labelledby="cert-people-heading">
                  <h3 id="cert-people-heading">{ct("detail.people")}</h3>
                  <dl class="facts">
                    <dt>{ct("detail.owner")}</dt>
                    <dd>
                      <bdi dir="ltr" class="number">
                        {v().ownerCivilId}
                      </bdi>
                    </dd>
                    <dt>{ct("detail.applicant")}</dt>
                    <dd>
                      <bdi dir="ltr" class="number">
                        {v().applicantCivilId}
                      </bdi>
                    </dd>
                    <Show when={v().phone}>
                      {(phone) => (
                        <>
                          <dt>{ct("detail.phone")}</dt>
                          <dd>
                            <a href={`tel:${phone()}`} dir="ltr">
                              {phone()}
                            </a>
                          </dd>
                        </>
                      )}
                    </Show>
                    <Show when={v().note}>
                      {(note) => (
                        <>
                          <dt>{ct("detail.note")}</dt>
                          <dd>
                            <span dir="auto" class="prewrap">
                              {note()}
                            </span>
                          </dd>
                        </>
                      )}
                    </Show>
                  </dl>
                </section>
                <section aria-labelledby="cert-application-heading">
                  <h3 id="cert-application-heading">{ct("detail.application")}</h3>
                  <dl class="facts">
                    <dt>{ct("detail.purpose")}</dt>
                    <dd>{tx(PURPOSE_LABELS[v().purpose])}</dd>
                    <dt>{ct("detail.filed")}</dt>
                    <dd>
                      <time datetime={v().createdAt}>{kuwaitTime(v().createdAt)}</time>
                    </dd>
                    <dt>{ct("detail.with")}</dt>
                    <dd>{tx(v().department)}</dd>
                    <dt>{ct("detail.entered")}</dt>
                    <dd>
                      <time datetime={v().stateEnteredAt}>{kuwaitTime(v().stateEnteredAt)}</time>
                    </dd>
                    <Show when={v().dueAt}>
                      {(due) => (
                        <>
                          <dt>{ct("detail.due")}</dt>
                          <dd classList={{ "overdue-text": v().overdue }}>
                            <time datetime={due()}>{kuwaitTime(due())}</time>
                          </dd>
                        </>
                      )}
                    </Show>
                    <dt>{ct("detail.assignee")}</dt>
                    <dd>{v().assignee ? tx(v().assignee!.name) : st("common.unassigned")}</dd>
                    <dt>{ct("detail.escalation")}</dt>
                    <dd>
                      {v().escalationLevel > 0
                        ? ct("detail.escalationLevel", { n: num(v().escalationLevel) })
                        : ct("detail.escalationNone")}
                    </dd>
                  </dl>
                </section>
                <section aria-labelledby="cert-docs-heading">
                  <h3 id="cert-docs-heading">{ct("docs.heading")}</h3>
                  <Show when={documents().length > 0} fallback={<p class="muted">{ct("docs.none")}</p>}>
                    <ul class="documents">
                      <For each={documents()}>
                        {(d) => (
                          <li>
                            <a href={d.url} target="_blank" rel="noopener">
                              {tx(DOCUMENT_LABELS[d.kind])}
                            </a>{" "}
                            <span class="muted">
                              — <bdi>{d.name}</bdi> ({fileSize(d.byteSize)})
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                    <p class="muted">{ct("docs.opens")}</p>
                  </Show>
                </section>
                <DescriptionCard description={v().description} photos={photos()} />
                <Show when={v().certificate}>
                  {(c) => (
                    <section class="issued" aria-labelledby="cert-issued-heading">
                      <h3 id="cert-issued-heading">{ct("cert.heading")}</h3>
                      <dl class="facts">
                        <dt>{ct("cert.number")}</dt>
                        <dd>
                          <bdi dir="ltr" class="number">
                            {c().number}
                          </bdi>
                        </dd>
                        <dt>{ct("cert.status")}</dt>
                        <dd>{ct(`cert.${c().status}` as CertKey)}</dd>
                        <dt>{ct("cert.issuedAt")}</dt>
                        <dd>
                          <time datetime={c().issuedAt}>{kuwaitTime(c().issuedAt)}</time>
                        </dd>
                        <dt>{ct("cert.validUntil")}</dt>
                        <dd>
                          <time datetime={c().validUntil}>{kuwaitTime(c().validUntil)}</time>
                        </dd>
                      </dl>
                      <p>
                        <Show when={c().pdfUrl} fallback={<span class="muted">{ct("cert.pdfPending")}</span>}>
                          {(url) => (
                            <a href={url()} target="_blank" rel="noopener">
                              {ct("cert.pdf")}
                            </a>
                          )}
                        </Show>
                        {" · "}
                        <a href={c().verifyUrl} target="_blank" rel="noopener">
                          {ct("cert.verify")}
                        </a>
                      </p>
                      <RevokeCertificate number={c().number} status={c().status} onRevoked={load} />
                    </section>
                  )}
                </Show>
                <SignedSteps steps={v().steps} />
              </div>
              <aside class="cert-side">
                <DecisionPanel
                  view={v()}
                  onDone={(next) => {
                    setChanged(null);
                    setView(next);
                  }}
                  onReload={() => void load()}
                />
              </aside>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
