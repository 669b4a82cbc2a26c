import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { CaseStatus } from "@baladiya/shared/case";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { statusLabel, t, tx } from "../i18n";
import type { Service } from "../queries";
import { FieldError, invalidProps } from "./field-error";
import { CASE_STATUSES } from "@baladiya/shared/statuses";

export interface CaseFilters {
  serviceCode?: string;
  status?: "open" | "closed" | CaseStatus;
  governorate?: GovernorateCode;
  from?: string;
  to?: string;
}

export const GOVERNORATES: GovernorateCode[] = ["KW-KU", "KW-HA", "KW-FA", "KW-MU", "KW-AH", "KW-JA"];
const STATUSES: readonly CaseStatus[] = CASE_STATUSES;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters as they travel in the page address (/reports?status=open&governorate=KW-HA). */
export function filtersFromSearch(search: URLSearchParams): CaseFilters {
  const pick = (key: string) => search.get(key)?.trim() || undefined;
  const status = pick("status");
  const governorate = pick("governorate");
  const from = pick("from");
  const to = pick("to");
  return {
    serviceCode: pick("service"),
    status:
      status === "open" || status === "closed" || STATUSES.includes(status as CaseStatus)
        ? (status as CaseFilters["status"])
        : undefined,
    governorate: GOVERNORATES.includes(governorate as GovernorateCode) ? (governorate as GovernorateCode) : undefined,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
  };
}

export function filtersToSearch(filters: CaseFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.serviceCode) search.set("service", filters.serviceCode);
  if (filters.status) search.set("status", filters.status);
  if (filters.governorate) search.set("governorate", filters.governorate);
  if (filters.from) search.set("from", filters.from);
  if (filters.to) search.set("to", filters.to);
  return search;
}

/** The public list's filters; applied with one button so nothing moves while the resident chooses. */
export function Filters(props: { value: CaseFilters; services: Service[]; onApply: (filters: CaseFilters) => void }) {
  const [draft, setDraft] = createSignal<CaseFilters>({ ...props.value });
  const [dateProblem, setDateProblem] = createSignal(false);
  // Back and forward change the address, and with it the filters shown.
  createEffect(
    on(
      () => props.value,
      (v) => setDraft({ ...v }),
      { defer: true },
    ),
  );
  const set = <K extends keyof CaseFilters>(key: K, value: string) => setDraft((d) => ({ ...d, [key]: value || undefined }));

  function apply() {
    const d = draft();
    if (d.from && d.to && d.from > d.to) {
      setDateProblem(true);
      document.getElementById("filter-to")?.focus();
      return;
    }
    setDateProblem(false);
    props.onApply(d);
  }

  return (
    <form
      class="filters"
      noValidate
      aria-labelledby="filters-heading"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <h3 id="filters-heading" class="visually-hidden">
        {t("filters.heading")}
      </h3>
      <div class="row">
        <label>
          {t("case.service")}
          <select value={draft().serviceCode ?? ""} onChange={(e) => set("serviceCode", e.currentTarget.value)}>
            <option value="">{t("filters.all")}</option>
            <For each={props.services}>
              {(s) => (
                <option value={s.code} selected={draft().serviceCode === s.code}>
                  {tx(s.name)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {t("case.status")}
          <select value={draft().status ?? ""} onChange={(e) => set("status", e.currentTarget.value)}>
            <option value="">{t("filters.all")}</option>
            <option value="open" selected={draft().status === "open"}>
              {t("filters.open")}
            </option>
            <option value="closed" selected={draft().status === "closed"}>
              {t("filters.closed")}
            </option>
            <optgroup label={t("filters.exactStatus")}>
              <For each={STATUSES}>
                {(s) => (
                  <option value={s} selected={draft().status === s}>
                    {statusLabel(s)}
                  </option>
                )}
              </For>
            </optgroup>
          </select>
        </label>
        <label>
          {t("case.governorate")}
          <select value={draft().governorate ?? ""} onChange={(e) => set("governorate", e.currentTarget.value)}>
            <option value="">{t("filters.all")}</option>
            <For each={GOVERNORATES}>
              {(g) => (
                <option value={g} selected={draft().governorate === g}>
                  {t(`gov.${g}`)}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>
      <div class="row">
        <label>
          {t("filters.from")}
          <input type="date" value={draft().from ?? ""} onChange={(e) => set("from", e.currentTarget.value)} />
        </label>
        <label>
          {t("filters.to")}
          <input
            id="filter-to"
            type="date"
            value={draft().to ?? ""}
            {...invalidProps("filter-date-error", dateProblem() ? t("filters.badRange") : null)}
            onChange={(e) => {
              set("to", e.currentTarget.value);
              setDateProblem(false);
            }}
          />
        </label>
      </div>
      <FieldError id="filter-date-error" message={dateProblem() ? t("filters.badRange") : null} />
      <div class="row buttons">
        <button type="submit">{t("filters.apply")}</button>
        <Show when={Object.values(props.value).some(Boolean)}>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft({});
              setDateProblem(false);
              props.onApply({});
            }}
          >
            {t("filters.clear")}
          </button>
        </Show>
      </div>
    </form>
  );
}
