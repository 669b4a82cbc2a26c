import { createSignal, For, onMount, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { autoRefresh } from "../../auto-refresh";
import { asciiDigits } from "../../digits";
import { kuwaitTime, tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { minutes, num, st } from "../i18n-staff";
import { go, linkTo, staffPath, type StaffRoute } from "../router";
import { staffError } from "../staff-error";
import { ft } from "./i18n-field";
import { FLAGS, kindLabel, refusalText, VIOLATION_NUMBER } from "./labels";
import { getFieldReview, type FieldReviewResult, type FlaggedEvidence } from "./queries";
import { ViolationPanel } from "./violation-panel";
import "./field.css";

const REFRESH_MS = 30_000;

/** One flag as a sentence a supervisor reads at a glance: how far, how many minutes, how imprecise. */
function flagText(flag: (typeof FLAGS)[number], e: FlaggedEvidence): string {
  switch (flag) {
    case "far_from_site":
      return e.distanceM === null ? ft("flag.far_from_site.unknown") : ft("flag.far_from_site", { n: num(e.distanceM) });
    case "clock_disagrees":
      return ft("flag.clock_disagrees", { wait: minutes(Math.max(1, Math.round(Math.abs(e.clockSkewSeconds) / 60))) });
    case "poor_accuracy":
      return ft("flag.poor_accuracy", { n: num(Math.round(e.accuracyM)) });
  }
}

/** Where a flagged photo belongs: a case opens its page, a violation its panel below. */
function subjectRoute(e: FlaggedEvidence): StaffRoute | null {
  if (!e.ref) return null;
  if (e.subjectType === "case") return { name: "case", trackingNumber: e.ref };
  if (e.subjectType === "violation") return { name: "violation", number: e.ref };
  return null;
}

/** A small form: a violation number typed (or read off a paper notice) opens its panel. */
function OpenViolation() {
  const [value, setValue] = createSignal("");
  const [problem, setProblem] = createSignal(false);
  let input: HTMLInputElement | undefined;
  return (
    <form
      class="open-violation"
      aria-labelledby="open-violation-heading"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        const number = asciiDigits(value()).trim().toUpperCase();
        if (!VIOLATION_NUMBER.test(number)) {
          setProblem(true);
          input?.focus();
          return;
        }
        setProblem(false);
        setValue("");
        go({ name: "violation", number });
      }}
    >
      <h3 id="open-violation-heading">{ft("open.heading")}</h3>
      <div class="row">
        <label>
          {ft("open.label")}
          <input
            ref={input}
            id="open-violation-number"
            dir="ltr"
            autocomplete="off"
            spellcheck={false}
            maxLength={24}
            placeholder={ft("open.hint")}
            value={value()}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-invalid={problem() ? "true" : undefined}
            aria-describedby={problem() ? "open-violation-error" : undefined}
          />
        </label>
        <button type="submit">{ft("open.submit")}</button>
      </div>
      <Show when={problem()}>
        <p id="open-violation-error" class="field-error">
          {ft("open.invalid")}
        </p>
      </Show>
    </form>
  );
}

/**
 * What supervisors check of their branch's field work: evidence flagged far from its site, with a
 * phone clock off or a poor position, and the sync items the server refused — asked again every 30 s
 * while on screen. A violation opens in a panel below.
 */
