import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import type { CertificateQueueInput, CertificateState } from "@baladiya/shared/certificate";
import type { AppError } from "../../app-error";
import { autoRefresh } from "../../auto-refresh";
import { kuwaitTime, t, tx, type MessageKey } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { go, linkTo } from "../router";
import { staffError } from "../staff-error";
import { filesApplications, myRole } from "./access";
import { ct, timeSince, type CertKey } from "./i18n-certificates";
import { CERTIFICATE_STATES, PURPOSE_LABELS, STATE_LABELS } from "./labels";
import { getCertificateQueue, type QueueItem } from "./queries";
import "./certificates.css";

const PAGE_SIZE = 30;
const REFRESH_MS = 20_000;
type Scope = "mine" | "role" | "all";
const NATIONWIDE: ReadonlySet<string> = new Set(["survey_auditor", "moj_registrar", "administrator"]);
const FINISHED: ReadonlySet<CertificateState> = new Set(["issued", "rejected"]);

/** An inspector's own work is what is assigned to them; everyone else's is their role's queue. */
const scopesFor = (role: string | null): Scope[] => (role === "inspector" ? ["mine", "all"] : ["role", "all"]);

const ROLE_QUEUE: Record<string, CertKey> = {
  clerk: "scope.role.clerk",
  survey_auditor: "scope.role.survey_auditor",
  moj_registrar: "scope.role.moj_registrar",
};

function scopeLabel(scope: Scope, role: string | null): string {
  if (scope === "mine") return ct("scope.mine");
  if (scope === "all") return ct(NATIONWIDE.has(role ?? "") ? "scope.all.everywhere" : "scope.all.branch");
  return ct(ROLE_QUEUE[role ?? ""] ?? "scope.role.open");
}

interface QueueFilters {
  scope: Scope;
  state: CertificateState | "";
  overdue: boolean;
  q: string;
  from: number;
}

function filtersFrom(search: URLSearchParams, role: string | null): QueueFilters {
  const scopes = scopesFor(role);
  const scope = search.get("scope") as Scope;
  const state = search.get("state") as CertificateState;
  const from = Number(search.get("from") ?? 0);
  return {
    scope: scopes.includes(scope) ? scope : scopes[0]!,
    state: CERTIFICATE_STATES.includes(state) ? state : "",
    overdue: search.get("overdue") === "1",
    q: search.get("q") ?? "",
    from: Number.isInteger(from) && from > 0 ? from : 0,
  };
}

function searchOf(f: QueueFilters, role: string | null): URLSearchParams {
  const search = new URLSearchParams();
  if (f.scope !== scopesFor(role)[0]) search.set("scope", f.scope);
  if (f.state) search.set("state", f.state);
  if (f.overdue) search.set("overdue", "1");
  if (f.q.trim()) search.set("q", f.q.trim());
  if (f.from > 0) search.set("from", String(f.from));
  return search;
}

const toInput = (f: QueueFilters): CertificateQueueInput => ({
  scope: f.scope,
  cursor: f.from,
  limit: PAGE_SIZE,
  ...(f.state ? { state: f.state } : {}),
  ...(f.overdue ? { overdue: true } : {}),
  ...(f.q.trim() ? { search: f.q.trim() } : {}),
});

// The list's filters, so an application's page leads back to the same list.
const [certificateSearch, setCertificateSearch] = createSignal(new URLSearchParams());
export { certificateSearch };

