import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { autoRefresh } from "../../auto-refresh";
import { kuwaitTime, tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { st } from "../i18n-staff";
import { linkTo } from "../router";
import { staffError } from "../staff-error";
import { ft } from "./i18n-field";
import { eventLabel } from "./labels";
import { getViolation, type Violation } from "./queries";
import { ViolationActions } from "./violation-actions";

const REFRESH_MS = 30_000;
const FINISHED: ReadonlySet<string> = new Set(["closed", "cancelled"]);

/**
 * One violation as a supervisor handles it: what it is and under which rule, who committed it
 * (staff only), its deadline, every step with who and when, and the steps open to them now.
 */
export function ViolationPanel(props: { number: string; onChanged: () => void }) {
  const [view, setView] = createSignal<Violation | null>(null);
  const [changed, setChanged] = createSignal<Violation | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  let heading: HTMLHeadingElement | undefined;

  async function load(focus = false) {
    setLoading(true);
    setError(null);
    try {
      setView(await getViolation(props.number));
      setChanged(null);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setLoading(false);
    }
    // Opened from the list above: the panel comes into view and the reader's focus with it.
    if (focus && heading) {
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
  }
  createEffect(
    on(
      () => props.number,
      () => {
        setView(null);
        void load(true);
      },
    ),
  );
  // Someone else's step is announced, not applied under the supervisor's hands.
  autoRefresh(async () => {
    const shown = view();
    if (!shown) return;
    const latest = await getViolation(props.number);
    if (latest.updatedAt === shown.updatedAt) setView(latest);
    else setChanged(latest);
  }, REFRESH_MS);

  return (
    <section class="panel wide violation-panel" aria-labelledby="violation-heading">
      <div class="heading-row">
        <h2 id="violation-heading" ref={heading} tabIndex={-1}>
          {ft("violation.heading")}
          <bdi dir="ltr" class="number">
            {props.number}
          </bdi>
        </h2>
        <a href="/staff/field" onClick={linkTo({ name: "field" })}>
          {ft("violation.close")}
        </a>
      </div>
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
            {ft("violation.changed", { state: tx(c().stateLabel) })}{" "}
            <button type="button" class="secondary" onClick={() => void load()}>
              {ft("violation.reload")}
            </button>
          </div>
        )}
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <p class="card-meta">
              <span class="badge violation-state" classList={{ open: !FINISHED.has(v().state) }} data-state={v().state}>
                {tx(v().stateLabel)}
              </span>
            </p>
            <div class="case-layout">
              <div class="violation-main">
                <dl class="facts">
                  <dt>{ft("violation.type")}</dt>
                  <dd>{tx(v().typeName)}</dd>
                  <dt>{ft("violation.legal")}</dt>
                  <dd>{tx(v().legalReference)}</dd>
                  <dt>{ft("violation.state")}</dt>
                  <dd>{tx(v().stateLabel)}</dd>
                  <dt>{ft("violation.deadline")}</dt>
                  <dd>
                    <Show when={v().deadline} fallback={<span class="muted">{ft("violation.noDeadline")}</span>}>
                      {(d) => <time datetime={d()}>{kuwaitTime(d())}</time>}
                    </Show>
                  </dd>
                  <dt>{ft("violation.recordedBy")}</dt>
                  <dd>{v().recordedBy ? tx(v().recordedBy!) : ft("violation.unknownPerson")}</dd>
                  <dt>{ft("violation.recordedAt")}</dt>
                  <dd>
                    <time datetime={v().createdAt}>{kuwaitTime(v().createdAt)}</time>
                  </dd>
                  <dt>{ft("violation.description")}</dt>
                  <dd>
                    <span dir="auto" class="prewrap">
                      {v().description}
                    </span>
                  </dd>
                </dl>
                <section class="reporter staff-only" aria-labelledby="offender-heading">
                  <h3 id="offender-heading">{ft("violation.offender")}</h3>
                  <dl class="facts">
                    <dt>{ft(v().offender.kind === "person" ? "violation.offenderPerson" : "violation.offenderBusiness")}</dt>
                    <dd>
                      <bdi dir="ltr" class="number">
                        {v().offender.ref}
                      </bdi>
                    </dd>
                    <Show when={v().offender.name}>
                      {(name) => (
                        <>
                          <dt>{ft("violation.offenderName")}</dt>
                          <dd>
                            <bdi>{name()}</bdi>
                          </dd>
                        </>
                      )}
                    </Show>
                  </dl>
                </section>
                <section class="violation-events" aria-labelledby="violation-events-heading">
                  <h3 id="violation-events-heading">{ft("events.heading")}</h3>
                  <ol class="timeline">
                    <For each={v().events}>
                      {(e) => (
                        <li data-action={e.action}>
                          <p>
                            <strong>{eventLabel(e.action) ?? tx(e.stateLabel)}</strong>
                          </p>
                          <p class="event-by">
                            {e.by ? tx(e.by) : ft("violation.unknownPerson")} — <time datetime={e.at}>{kuwaitTime(e.at)}</time>
                          </p>
                          <Show when={e.note}>
                            {(note) => (
                              <p>
                                <b>{ft("events.note")}</b>{" "}
                                <span dir="auto" class="prewrap">
                                  {note()}
                                </span>
                              </p>
                            )}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ol>
                </section>
              </div>
              <aside class="case-side">
                <ViolationActions
                  view={v()}
                  onDone={(next) => {
                    setChanged(null);
                    setView(next);
                    props.onChanged();
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
