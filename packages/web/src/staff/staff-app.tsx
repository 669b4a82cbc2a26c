import { createEffect, createSignal, For, lazy, Match, on, onMount, Show, Suspense, Switch } from "solid-js";
import { dir, locale, setLocale, t, tx } from "../i18n";
import { st, type StaffKey } from "./i18n-staff";
import { getMe, signOut } from "./queries";
import { go, linkTo, staffPath, staffRoute, type StaffRoute, type StaffRouteName } from "./router";
import { isAdministrator, isSupervisor, setStaffSession, staffSession } from "./session";
import { worksCertificates } from "./certificates/access";
import { CertificateQueueView, certificateSearch } from "./certificates/certificate-queue-view";
import { CertificateView } from "./certificates/certificate-view";
import { NewApplicationView } from "./certificates/new-application-view";
import { FieldReviewView } from "./field/field-review-view";
import { ft } from "./field/i18n-field";
import { kioskTabLabel, showsKiosk } from "./kiosk/access";
import { staffError } from "./staff-error";
import { AdminView } from "./views/admin-view";
import { CaseView } from "./views/case-view";
import { DashboardView } from "./views/dashboard-view";
import { InboxView } from "./views/inbox-view";
import { SignInView } from "./views/sign-in-view";

// The kiosk console (video, recording, filing for the visitor) comes in its own chunk on first use.
const KioskConsoleView = lazy(() => import("./kiosk/pages").then((m) => ({ default: m.KioskConsoleView })));

interface Tab {
  route: StaffRoute;
  /** A key of the staff catalogue, or the words of a section with its own catalogue. */
  label: StaffKey | (() => string);
  current: StaffRouteName[];
  shown: () => boolean;
}

const TABS: Tab[] = [
  { route: { name: "inbox", search: new URLSearchParams() }, label: "nav.inbox", current: ["inbox", "case"], shown: () => true },
  {
    route: { name: "dashboard", search: new URLSearchParams() },
    label: "nav.dashboard",
    current: ["dashboard"],
    shown: isSupervisor,
  },
  {
    route: { name: "certificates", search: new URLSearchParams() },
    label: "nav.certificates",
    current: ["certificates", "certificate", "certificateNew"],
    shown: worksCertificates,
  },
  { route: { name: "field" }, label: "nav.field", current: ["field", "violation"], shown: isSupervisor },
  { route: { name: "kiosk" }, label: kioskTabLabel, current: ["kiosk"], shown: showsKiosk },
  { route: { name: "admin" }, label: "nav.admin", current: ["admin"], shown: isAdministrator },
];

/** The staff back office at /staff: sign-in, inbox, case work, dashboard, certificates, field review, kiosk calls and administration. */
export function StaffApp() {
  // The inbox's filters, so a case page leads back to the same list.
  const [inboxSearch, setInboxSearch] = createSignal(new URLSearchParams());
  const [signingOut, setSigningOut] = createSignal(false);

  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dir = dir();
    document.title = st("app.title");
  });
  createEffect(() => {
    const r = staffRoute();
    if (r.name === "inbox") setInboxSearch(r.search);
  });
  createEffect(
    on(
      () => [staffRoute().name, Boolean(staffSession())] as const,
      () =>
        queueMicrotask(() => {
          const heading = document.querySelector<HTMLElement>("main h2");
          if (!heading) return;
          heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
        }),
      { defer: true },
    ),
  );

  // A session ended elsewhere (signed out, expired, account changed) is forgotten here; `me` stays current.
  onMount(() => {
    const current = staffSession();
    if (!current) return;
    getMe().then(
      (me) => setStaffSession({ ...current, me }),
      (e: unknown) => void staffError(e),
    );
  });

  async function leave() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out here whatever the server says; the token is dropped below.
    } finally {
      setSigningOut(false);
      setStaffSession(null);
      go({ name: "inbox", search: new URLSearchParams() }, { replace: true });
    }
  }

  const route = staffRoute;
  return (
    <>
      <a class="skip" href="#main">
        {st("nav.skip")}
      </a>
      <header class="top staff-top">
        <div>
          <h1>{st("app.title")}</h1>
          <p>{st("app.subtitle")}</p>
        </div>
        <div class="top-tools">
          <Show when={staffSession()}>
            {(s) => (
              <p class="who">{st("nav.signedInAs", { name: tx(s().me.name), role: st(`role.${s().me.role}` as StaffKey) })}</p>
            )}
          </Show>
          <button
            type="button"
            class="lang"
            lang={locale() === "ar" ? "en" : "ar"}
            title={t("lang.switchLabel")}
            onClick={() => setLocale(locale() === "ar" ? "en" : "ar")}
          >
            {t("lang.switch")}
          </button>
          <Show when={staffSession()}>
            <button type="button" class="lang" disabled={signingOut()} onClick={() => void leave()}>
              {st("nav.signOut")}
            </button>
          </Show>
        </div>
      </header>
      <Show when={staffSession()}>
        <nav class="tabs staff-tabs" aria-label={st("nav.label")}>
          <For each={TABS.filter((tab) => tab.shown())}>
            {(tab) => (
              <a
                href={staffPath(tab.route)}
                aria-current={tab.current.includes(route().name) ? "page" : undefined}
                onClick={(e) =>
                  linkTo(
                    tab.route.name === "inbox"
                      ? { name: "inbox", search: inboxSearch() }
                      : tab.route.name === "certificates"
                        ? { name: "certificates", search: certificateSearch() }
                        : tab.route,
                  )(e)
                }
              >
                {typeof tab.label === "function" ? tab.label() : st(tab.label)}
              </a>
            )}
          </For>
        </nav>
      </Show>
      <main id="main" class="staff-main" tabIndex={-1}>
        <Show when={staffSession()} fallback={<SignInView />}>
          <Switch>
            <Match when={route().name === "inbox"}>
              <InboxView search={(route() as Extract<StaffRoute, { name: "inbox" }>).search} />
            </Match>
            <Match when={route().name === "case"}>
              <CaseView trackingNumber={(route() as Extract<StaffRoute, { name: "case" }>).trackingNumber} back={inboxSearch()} />
            </Match>
            <Match when={route().name === "dashboard"}>
              <DashboardView search={(route() as Extract<StaffRoute, { name: "dashboard" }>).search} />
            </Match>
            <Match when={route().name === "admin" && isAdministrator()}>
              <AdminView />
            </Match>
            <Match when={route().name === "admin"}>
              <p class="panel" role="alert">
                {st("admin.onlyAdministrators")}
              </p>
            </Match>
            <Match when={route().name === "certificates"}>
              <CertificateQueueView search={(route() as Extract<StaffRoute, { name: "certificates" }>).search} />
            </Match>
            <Match when={route().name === "certificate"}>
              <CertificateView number={(route() as Extract<StaffRoute, { name: "certificate" }>).number} />
            </Match>
            <Match when={route().name === "certificateNew"}>
              <NewApplicationView />
            </Match>
            <Match when={(route().name === "field" || route().name === "violation") && isSupervisor()}>
              <FieldReviewView
                violation={route().name === "violation" ? (route() as Extract<StaffRoute, { name: "violation" }>).number : null}
              />
            </Match>
            <Match when={route().name === "field" || route().name === "violation"}>
              <p class="panel" role="alert">
                {ft("review.onlySupervisors")}
              </p>
            </Match>
            <Match when={route().name === "kiosk"}>
              <Suspense fallback={<p class="panel">{st("common.loading")}</p>}>
                <KioskConsoleView />
              </Suspense>
            </Match>
          </Switch>
        </Show>
      </main>
    </>
  );
}