/** The employee's certificate queue: their stage's work first, filters, paging, refreshed every 20 seconds. */
export function CertificateQueueView(props: { search: URLSearchParams }) {
  const role = myRole;
  const filters = createMemo(() => filtersFrom(props.search, role()));
  const [draft, setDraft] = createSignal<QueueFilters>(filters());
  createEffect(on(filters, (f) => setDraft(f), { defer: true }));
  createEffect(() => setCertificateSearch(props.search));

  const [items, setItems] = createSignal<QueueItem[]>([]);
  const [total, setTotal] = createSignal<number | null>(null);
  const [hasNext, setHasNext] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loadedAt, setLoadedAt] = createSignal<number>(Date.now());
  let generation = 0;

  async function load(quiet = false) {
    const mine = ++generation;
    if (!quiet) setLoading(true);
    try {
      const page = await getCertificateQueue(toInput(filters()));
      if (mine !== generation) return;
      setItems(page.items);
      setTotal(page.total);
      setHasNext(page.nextCursor !== null);
      setLoadedAt(Date.now());
      setError(null);
    } catch (e) {
      if (mine === generation) setError(staffError(e));
    } finally {
      if (mine === generation) setLoading(false);
    }
  }
  createEffect(
    on(
      () => `${props.search.toString()}|${role() ?? ""}`,
      () => void load(),
    ),
  );
  // No live feed carries certificate changes: the list asks again while it is on screen.
  autoRefresh(() => load(true), REFRESH_MS);

  const apply = (f: Partial<QueueFilters>) =>
    go({ name: "certificates", search: searchOf({ ...filters(), from: 0, ...f }, role()) }, { replace: true });
  const setField = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const place = (item: QueueItem) =>
    ct("plot.place", { area: tx(item.areaName), block: item.block, plot: item.plot }) +
    (NATIONWIDE.has(role() ?? "") ? `، ${t(`gov.${item.governorateCode}` as MessageKey)}` : "");

  return (
    <section class="panel wide certificates" aria-labelledby="cert-queue-heading">
      <div class="heading-row">
        <h2 id="cert-queue-heading">{ct("queue.heading")}</h2>
        <Show when={filesApplications()}>
          <a class="button" href="/staff/certificates/new" onClick={linkTo({ name: "certificateNew" })}>
            {ct("queue.new")}
          </a>
        </Show>
      </div>
      <div class="scope-tabs" role="group" aria-label={ct("queue.scope")}>
        <For each={scopesFor(role())}>
          {(scope) => (
            <button type="button" class="secondary" aria-pressed={filters().scope === scope} onClick={() => apply({ scope })}>
              {scopeLabel(scope, role())}
            </button>
          )}
        </For>
      </div>
      <form
        class="staff-filters"
        aria-label={ct("queue.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft(), from: 0 });
        }}
      >
        <label>
          {ct("filter.state")}
          <select value={draft().state} onChange={(e) => setField("state", e.currentTarget.value as QueueFilters["state"])}>
            <option value="">{ct("filter.anyState")}</option>
            <For each={CERTIFICATE_STATES}>
              {(s) => (
                <option value={s} selected={draft().state === s}>
                  {tx(STATE_LABELS[s])}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {ct("filter.search")}
          <input
            type="search"
            value={draft().q}
            maxLength={60}
            placeholder={ct("filter.searchHint")}
            onInput={(e) => setField("q", e.currentTarget.value)}
          />
        </label>
        <label class="inline overdue-only">
          <input type="checkbox" checked={draft().overdue} onChange={(e) => setField("overdue", e.currentTarget.checked)} />
          {ct("filter.overdue")}
        </label>
        <button type="submit">{ct("filter.apply")}</button>
      </form>
      <StaffErrorBox error={error()} />
      <Show when={error()}>
        <button type="button" class="secondary" onClick={() => void load()}>
          {st("common.retry")}
        </button>
      </Show>
      <div class="toolbar">
        <p class="counts" role="status">
          <Show when={total() !== null}>{ct("queue.count", { n: num(total() ?? 0) })}</Show>
        </p>
        <p class="muted live-note">
          {ct("queue.refreshed", { time: kuwaitTime(new Date(loadedAt()).toISOString()) })} —{" "}
          {ct("queue.autoRefresh", { n: num(REFRESH_MS / 1000) })}
        </p>
      </div>
      <div class="table-wrap">
        <table class="cert-table" aria-busy={loading() ? "true" : "false"}>
          <caption class="visually-hidden">{ct("queue.table")}</caption>
          <thead>
            <tr>
              <th scope="col">{ct("col.number")}</th>
              <th scope="col">{ct("col.state")}</th>
              <th scope="col">{ct("col.property")}</th>
              <th scope="col">{ct("col.purpose")}</th>
              <th scope="col">{ct("col.assignee")}</th>
              <th scope="col">{ct("col.inState")}</th>
              <th scope="col">{ct("col.due")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(item) => (
                <tr classList={{ overdue: item.overdue }} data-number={item.number}>
                  <td>
                    <a href={`/staff/certificates/${item.number}`} onClick={linkTo({ name: "certificate", number: item.number })}>
                      <bdi dir="ltr" class="number">
                        {item.number}
                      </bdi>
                    </a>
                  </td>
                  <td>
                    <span class="badge" classList={{ open: !FINISHED.has(item.state) }} data-state={item.state}>
                      {tx(item.stateLabel)}
                    </span>
                  </td>
                  <td>{place(item)}</td>
                  <td>{tx(PURPOSE_LABELS[item.purpose])}</td>
                  <td>{item.assignee ? tx(item.assignee.name) : <span class="muted">{st("common.unassigned")}</span>}</td>
                  <td>
                    <time datetime={item.stateEnteredAt} title={kuwaitTime(item.stateEnteredAt)}>
                      {timeSince(item.stateEnteredAt, loadedAt())}
                    </time>
                  </td>
                  <td>
                    <Show when={item.dueAt} fallback={<span class="muted">{st("common.none")}</span>}>
                      {(due) => <time datetime={due()}>{kuwaitTime(due())}</time>}
                    </Show>
                    <Show when={item.overdue}>
                      {" "}
                      <span class="badge overdue">{ct("badge.overdue")}</span>
                    </Show>
                    <Show when={item.escalationLevel > 0}>
                      {" "}
                      <span class="badge escalated">{ct("badge.escalated", { n: num(item.escalationLevel) })}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={!loading() && items().length === 0 && !error()}>
        <p class="muted">{ct("queue.none")}</p>
      </Show>
      <Show when={loading()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
      <Show when={(total() ?? 0) > 0}>
        <nav class="pager" aria-label={ct("queue.paging")}>
          <button
            type="button"
            class="secondary"
            disabled={filters().from === 0 || loading()}
            onClick={() => apply({ from: Math.max(0, filters().from - PAGE_SIZE) })}
          >
            {ct("queue.prev")}
          </button>
          <span>
            {ct("queue.range", {
              from: num(filters().from + 1),
              to: num(filters().from + items().length),
              total: num(total() ?? 0),
            })}
          </span>
          <button
            type="button"
            class="secondary"
            disabled={!hasNext() || loading()}
            onClick={() => apply({ from: filters().from + PAGE_SIZE })}
          >
            {ct("queue.next")}
          </button>
        </nav>
      </Show>
    </section>
  );
}
