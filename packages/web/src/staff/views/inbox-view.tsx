import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import type { CaseStatus } from "@baladiya/shared/case";
import type { InboxInput } from "@baladiya/shared/staff";
import type { AppError } from "../../app-error";
import { caseStatusLabel, kuwaitTime, locale, statusLabel, tx } from "../../i18n";
import { MapView, type MapMarker } from "../../map/map-view";
import { zoomToFit } from "../../map/projection";
import { listServices } from "../../queries";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { followBranch } from "../live";
import { bulkAssign, getCase, getInbox, type InboxItem } from "../queries";
import { go, linkTo, type StaffRoute } from "../router";
import { isSupervisor, staffSession } from "../session";
import { staffError } from "../staff-error";
import { CASE_STATUSES } from "@baladiya/shared/statuses";

const PAGE_SIZE = 50;
type Scope = "mine" | "department" | "branch";
const SCOPES: Scope[] = ["mine", "department", "branch"];
const STATUSES: readonly CaseStatus[] = CASE_STATUSES;
const CLOSED: ReadonlySet<string> = new Set(STATUSES.slice(6));

interface InboxFilters {
  scope: Scope;
  status: string;
  service: string;
  assignee: string;
  q: string;
  sort: "due" | "newest";
}

export function filtersFrom(search: URLSearchParams): InboxFilters {
  const scope = search.get("scope");
  const status = search.get("status") ?? "open";
  return {
    scope: SCOPES.includes(scope as Scope) ? (scope as Scope) : "department",
    status: ["open", "overdue", "closed", ...STATUSES].includes(status) ? status : "open",
    service: search.get("service") ?? "",
    assignee: search.get("assignee") ?? "",
    q: search.get("q") ?? "",
    sort: search.get("sort") === "newest" ? "newest" : "due",
  };
}

export function inboxSearch(f: Partial<InboxFilters>): URLSearchParams {
  const search = new URLSearchParams();
  if (f.scope && f.scope !== "department") search.set("scope", f.scope);
  if (f.status && f.status !== "open") search.set("status", f.status);
  if (f.service) search.set("service", f.service);
  if (f.assignee) search.set("assignee", f.assignee);
  if (f.q?.trim()) search.set("q", f.q.trim());
  if (f.sort === "newest") search.set("sort", "newest");
  return search;
}

const toInput = (f: InboxFilters): InboxInput => ({
  scope: f.scope,
  status: f.status as InboxInput["status"],
  sort: f.sort,
  ...(f.service ? { serviceCode: f.service } : {}),
  ...(f.assignee ? { assigneeId: f.assignee } : {}),
  ...(f.q.trim() ? { q: f.q.trim() } : {}),
});

// The list or the map, kept while a case is opened and closed again.
const [mode, setMode] = createSignal<"list" | "map">("list");