export function FieldReviewView(props: { violation: string | null }) {
  const [review, setReview] = createSignal<FieldReviewResult | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loadedAt, setLoadedAt] = createSignal(Date.now());

  async function load(quiet = false) {
    if (!quiet) setLoading(true);
    try {
      setReview(await getFieldReview());
      setLoadedAt(Date.now());
      setError(null);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setLoading(false);
    }
  }
  onMount(() => void load());
  autoRefresh(() => load(true), REFRESH_MS);

  return (
    <>
      <section class="panel wide field-review" aria-labelledby="field-heading">
        <div class="heading-row">
          <h2 id="field-heading">{ft("review.heading")}</h2>
          <p class="muted live-note">
            {ft("review.refreshed", { time: kuwaitTime(new Date(loadedAt()).toISOString()) })} —{" "}
            {ft("review.autoRefresh", { n: num(REFRESH_MS / 1000) })}
          </p>
        </div>
        <p class="muted">{ft("review.intro")}</p>
        <OpenViolation />
        <StaffErrorBox error={error()} />
        <Show when={error()}>
          <button type="button" class="secondary" onClick={() => void load()}>
            {st("common.retry")}
          </button>
        </Show>
        <Show when={loading() && !review()}>
          <p class="muted">{st("common.loading")}</p>
        </Show>
        <Show when={review()}>
          {(r) => (
            <>
              <section class="field-block" aria-labelledby="flagged-heading">
                <div class="heading-row">
                  <h3 id="flagged-heading">{ft("flagged.heading")}</h3>
                  <p class="counts">{ft("flagged.count", { n: num(r().flagged.length) })}</p>
                </div>
                <Show when={r().flagged.length > 0} fallback={<p class="muted">{ft("flagged.none")}</p>}>
                  <div class="table-wrap">
                    <table class="field-table flagged-table">
                      <caption class="visually-hidden">{ft("flagged.table")}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{ft("col.subject")}</th>
                          <th scope="col">{ft("col.flags")}</th>
                          <th scope="col">{ft("col.inspector")}</th>
                          <th scope="col">{ft("col.deviceTime")}</th>
                          <th scope="col">{ft("col.receivedAt")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={r().flagged}>
                          {(e) => (
                            <tr data-evidence={e.evidenceId} data-ref={e.ref ?? ""}>
                              <td>
                                <Show when={subjectRoute(e)} fallback={<span class="muted">{ft("subject.pending")}</span>}>
                                  {(to) => (
                                    <>
                                      <span class="subject-kind">
                                        {ft(e.subjectType === "case" ? "subject.case" : "subject.violation")}
                                      </span>{" "}
                                      <a href={staffPath(to())} onClick={linkTo(to())}>
                                        <bdi dir="ltr" class="number">
                                          {e.ref}
                                        </bdi>
                                      </a>
                                    </>
                                  )}
                                </Show>
                              </td>
                              <td>
                                <ul class="flag-list">
                                  <For each={FLAGS.filter((f) => e.flags.includes(f))}>
                                    {(flag) => (
                                      <li class="flag" data-flag={flag}>
                                        {flagText(flag, e)}
                                      </li>
                                    )}
                                  </For>
                                </ul>
                              </td>
                              <td>{tx(e.inspector)}</td>
                              <td>
                                <time datetime={e.deviceTime}>{kuwaitTime(e.deviceTime)}</time>
                              </td>
                              <td>
                                <time datetime={e.receivedAt}>{kuwaitTime(e.receivedAt)}</time>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </section>
              <section class="field-block" aria-labelledby="refused-heading">
                <div class="heading-row">
                  <h3 id="refused-heading">{ft("refused.heading")}</h3>
                  <p class="counts">{ft("refused.count", { n: num(r().refused.length) })}</p>
                </div>
                <Show when={r().refused.length > 0} fallback={<p class="muted">{ft("refused.none")}</p>}>
                  <div class="table-wrap">
                    <table class="field-table refused-table">
                      <caption class="visually-hidden">{ft("refused.table")}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{ft("col.inspector")}</th>
                          <th scope="col">{ft("col.kind")}</th>
                          <th scope="col">{ft("col.code")}</th>
                          <th scope="col">{ft("col.reason")}</th>
                          <th scope="col">{ft("col.at")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={r().refused}>
                          {(item) => (
                            <tr data-key={item.key} data-code={item.code}>
                              <td>{tx(item.inspector)}</td>
                              <td>{kindLabel(item.kind)}</td>
                              <td>
                                <code dir="ltr">{item.code}</code>
                              </td>
                              <td>
                                <span class="refusal">{refusalText(item.code)}</span>
                                <span class="server-reason muted">
                                  {ft("refused.server")}{" "}
                                  <span lang="en" dir="ltr">
                                    {item.reason}
                                  </span>
                                </span>
                              </td>
                              <td>
                                <time datetime={item.at}>{kuwaitTime(item.at)}</time>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </section>
            </>
          )}
        </Show>
      </section>
      <Show when={props.violation}>{(number) => <ViolationPanel number={number()} onChanged={() => void load(true)} />}</Show>
    </>
  );
}
