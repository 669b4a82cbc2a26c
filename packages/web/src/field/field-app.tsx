import { createEffect, createMemo, createSignal, Match, on, Show, Switch } from "solid-js";
import { dir, locale, setLocale, t, tx } from "../i18n";
import { getMe, signOut } from "../staff/queries";
import { setStaffSession, staffSession } from "../staff/session";
import { staffError } from "../staff/staff-error";
import { SignInView } from "../staff/views/sign-in-view";
import { SyncBar } from "./components/sync-bar";
import { loadKeptDay, refreshDay } from "./day";
import { fd } from "./i18n-field";
import { refreshQueue } from "./queue";
import { fieldRoute, go } from "./router";
import { syncNow } from "./sync";
import { TaskView } from "./views/task-view";
import { TodayView } from "./views/today-view";

const isInspector = () => staffSession()?.me.role === "inspector";

/** The field inspector's app at /field: today's tasks by distance, each task's work, all of it offline first. */
export function FieldApp() {
  const [signingOut, setSigningOut] = createSignal(false);

  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dir = dir();
    document.title = fd("app.title");
  });

  // Whoever signs in gets their kept day at once, then the server's, then what waits goes out. A memo:
  // refreshing the session's `me` must not start this again.
  const inspectorId = createMemo(() => (isInspector() ? (staffSession()?.me.id ?? null) : null));
  createEffect(
    on(inspectorId, (id) => {
      if (!id) return;
      void (async () => {
        await loadKeptDay();
        await refreshQueue();
        if (navigator.onLine) {
          getMe().then(
            (me) => {
              const current = staffSession();
              if (current) setStaffSession({ ...current, me });
            },
            (e: unknown) => void staffError(e),
          );
          await refreshDay();
        }
        await syncNow(true);
      })();
    }),
  );

  // A new page moves the focus to its heading, so a screen reader announces where the inspector is.
  createEffect(
    on(
      () => [fieldRoute().name, fieldRoute().name === "task" ? fieldRoute() : null] as const,
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

  async function leave() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out here whatever the server says; the token is dropped below.
    } finally {
      setSigningOut(false);
      setStaffSession(null);
      go({ name: "today" });
    }
  }

  return (
    <>
      <a class="skip" href="#main">
        {fd("nav.skip")}
      </a>
      <header class="top field-top">
        <div>
          <h1>{fd("app.title")}</h1>
          <p>
            <Show when={staffSession()} fallback={fd("app.subtitle")}>
              {(s) => <>{tx(s().me.name)}</>}
            </Show>
          </p>
        </div>
        <div class="top-tools">
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
              {fd("nav.signOut")}
            </button>
          </Show>
        </div>
      </header>
      <main id="main" class="field-main" tabIndex={-1}>
        <Switch>
          <Match when={!staffSession()}>
            <p class="notice">{fd("signIn.note")}</p>
            <SignInView />
          </Match>
          <Match when={!isInspector()}>
            <p class="panel" role="alert">
              {fd("role.notInspector")} <a href="/staff">{fd("nav.staffPortal")}</a>
            </p>
          </Match>
          <Match when={true}>
            <SyncBar />
            <Switch>
              <Match when={fieldRoute().name === "task" && fieldRoute()}>
                {(r) => <TaskView id={(r() as Extract<ReturnType<typeof fieldRoute>, { name: "task" }>).id} />}
              </Match>
              <Match when={true}>
                <TodayView />
              </Match>
            </Switch>
          </Match>
        </Switch>
      </main>
    </>
  );
}
