import { createEffect, createSignal, For, Show } from "solid-js";
import { dir, locale, setLocale, t, type MessageKey } from "./i18n";
import { navigate, pathOf, route, type Route } from "./router";
import { ReportView } from "./views/report-view";
import { TrackView } from "./views/track-view";

const TABS: { route: Route; label: MessageKey }[] = [
  { route: "report", label: "nav.report" },
  { route: "track", label: "nav.track" },
];

export function App() {
  const [generation, setGeneration] = createSignal(1);
  const [lookupOnOpen, setLookupOnOpen] = createSignal(false);

  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dir = dir();
    document.title = t("app.title");
  });

  const go = (to: Route, lookup = false) => {
    setLookupOnOpen(lookup);
    navigate(to);
  };

  return (
    <>
      <header class="top">
        <div>
          <h1>{t("app.title")}</h1>
          <p>{t("app.subtitle")}</p>
        </div>
        <button
          type="button"
          class="lang"
          lang={locale() === "ar" ? "en" : "ar"}
          title={t("lang.switchLabel")}
          onClick={() => setLocale(locale() === "ar" ? "en" : "ar")}
        >
          {t("lang.switch")}
        </button>
      </header>
      <nav class="tabs" aria-label={t("nav.label")}>
        <For each={TABS}>
          {(tab) => (
            <a
              href={pathOf(tab.route)}
              aria-current={route() === tab.route ? "page" : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                go(tab.route);
              }}
            >
              {t(tab.label)}
            </a>
          )}
        </For>
      </nav>
      <main>
        {/* The report form stays mounted while tracking, so a half-written report survives a look-up. */}
        <div hidden={route() !== "report"}>
          <Show keyed when={generation()}>
            <ReportView onTrack={() => go("track", true)} onAnother={() => setGeneration((g) => g + 1)} />
          </Show>
        </div>
        <Show when={route() === "track"}>
          <TrackView lookupFirstSaved={lookupOnOpen()} />
        </Show>
      </main>
    </>
  );
}
