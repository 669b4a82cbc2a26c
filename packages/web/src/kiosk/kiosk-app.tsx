import { createEffect, createSignal, Match, on, onCleanup, onMount, Show, Switch } from "solid-js";
import { config } from "./api";
import { announcement, call } from "./call";
import { IdleDialog } from "./components/idle-dialog";
import { k, kioskDir, kioskLocale, ktime, kx, setKioskLocale, type KioskKey } from "./i18n-kiosk";
import { markActive, warningLeft, watchIdle } from "./idle";
import { screen, type Screen } from "./screen";
import { ActivateScreen } from "./screens/activate-screen";
import { AttractScreen } from "./screens/attract-screen";
import { CallScreen } from "./screens/call-screen";
import { CodeScreen } from "./screens/code-screen";
import { ConsentScreen } from "./screens/consent-screen";
import { DoneScreen } from "./screens/done-screen";
import { IdCardScreen } from "./screens/idcard-screen";
import { IdentifyScreen } from "./screens/identify-screen";
import { ServiceScreen } from "./screens/service-screen";
import { WaitingScreen } from "./screens/waiting-screen";
import { finish } from "./session";
import { hush, say, setSpeechMuted, speechMuted } from "./speech";

const SPOKEN: Partial<Record<Screen, KioskKey>> = {
  attract: "say.attract",
  identify: "say.identify",
  code: "say.code",
  idcard: "say.idcard",
  service: "say.service",
  consent: "say.consent",
  waiting: "say.waiting",
  call: "say.call",
  done: "say.done",
};

/** Screens where a quiet visitor is expected: waiting in the queue, or talking to the employee. */
const idleCounts = () => {
  const s = screen();
  if (s === "boot" || s === "activate" || s === "attract" || s === "waiting") return false;
  return !(s === "call" && call()?.state === "active");
};

/** The kiosk at /kiosk: a portrait touch screen, Arabic first, one visitor at a time. */
export function KioskApp() {
  const [clock, setClock] = createSignal(new Date());
  const tick = setInterval(() => setClock(new Date()), 15_000);
  onCleanup(() => clearInterval(tick));

  createEffect(() => {
    document.documentElement.lang = kioskLocale();
    document.documentElement.dir = kioskDir();
    document.title = k("app.title");
  });

  // Each screen announces itself: the focus moves to its heading and its prompt is spoken.
  createEffect(
    on(screen, (current) => {
      queueMicrotask(() => document.querySelector<HTMLElement>("main h1")?.focus({ preventScroll: true }));
      window.scrollTo(0, 0);
      const prompt = SPOKEN[current];
      if (prompt) say(k(prompt));
    }),
  );

  onMount(() => {
    const stop = watchIdle({
      idleSeconds: () => config()?.idleSeconds ?? 90,
      warnSeconds: () => config()?.warnSeconds ?? 30,
      active: idleCounts,
      onWarn: () => say(k("say.idle")),
      onExpire: () => void finish("idle"),
    });
    onCleanup(stop);
  });

  function toggleLanguage() {
    setKioskLocale(kioskLocale() === "ar" ? "en" : "ar");
    const prompt = SPOKEN[screen()];
    if (prompt) say(k(prompt));
  }

  function toggleSpeech() {
    const muted = !speechMuted();
    setSpeechMuted(muted);
    if (muted) hush();
  }

  return (
    <div class="kiosk">
      <header class="bar">
        <div class="brand">
          <img src="/icon.svg" alt="" width="56" height="56" />
          <div>
            <p class="brand-name">{k("app.brand")}</p>
            <Show when={config()}>{(c) => <p class="brand-place">{kx(c().kiosk.place)}</p>}</Show>
          </div>
        </div>
        <p class="clock">
          <time dateTime={clock().toISOString()}>{ktime(clock())}</time>
        </p>
        <div class="bar-actions">
          <button type="button" class="bar-button" aria-pressed={speechMuted()} onClick={toggleSpeech}>
            {speechMuted() ? k("speech.unmute") : k("speech.mute")}
          </button>
          <button
            type="button"
            class="bar-button lang"
            lang={kioskLocale() === "ar" ? "en" : "ar"}
            aria-label={k("lang.switchLabel")}
            onClick={toggleLanguage}
          >
            {k("lang.switch")}
          </button>
        </div>
      </header>
      <main>
        <Switch fallback={<p class="lead boot">{k("activate.restoring")}</p>}>
          <Match when={screen() === "activate"}>
            <ActivateScreen />
          </Match>
          <Match when={screen() === "attract"}>
            <AttractScreen />
          </Match>
          <Match when={screen() === "identify"}>
            <IdentifyScreen />
          </Match>
          <Match when={screen() === "code"}>
            <CodeScreen />
          </Match>
          <Match when={screen() === "idcard"}>
            <IdCardScreen />
          </Match>
          <Match when={screen() === "service"}>
            <ServiceScreen />
          </Match>
          <Match when={screen() === "consent"}>
            <ConsentScreen />
          </Match>
          <Match when={screen() === "waiting"}>
            <WaitingScreen />
          </Match>
          <Match when={screen() === "call"}>
            <CallScreen />
          </Match>
          <Match when={screen() === "done"}>
            <DoneScreen />
          </Match>
        </Switch>
      </main>
      <p class="visually-hidden" aria-live="polite">
        {announcement()}
      </p>
      <Show when={warningLeft()}>
        {(left) => <IdleDialog secondsLeft={left()} onStay={markActive} onEnd={() => void finish("idle")} />}
      </Show>
    </div>
  );
}
