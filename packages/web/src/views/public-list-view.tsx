import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { CaseCard } from "../components/case-card";
import { ErrorBox } from "../components/error-box";
import { filtersFromSearch, filtersToSearch, Filters, type CaseFilters } from "../components/filters";
import { caseStatusLabel, t, tx } from "../i18n";
import { MapView, type MapMarker } from "../map/map-view";
import { zoomToFit } from "../map/projection";
import { listCases, listServices, type CaseSummary } from "../queries";
import { navigate } from "../router";

const PAGE_SIZE = 20;

// Kept across visits to a report's page, so "back" returns to the map when that is where one was.
const [mode, setMode] = createSignal<"list" | "map">("list");

const CLOSED: ReadonlySet<string> = new Set([
  "resolved_fixed",
  "resolved_not_fixed",
  "resolved_not_responsible",
  "resolved_duplicate",
  "closed",
]);

/** Everyone's reports, newest first, filtered and paged: no names, phones or photo metadata. */
export function PublicListView(props: { search: URLSearchParams }) {
  const filters = (): CaseFilters => filtersFromSearch(props.search);
  const [services] = createResource(listServices);
  const [items, setItems] = createSignal<CaseSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  let generation = 0;

  async function load(more: boolean) {
    const mine = more ? generation : ++generation;
    setLoading(true);
    setError(null);
    try {
      const page = await listCases({ ...filters(), limit: PAGE_SIZE, ...(more && cursor() ? { cursor: cursor()! } : {}) });
      // A newer filter superseded this request: its answer no longer belongs on the page.
      if (mine !== generation) return;
      setItems((prev) => (more ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (e) {
      if (mine === generation) setError(toAppError(e));
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

  const markers = (): MapMarker[] =>
    items().map((c) => ({
      id: c.trackingNumber,
      lat: c.location.lat,
      lng: c.location.lng,
      label: `${tx(c.serviceName)} — ${caseStatusLabel(c.status, c.resolution)} — ${c.trackingNumber}`,
      tone: c.overdue ? "overdue" : CLOSED.has(c.status) ? "closed" : "open",
    }));

  // The map opens on the listed reports (about a phone's map size; a lone report at street level).
  const mapFocus = createMemo(() => {
    const list = items();
    if (list.length === 0) return null;
    const lngs = list.map((c) => c.location.lng);
    const lats = list.map((c) => c.location.lat);
    const bbox = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] as const;
    const zoom = Math.min(15, Math.floor(zoomToFit(bbox, 300, 340)));
    return { lng: (bbox[0] + bbox[2]) / 2, lat: (bbox[1] + bbox[3]) / 2, zoom: Number.isFinite(zoom) ? zoom : 15 };
  });

  const serviceList = () => (services.state === "ready" ? services() : []);
  const summary = () =>
    !loaded()
      ? ""
      : items().length === 0
        ? t("public.none")
        : t(cursor() ? "public.countMore" : "public.count", { n: items().length });

  return (
    <section class="panel" aria-labelledby="public-heading">
      <h2 id="public-heading">{t("public.heading")}</h2>
      <p class="muted">{t("public.intro")}</p>
      <Filters
        value={filters()}
        services={serviceList()}
        onApply={(f) => navigate({ name: "reports", search: filtersToSearch(f) }, { replace: true })}
      />
      <p class="list-summary" role="status">
        {summary()}
      </p>
      <ErrorBox error={error()} fields={[]} />
      <Show when={error()}>
        <button type="button" class="secondary" onClick={() => void load(items().length > 0)}>
          {t("common.retry")}
        </button>
      </Show>
      <div class="view-switch" role="group" aria-label={t("public.viewAs")}>
        <button type="button" class="secondary" aria-pressed={mode() === "list"} onClick={() => setMode("list")}>
          {t("public.asList")}
        </button>
        <button type="button" class="secondary" aria-pressed={mode() === "map"} onClick={() => setMode("map")}>
          {t("public.asMap")}
        </button>
      </div>
      <Show when={mode() === "map"}>
        <MapView
          class="public-map"
          label={t("public.mapLabel")}
          markers={markers()}
          focus={mapFocus()}
          onSelect={(id) => navigate({ name: "case", trackingNumber: id })}
        />
        <p class="muted">{t("public.mapHint")}</p>
      </Show>
      <ul class="cards" hidden={mode() !== "list"} aria-busy={loading() ? "true" : "false"}>
        <For each={items()}>
          {(item) => <CaseCard summary={item} to={{ name: "case", trackingNumber: item.trackingNumber }} showDescription />}
        </For>
      </ul>
      <Show when={loading()}>
        <p class="muted">{t("common.loading")}</p>
      </Show>
      <Show when={cursor() && !loading()}>
        <button type="button" class="secondary more" onClick={() => void load(true)}>
          {t("public.more")}
        </button>
      </Show>
    </section>
  );
}
