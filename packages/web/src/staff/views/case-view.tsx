import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { caseStatusLabel, kuwaitTime, statusLabel, tx } from "../../i18n";
import { MapView } from "../../map/map-view";
import { ActionForm } from "../components/action-form";
import { StaffErrorBox } from "../components/staff-error";
import { StaffTimeline } from "../components/staff-timeline";
import { MergeForm, TransferForm } from "../components/transfer-merge";
import { num, st, type StaffKey } from "../i18n-staff";
import { followBranch, type CaseChange } from "../live";
import { getCase, type StaffCase } from "../queries";
import { go, linkTo } from "../router";
import { staffSession } from "../session";
import { staffError } from "../staff-error";

const OPEN: ReadonlySet<string> = new Set(["new", "acknowledged", "assigned", "in_progress", "action_scheduled", "reopened"]);
const TRANSFER_ROLES: ReadonlySet<string> = new Set(["clerk", "supervisor", "branch_manager", "administrator"]);
const MERGE_ROLES: ReadonlySet<string> = new Set([
  "department_officer",
  "inspector",
  "supervisor",
  "branch_manager",
  "administrator",
]);

/** One case as staff work it: facts, reporter contact, the public timeline apart from internal notes, and the actions. */
export function CaseView(props: { trackingNumber: string; back: URLSearchParams }) {
  const [view, setView] = createSignal<StaffCase | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [changed, setChanged] = createSignal<CaseChange | null>(null);

  async function load() {
    setLoading(true);
    setError(null);
    try {
      setView(await getCase(props.trackingNumber));
      setChanged(null);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setLoading(false);
    }
  }
  createEffect(
    on(
      () => props.trackingNumber,
      () => {
        setView(null);
        void load();
      },
    ),
  );
  // Someone else's change is announced, not applied under the officer's hands: they reload when ready.
  followBranch((changes) => {
    const mine = changes.filter((c) => c.trackingNumber === props.trackingNumber).at(-1);
    if (mine && mine.updatedAt !== view()?.updatedAt) setChanged(mine);
  });

  const role = () => staffSession()?.me.role ?? "";
  const [merged, setMerged] = createSignal<string | null>(null);
  const accepted = (next: StaffCase) => {
    setChanged(null);
    setMerged(null);
    setView(next);
  };
  // A merge answers with the case it went into: that is where the work continues.
  const mergedInto = (next: StaffCase) => {
    accepted(next);
    setMerged(next.trackingNumber);
    go({ name: "case", trackingNumber: next.trackingNumber });
  };

  return (
    <section class="panel wide" aria-labelledby="case-heading">
      <p>
        <a
          href={`/staff${props.back.toString() ? `?${props.back.toString()}` : ""}`}
          onClick={linkTo({ name: "inbox", search: props.back })}
        >
          {st("case.back")}
        </a>
      </p>
      <h2 id="case-heading">
        {st("case.heading", { number: "" })}
        <bdi dir="ltr" class="number">
          {props.trackingNumber}
        </bdi>
      </h2>
      <StaffErrorBox error={error()} />
      <Show when={merged() === props.trackingNumber}>
        <p class="ok" role="status">
          {st("merge.done", { number: props.trackingNumber })}
        </p>
      </Show>
      <Show when={loading() && !view()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
      <Show when={changed()}>
        {(c) => (
          <div class="notice" role="status">
            {st("case.changed", { status: statusLabel(c().status as Parameters<typeof statusLabel>[0]) })}{" "}
            <button type="button" class="secondary" onClick={() => void load()}>
              {st("case.reload")}
            </button>
          </div>
        )}
      </Show>
      <Show when={view()}>
        {(v) => (
          <div class="case-layout">
            <div class="case-main">
              <p class="card-meta">
                <span class="badge" classList={{ open: OPEN.has(v().status) }}>
                  {caseStatusLabel(v().status, v().resolution)}
                </span>
                <Show when={v().overdue}>
                  {" "}
                  <span class="badge overdue">{st("case.overdue")}</span>
                </Show>
                <Show when={v().escalationLevel > 0}>
                  {" "}
                  <span class="badge escalated">{st("inbox.escalated", { n: num(v().escalationLevel) })}</span>
                </Show>
              </p>
              <dl class="facts">
                <dt>{st("case.service")}</dt>
                <dd>{tx(v().serviceName)}</dd>
                <dt>{st("case.place")}</dt>
                <dd>
                  {tx(v().area)}، {tx(v().governorate.name)}
                  <Show when={v().addressString}>
                    <br />
                    <span dir="auto">{v().addressString}</span>
                  </Show>
                </dd>
                <dt>{st("case.department")}</dt>
                <dd>{tx(v().department)}</dd>
                <dt>{st("case.requested")}</dt>
                <dd>
                  <time datetime={v().requestedAt}>{kuwaitTime(v().requestedAt)}</time>
                </dd>
                <dt>{st("case.target")}</dt>
                <dd classList={{ "overdue-text": v().overdue }}>
                  <time datetime={v().dueAt}>{kuwaitTime(v().dueAt)}</time>
                </dd>
                <dt>{st("case.priority")}</dt>
                <dd>
                  <span class="priority" data-priority={v().priority}>
                    {v().priority}
                  </span>
                </dd>
                <dt>{st("case.escalation")}</dt>
                <dd>{st(`case.escalation${Math.min(2, v().escalationLevel)}` as StaffKey)}</dd>
                <dt>{st("case.assignee")}</dt>
                <dd>{v().assignee ? tx(v().assignee!.name) : st("common.unassigned")}</dd>
                <dt>{st("case.updated")}</dt>
                <dd>
                  <time datetime={v().updatedAt}>{kuwaitTime(v().updatedAt)}</time>
                </dd>
                <dt>{st("case.supports")}</dt>
                <dd>{num(v().supportsCount)}</dd>
                <Show when={v().reopenCount > 0}>
                  <dt>{st("case.reopens")}</dt>
                  <dd>{num(v().reopenCount)}</dd>
                </Show>
                <Show when={v().rating}>
                  {(r) => (
                    <>
                      <dt>{st("case.rating")}</dt>
                      <dd>
                        {st("case.ratingValue", { score: num(r().score) })}
                        <Show when={r().comment}>
                          {" "}
                          — <span dir="auto">{r().comment}</span>
                        </Show>
                      </dd>
                    </>
                  )}
                </Show>
              </dl>
              <h3>{st("case.description")}</h3>
              <p class="prewrap" dir="auto">
                {v().description || st("case.noDescription")}
              </p>
              <Show when={v().photos.length > 0}>
                <h3>{st("case.photos")}</h3>
                <ul class="thumbs">
                  <For each={v().photos}>
                    {(photo, i) => (
                      <li>
                        <a href={photo.url} target="_blank" rel="noopener">
                          <img src={photo.thumbUrl} alt={st("case.photoAlt", { n: i() + 1 })} loading="lazy" />
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <section class="reporter staff-only" aria-labelledby="reporter-heading">
                <h3 id="reporter-heading">{st("case.reporter")}</h3>
                <Show
                  when={v().reporter.name || v().reporter.phone || v().reporter.email}
                  fallback={<p class="muted">{st("case.reporterNone")}</p>}
                >
                  <dl class="facts">
                    <Show when={v().reporter.name}>
                      <dt>{st("case.reporterName")}</dt>
                      <dd dir="auto">{v().reporter.name}</dd>
                    </Show>
                    <Show when={v().reporter.phone}>
                      {(phone) => (
                        <>
                          <dt>{st("case.reporterPhone")}</dt>
                          <dd>
                            <a href={`tel:${phone()}`} dir="ltr">
                              {phone()}
                            </a>
                          </dd>
                        </>
                      )}
                    </Show>
                    <Show when={v().reporter.email}>
                      {(email) => (
                        <>
                          <dt>{st("case.reporterEmail")}</dt>
                          <dd>
                            <a href={`mailto:${email()}`} dir="ltr">
                              {email()}
                            </a>
                          </dd>
                        </>
                      )}
                    </Show>
                  </dl>
                </Show>
              </section>
              <MapView class="case-map" label={st("case.map")} pin={v().location} focus={{ ...v().location, zoom: 16 }} />
              <StaffTimeline id="public-timeline" internal={false} entries={v().timeline.filter((e) => !e.internal)} />
              <StaffTimeline id="internal-timeline" internal entries={v().timeline.filter((e) => e.internal)} />
            </div>
            <aside class="case-side">
              <ActionForm view={v()} onDone={accepted} onStale={load} />
              <Show when={OPEN.has(v().status) && TRANSFER_ROLES.has(role())}>
                <TransferForm view={v()} onDone={accepted} onStale={load} />
              </Show>
              <Show when={OPEN.has(v().status) && MERGE_ROLES.has(role())}>
                <MergeForm view={v()} onDone={mergedInto} />
              </Show>
            </aside>
          </div>
        )}
      </Show>
    </section>
  );
}
