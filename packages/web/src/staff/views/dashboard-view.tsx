import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import type { GovernorateCode } from "@baladiya/shared/geo";
import type { AppError } from "../../app-error";
import { GOVERNORATES } from "../../components/filters";
import { kuwaitTime, locale, t, tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { followBranch } from "../live";
import { downloadDashboardCsv, getDashboard, type DashboardResult, type DashboardRow } from "../queries";
import { go, staffPath, type StaffRoute } from "../router";
import { isAdministrator, staffSession } from "../session";
import { staffError } from "../staff-error";
import { inboxSearch } from "./inbox-view";

type Level = "branch" | "department" | "employee";
const LEVELS: Level[] = ["branch", "department", "employee"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface DashFilters {
  level: Level;
  governorate: string;
  from: string;
  to: string;
}

function filtersFrom(search: URLSearchParams): DashFilters {
  const level = search.get("level");
  const gov = search.get("governorate") ?? "";
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  return {
    level: LEVELS.includes(level as Level) ? (level as Level) : "employee",
    governorate: GOVERNORATES.includes(gov as GovernorateCode) ? gov : "",
    from: DATE.test(from) ? from : "",
    to: DATE.test(to) ? to : "",
  };
}

function toSearch(f: DashFilters): URLSearchParams {
  const s = new URLSearchParams();
  if (f.level !== "employee") s.set("level", f.level);
  if (f.governorate) s.set("governorate", f.governorate);
  if (f.from) s.set("from", f.from);
  if (f.to) s.set("to", f.to);
  return s;
}

const kuwaitDate = (iso: string) =>
  new Intl.DateTimeFormat(locale() === "ar" ? "ar-KW" : "en-GB", { timeZone: "Asia/Kuwait", dateStyle: "medium" }).format(
    new Date(iso),
  );

/** Per branch, department or employee: load, overdue, pace, reopen rate and ratings, live, with drill-down and CSV. */
export function DashboardView(props: { search: URLSearchParams }) {
  const filters = createMemo(() => filtersFrom(props.search));
  const [draft, setDraft] = createSignal<DashFilters>(filters());
  createEffect(on(filters, (f) => setDraft(f), { defer: true }));
  const [result, setResult] = createSignal<DashboardResult | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [dateProblem, setDateProblem] = createSignal(false);
  const [csvBusy, setCsvBusy] = createSignal(false);
  const [csvError, setCsvError] = createSignal<AppError | null>(null);
  let generation = 0;

  const query = (f: DashFilters) => ({
    level: f.level,
    ...(f.governorate ? { governorateCode: f.governorate as GovernorateCode } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  });

  async function load() {
    const mine = ++generation;
    setLoading(true);
    setError(null);
    try {
      const r = await getDashboard(query(filters()));
      if (mine === generation) setResult(r);
    } catch (e) {
      if (mine === generation) setError(staffError(e));
    } finally {
      if (mine === generation) setLoading(false);
    }
  }
  createEffect(
    on(
      () => props.search.toString(),
      () => void load(),
    ),
  );
  followBranch(
    () => void load(),
    () => (isAdministrator() ? filters().governorate || undefined : undefined),
  );

  function apply(e: SubmitEvent) {
    e.preventDefault();
    const d = draft();
    if (d.from && d.to && d.from > d.to) {
      setDateProblem(true);
      document.getElementById("dash-to")?.focus();
      return;
    }
    setDateProblem(false);
    go({ name: "dashboard", search: toSearch(d) }, { replace: true });
  }

  async function csv() {
    setCsvBusy(true);
    setCsvError(null);
    try {
      const q = query(filters());
      const search = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const { blob, name } = await downloadDashboardCsv(search);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setCsvError(staffError(e));
    } finally {
      setCsvBusy(false);
    }
  }

  // Drill-down: an employee's cases, or the branch's, in the inbox.
  const drill = (row: DashboardRow): StaffRoute => {
    const level = filters().level;
    if (level === "employee" && row.id !== "unassigned")
      return { name: "inbox", search: inboxSearch({ scope: "branch", assignee: row.id }) };
    const own = staffSession()?.me;
    if (level === "department" && own?.department && row.id === own.department.id)
      return { name: "inbox", search: inboxSearch({ scope: "department" }) };
    return { name: "inbox", search: inboxSearch({ scope: "branch" }) };
  };

  const hours = (v: number | null) => (v === null ? st("common.none") : num(v, 1));
  const percent = (v: number | null) =>
    v === null
      ? st("common.none")
      : new Intl.NumberFormat(locale() === "ar" ? "ar-KW" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(v);

  return (
    <section class="panel wide" aria-labelledby="dash-heading">
      <h2 id="dash-heading">{st("dash.heading")}</h2>
      <p class="muted">{st("dash.intro")}</p>
      <form class="filters staff-filters" onSubmit={apply} novalidate>
        <label>
          {st("dash.level")}
          <select value={draft().level} onChange={(e) => setDraft((d) => ({ ...d, level: e.currentTarget.value as Level }))}>
            <For each={LEVELS}>{(l) => <option value={l}>{st(`level.${l}`)}</option>}</For>
          </select>
        </label>
        <Show when={isAdministrator()}>
          <label>
            {st("dash.governorate")}
            <select value={draft().governorate} onChange={(e) => setDraft((d) => ({ ...d, governorate: e.currentTarget.value }))}>
              <option value="">{st("dash.allGovernorates")}</option>
              <For each={GOVERNORATES}>{(g) => <option value={g}>{t(`gov.${g}`)}</option>}</For>
            </select>
          </label>
        </Show>
        <label>
          {st("dash.from")}
          <input type="date" value={draft().from} onInput={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))} />
        </label>
        <label>
          {st("dash.to")}
          <input
            id="dash-to"
            type="date"
            value={draft().to}
            aria-invalid={dateProblem() ? "true" : undefined}
            aria-describedby={dateProblem() ? "dash-dates" : undefined}
            onInput={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))}
          />
        </label>
        <button type="submit">{st("common.apply")}</button>
        <button type="button" class="secondary" disabled={csvBusy()} onClick={() => void csv()}>
          {csvBusy() ? st("dash.csvBusy") : st("dash.csv")}
        </button>
      </form>
      <Show when={dateProblem()}>
        <p id="dash-dates" class="field-error" role="alert">
          {st("dash.dates")}
        </p>
      </Show>
      <StaffErrorBox error={error() ?? csvError()} />
      <Show when={result()}>
        {(r) => (
          <>
            <p class="muted" role="status">
              {st("dash.period", { from: kuwaitDate(r().from), to: kuwaitDate(r().to) })} ·{" "}
              {st("dash.generated", { time: kuwaitTime(r().generatedAt) })}
            </p>
            <Show when={r().rows.length > 0} fallback={<p class="muted">{st("dash.none")}</p>}>
              <div class="table-wrap">
                <table class="dash-table" aria-busy={loading() ? "true" : "false"}>
                  <caption class="visually-hidden">{st("dash.table")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{st("dcol.name")}</th>
                      <th scope="col">{st("dcol.open")}</th>
                      <th scope="col">{st("dcol.overdue")}</th>
                      <th scope="col">{st("dcol.received")}</th>
                      <th scope="col">{st("dcol.resolved")}</th>
                      <th scope="col">{st("dcol.ack")}</th>
                      <th scope="col">{st("dcol.resolve")}</th>
                      <th scope="col">{st("dcol.reopen")}</th>
                      <th scope="col">{st("dcol.rating")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={r().rows}>
                      {(row) => (
                        <tr classList={{ overdue: row.overdue > 0 }} data-row={row.id}>
                          <th scope="row">
                            <a
                              href={staffPath(drill(row))}
                              title={st("dash.drill", { name: tx(row.name) })}
                              onClick={(e) => {
                                if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
                                e.preventDefault();
                                go(drill(row));
                              }}
                            >
                              {tx(row.name)}
                            </a>
                          </th>
                          <td>{num(row.openLoad)}</td>
                          <td>
                            <Show when={row.overdue > 0} fallback={num(0)}>
                              <span class="badge overdue">{num(row.overdue)}</span>
                            </Show>
                          </td>
                          <td>{num(row.received)}</td>
                          <td>{num(row.resolved)}</td>
                          <td>{hours(row.medianHoursToAcknowledge)}</td>
                          <td>{hours(row.medianHoursToResolve)}</td>
                          <td>{percent(row.reopenRate)}</td>
                          <td>
                            {row.averageRating === null
                              ? st("common.none")
                              : st("dash.ratingCount", { avg: num(row.averageRating, 2), n: num(row.ratings) })}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </>
        )}
      </Show>
      <Show when={loading() && !result()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
    </section>
  );
}
