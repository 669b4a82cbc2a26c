import { createEffect, createSignal, For, lazy, Match, on, onMount, Show, Switch } from "solid-js";
import { toAppError } from "./app-error";
import { dir, locale, setLocale, t, type MessageKey } from "./i18n";
import { myReports } from "./my-reports";
import { getMyProfile } from "./queries";
import { linkHandler, navigate, pathOf, route, type Route, type RouteName } from "./router";
import { session, setProfile, setSession } from "./session";
import { AccountView } from "./views/account-view";
import { MyReportsView } from "./views/my-reports-view";
import { PublicCasePage } from "./views/public-case-view";
import { PublicListView } from "./views/public-list-view";
import { ReportView } from "./views/report-view";
import { TrackView } from "./views/track-view";

// The certificate section comes in its own chunk on first use.
const certificatePages = () => import("./certificate/pages");
const ApplyView = lazy(() => certificatePages().then((m) => ({ default: m.ApplyView })));
const CertificatesHome = lazy(() => certificatePages().then((m) => ({ default: m.CertificatesHome })));
const CertificateTrackView = lazy(() => certificatePages().then((m) => ({ default: m.CertificateTrackView })));
const VerifyView = lazy(() => certificatePages().then((m) => ({ default: m.VerifyView })));

const TABS: { route: Route; label: () => MessageKey; current: RouteName[] }[] = [
  { route: { name: "report" }, label: () => "tab.report", current: ["report"] },
  { route: { name: "track", trackingNumber: null }, label: () => "tab.track", current: ["track"] },
  { route: { name: "mine" }, label: () => "tab.mine", current: ["mine"] },
  { route: { name: "reports", search: new URLSearchParams() }, label: () => "tab.reports", current: ["reports", "case"] },
  {
    route: { name: "certificates" },
    label: () => "tab.certificates",
    current: ["certificates", "certificate-apply", "certificate-track", "verify"],
  },
  { route: { name: "account" }, label: () => (session() ? "tab.account" : "tab.signIn"), current: ["account"] },
];

export function App() {
  const [generation, setGeneration] = createSignal(1);
  // The public list's filters, so a report's page leads back to the same list.
  const [listSearch, setListSearch] = createSignal(new URLSearchParams());

  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dir = dir();
    document.title = t("app.title");
  });

  createEffect(() => {
    const r = route();
    if (r.name === "reports") setListSearch(r.search);
  });

  // A new page moves the focus to its heading, so a screen reader announces where the resident is.
  createEffect(
    on(
      () => route().name,
      () =>
        queueMicrotask(() => {
          const heading = document.querySelector<HTMLElement>("main > :not([hidden]) h2");
          if (!heading) return;
          heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
        }),
      { defer: true },
    ),
  );

  // A session ended elsewhere (signed out on another device, expired) is forgotten here too.
  onMount(() => {
    if (!session()) return;
    getMyProfile().then(setProfile, (e: unknown) => {
      if (toAppError(e).code === "UNAUTHENTICATED") setSession(null);
    });
  });

  const trackLatest = () => navigate({ name: "track", trackingNumber: myReports()[0]?.trackingNumber ?? null });
  const current = (tab: (typeof TABS)[number]) => tab.current.includes(route().name);

  return (
    <>
      <a class="skip" href="#main">
        {t("nav.skip")}
      </a>
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
            <a href={pathOf(tab.route)} aria-current={current(tab) ? "page" : undefined} onClick={linkHandler(tab.route)}>
              {t(tab.label())}
            </a>
          )}
        </For>
      </nav>
      <main id="main" tabIndex={-1}>
        {/* The report form stays mounted elsewhere, so a half-written report survives a look-up. */}
        <div hidden={route().name !== "report"}>
          <Show keyed when={generation()}>
            <ReportView onTrack={trackLatest} onAnother={() => setGeneration((g) => g + 1)} />
          </Show>
        </div>
        <Switch>
          <Match when={route().name === "track"}>
            <TrackView trackingNumber={(route() as Extract<Route, { name: "track" }>).trackingNumber} />
          </Match>
          <Match when={route().name === "mine"}>
            <MyReportsView />
          </Match>
          <Match when={route().name === "account"}>
            <AccountView />
          </Match>
          <Match when={route().name === "reports"}>
            <PublicListView search={(route() as Extract<Route, { name: "reports" }>).search} />
          </Match>
          <Match when={route().name === "certificates"}>
            <CertificatesHome />
          </Match>
          <Match when={route().name === "certificate-apply"}>
            <ApplyView />
          </Match>
          <Match when={route().name === "certificate-track"}>
            <CertificateTrackView
              number={(route() as Extract<Route, { name: "certificate-track" }>).number}
              token={(route() as Extract<Route, { name: "certificate-track" }>).token}
            />
          </Match>
          <Match when={route().name === "verify"}>
            <VerifyView number={(route() as Extract<Route, { name: "verify" }>).number} />
          </Match>
          <Match when={route().name === "case"}>
            <PublicCasePage
              trackingNumber={(route() as Extract<Route, { name: "case" }>).trackingNumber}
              back={{ name: "reports", search: listSearch() }}
            />
          </Match>
        </Switch>
      </main>
    </>
  );
}