/** The queue: scope, filters, counts, overdue first, paging, a map of the listed cases and bulk assignment. */
export function InboxView(props: { search: URLSearchParams }) {
  const filters = createMemo(() => filtersFrom(props.search));
  const [draft, setDraft] = createSignal<InboxFilters>(filters());
  createEffect(on(filters, (f) => setDraft(f), { defer: true }));
  const [services] = createResource(listServices);
  const [items, setItems] = createSignal<InboxItem[]>([]);
  const [counts, setCounts] = createSignal<{ open: number; overdue: number } | null>(null);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [liveAt, setLiveAt] = createSignal<string | null>(null);
  let generation = 0;

  async function load(more: boolean, keep = PAGE_SIZE) {
    const mine = more ? generation : ++generation;
    setLoading(true);
    setError(null);
    try {
      const page = await getInbox({
        ...toInput(filters()),
        limit: Math.min(200, Math.max(PAGE_SIZE, keep)),
        ...(more && cursor() ? { cursor: cursor()! } : {}),
      });
      if (mine !== generation) return;
      setItems((prev) => (more ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setCounts(page.counts);
      if (!more) {
        const listed = new Set(page.items.map((i) => i.trackingNumber));
        setSelected((s) => new Set([...s].filter((n) => listed.has(n))));
      }
    } catch (e) {
      if (mine === generation) setError(staffError(e));
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  createEffect(
    on(
      () => props.search.toString(),
      () => void load(false),
    ),
  );
  // A change anywhere in the branch refreshes the list in place, as many rows as are shown.
  followBranch(() => {
    setLiveAt(new Date().toISOString());
    void load(false, items().length);
  });

  const apply = (f: Partial<InboxFilters>) =>
    go({ name: "inbox", search: inboxSearch({ ...filters(), ...f }) }, { replace: true });

  // Colleagues who may take the first selected case (the branch's staff of its department, specialists first).
  const firstSelected = () => [...selected()][0] ?? items()[0]?.trackingNumber;
  const [colleagues] = createResource(
    () => (isSupervisor() ? firstSelected() : undefined),
    async (number) => (await getCase(number)).assignable,
  );
  const assigneeOptions = createMemo(() => {
    const me = staffSession()?.me;
    const known = new Map<string, string>();
    if (me) known.set(me.id, tx(me.name));
    for (const c of colleagues() ?? []) known.set(c.id, tx(c.name));
    for (const i of items()) if (i.assignee) known.set(i.assignee.id, tx(i.assignee.name));
    const current = filters().assignee;
    if (current && !known.has(current)) known.set(current, current);
    return [...known.entries()].sort((a, b) => a[1].localeCompare(b[1], locale()));
  });

  const [bulkTo, setBulkTo] = createSignal("");
  const [bulkBusy, setBulkBusy] = createSignal(false);
  const [bulkError, setBulkError] = createSignal<AppError | null>(null);
  const [bulkDone, setBulkDone] = createSignal<number | null>(null);
  async function assignSelected(e: SubmitEvent) {
    e.preventDefault();
    if (!bulkTo() || selected().size === 0) return;
    setBulkBusy(true);
    setBulkError(null);
    setBulkDone(null);
    try {
      const { assigned } = await bulkAssign([...selected()], bulkTo());
      setBulkDone(assigned);
      setSelected(new Set<string>());
      await load(false, items().length);
    } catch (err) {
      setBulkError(staffError(err));
    } finally {
      setBulkBusy(false);
    }
  }

  const toggle = (number: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(number);
      else next.delete(number);
      return next;
    });
  const allSelected = () => items().length > 0 && items().every((i) => selected().has(i.trackingNumber));

  const markers = (): MapMarker[] =>
    items().map((c) => ({
      id: c.trackingNumber,
      lat: c.location.lat,
      lng: c.location.lng,
      label: `${c.trackingNumber} — ${tx(c.serviceName)} — ${caseStatusLabel(c.status, c.resolution)}`,
      tone: c.overdue ? "overdue" : CLOSED.has(c.status) ? "closed" : "open",
    }));
  const mapFocus = createMemo(() => {
    const list = items();
    if (list.length === 0) return null;
    const lngs = list.map((c) => c.location.lng);
    const lats = list.map((c) => c.location.lat);
    const bbox = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] as const;
    const zoom = Math.min(15, Math.floor(zoomToFit(bbox, 700, 420)));
    return { lng: (bbox[0] + bbox[2]) / 2, lat: (bbox[1] + bbox[3]) / 2, zoom: Number.isFinite(zoom) ? zoom : 15 };
  });

  const caseRoute = (n: string): StaffRoute => ({ name: "case", trackingNumber: n });
  const setField = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <section class="panel wide" aria-labelledby="inbox-heading">
      <div class="heading-row">
        <h2 id="inbox-heading">{st("inbox.heading")}</h2>
        <p class="counts" role="status">
          <Show when={counts()}>
            {(c) => (
              <>
                {st("inbox.counts", { open: num(c().open), overdue: num(c().overdue) })}
                <Show when={c().overdue > 0}>
                  {" "}
                  <span class="badge overdue">{st("filter.overdue")}</span>
                </Show>
              </>
            )}
          </Show>
        </p>
      </div>
      <div class="scope-tabs" role="group" aria-label={st("inbox.scope")}>
        <For each={SCOPES}>
          {(scope) => (
            <button
              type="button"
              class="secondary"
              aria-pressed={filters().scope === scope}
              onClick={() => apply({ scope, assignee: "" })}
            >
              {st(`scope.${scope}`)}
            </button>
          )}
        </For>
      </div>
      <form
        class="filters staff-filters"
        aria-label={st("inbox.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft());
        }}
      >
        <label>
          {st("filter.status")}
          <select value={draft().status} onChange={(e) => setField("status", e.currentTarget.value)}>
            <option value="open">{st("filter.open")}</option>
            <option value="overdue">{st("filter.overdue")}</option>
            <option value="closed">{st("filter.closed")}</option>
            <For each={STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
          </select>
        </label>
        <label>
          {st("filter.service")}
          <select value={draft().service} onChange={(e) => setField("service", e.currentTarget.value)}>
            <option value="">{st("filter.anyService")}</option>
            <For each={services.state === "ready" ? services() : []}>
              {(s) => (
                <option value={s.code} selected={draft().service === s.code}>
                  {tx(s.name)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {st("filter.assignee")}
          <select value={draft().assignee} onChange={(e) => setField("assignee", e.currentTarget.value)}>
            <option value="">{st("filter.anyAssignee")}</option>
            <For each={assigneeOptions()}>
              {([id, name]) => (
                <option value={id} selected={draft().assignee === id}>
                  {name}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {st("filter.search")}
          <input
            type="search"
            value={draft().q}
            placeholder={st("filter.searchHint")}
            onInput={(e) => setField("q", e.currentTarget.value)}
          />
        </label>
        <label>
          {st("filter.sort")}
          <select value={draft().sort} onChange={(e) => setField("sort", e.currentTarget.value === "newest" ? "newest" : "due")}>
            <option value="due">{st("sort.due")}</option>
            <option value="newest">{st("sort.newest")}</option>
          </select>
        </label>
        <button type="submit">{st("common.apply")}</button>
      </form>
      <StaffErrorBox error={error()} />
      <Show when={error()}>
        <button type="button" class="secondary" onClick={() => void load(false)}>
          {st("common.retry")}
        </button>
      </Show>
      <div class="toolbar">
        <div class="view-switch" role="group" aria-label={st("inbox.viewAs")}>
          <button type="button" class="secondary" aria-pressed={mode() === "list"} onClick={() => setMode("list")}>
            {st("inbox.asList")}
          </button>
          <button type="button" class="secondary" aria-pressed={mode() === "map"} onClick={() => setMode("map")}>
            {st("inbox.asMap")}
          </button>
        </div>
        <Show when={liveAt()}>
          {(at) => (
            <p class="muted live-note" role="status">
              {st("live.updated", { time: kuwaitTime(at()) })}
            </p>
          )}
        </Show>
      </div>
      <Show when={isSupervisor()}>
        <form class="bulk" onSubmit={(e) => void assignSelected(e)}>
          <fieldset>
            <legend>{st("bulk.legend")}</legend>
            <div class="row">
              <p class="bulk-count">{st("bulk.selected", { n: num(selected().size) })}</p>
              <label>
                {st("bulk.assignee")}
                <select value={bulkTo()} onChange={(e) => setBulkTo(e.currentTarget.value)} disabled={colleagues.loading}>
                  <option value="">{colleagues.loading ? st("bulk.loadingColleagues") : st("bulk.choose")}</option>
                  <For each={colleagues() ?? []}>
                    {(c) => (
                      <option value={c.id}>
                        {st(c.specialist ? "bulk.specialist" : "bulk.load", { name: tx(c.name), n: num(c.openCaseCount) })}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <button type="submit" disabled={bulkBusy() || selected().size === 0 || !bulkTo()}>
                {bulkBusy() ? st("bulk.busy") : st("bulk.submit")}
              </button>
            </div>
            <StaffErrorBox error={bulkError()} />
            <Show when={bulkDone() !== null}>
              <p class="ok" role="status">
                {st("bulk.done", { n: num(bulkDone() ?? 0) })}
              </p>
            </Show>
          </fieldset>
        </form>
      </Show>
      <Show when={mode() === "map"}>
        <MapView
          class="staff-map"
          label={st("inbox.mapLabel")}
          markers={markers()}
          focus={mapFocus()}
          onSelect={(id) => go(caseRoute(id))}
        />
        <p class="muted">{st("inbox.mapHint")}</p>
      </Show>
      <div class="table-wrap" hidden={mode() !== "list"}>
        <table class="inbox-table" aria-busy={loading() ? "true" : "false"}>
          <caption class="visually-hidden">{st("inbox.table")}</caption>
          <thead>
            <tr>
              <Show when={isSupervisor()}>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={st("inbox.selectAll")}
                    checked={allSelected()}
                    onChange={(e) =>
                      setSelected(new Set<string>(e.currentTarget.checked ? items().map((i) => i.trackingNumber) : []))
                    }
                  />
                </th>
              </Show>
              <th scope="col">{st("col.number")}</th>
              <th scope="col">{st("col.service")}</th>
              <th scope="col">{st("col.area")}</th>
              <th scope="col">{st("col.status")}</th>
              <th scope="col">{st("col.due")}</th>
              <th scope="col">{st("col.assignee")}</th>
              <th scope="col">{st("col.priority")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(item) => (
                <tr classList={{ overdue: item.overdue }}>
                  <Show when={isSupervisor()}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={st("inbox.select", { number: item.trackingNumber })}
                        checked={selected().has(item.trackingNumber)}
                        onChange={(e) => toggle(item.trackingNumber, e.currentTarget.checked)}
                      />
                    </td>
                  </Show>
                  <td>
                    <a href={`/staff/cases/${item.trackingNumber}`} onClick={linkTo(caseRoute(item.trackingNumber))}>
                      <bdi dir="ltr" class="number">
                        {item.trackingNumber}
                      </bdi>
                    </a>
                  </td>
                  <td>
                    {tx(item.serviceName)}
                    <Show when={item.description}>
                      <span class="muted row-desc" dir="auto">
                        {item.description}
                      </span>
                    </Show>
                  </td>
                  <td>{tx(item.area)}</td>
                  <td>
                    <span class="badge" classList={{ open: !CLOSED.has(item.status) }}>
                      {caseStatusLabel(item.status, item.resolution)}
                    </span>
                  </td>
                  <td>
                    <time datetime={item.dueAt}>{kuwaitTime(item.dueAt)}</time>
                    <Show when={item.overdue}>
                      {" "}
                      <span class="badge overdue">{st("case.overdue")}</span>
                    </Show>
                  </td>
                  <td>{item.assignee ? tx(item.assignee.name) : <span class="muted">{st("common.unassigned")}</span>}</td>
                  <td>
                    <span class="priority" data-priority={item.priority}>
                      {item.priority}
                    </span>
                    <Show when={item.escalationLevel > 0}>
                      {" "}
                      <span class="badge escalated">{st("inbox.escalated", { n: num(item.escalationLevel) })}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={!loading() && items().length === 0 && !error()}>
        <p class="muted">{st("inbox.none")}</p>
      </Show>
      <Show when={loading()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
      <Show when={items().length > 0}>
        <p class="muted">{st("inbox.shown", { n: num(items().length) })}</p>
      </Show>
      <Show when={cursor() && !loading()}>
        <button type="button" class="secondary more" onClick={() => void load(true)}>
          {st("inbox.more")}
        </button>
      </Show>
    </section>
  );
}
