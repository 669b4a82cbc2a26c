import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import {
  AGENT_PRESENCES,
  KIOSK_SERVICE_LABELS,
  PRESENCE_LABELS,
  type AgentPresence,
  type KioskService,
  type ServerMessage,
} from "@baladiya/shared/kiosk-protocol";
import type { AppError } from "../../app-error";
import { tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { linkTo, staffPath } from "../router";
import { isAdministrator, staffToken } from "../session";
import { staffError } from "../staff-error";
import { noteAgent } from "./access";
import { getMedia, StaffCallView } from "./call-view";
import { kt, type KioskKey } from "./i18n-kiosk";
import { openKioskChannel, type ChannelState, type KioskChannel } from "./live";
import { OfferCard, type Offer } from "./offer-card";
import { acceptCall, declineCall, getAgent, getCall, setPresence, type Agent, type StaffCall } from "./queries";
import "./kiosk.css";

/** The employee's kiosk console at /staff/kiosk: presence, who waits, the ringing call, and the call itself. */
export function KioskConsoleView() {
  const [agent, setAgent] = createSignal<Agent | null | undefined>(undefined);
  const [waiting, setWaiting] = createSignal<Partial<Record<KioskService, number>>>({});
  const [offer, setOffer] = createSignal<Offer | null>(null);
  const [call, setCall] = createSignal<StaffCall | null>(null);
  const [channel, setChannel] = createSignal<ChannelState>("connecting");
  const [note, setNote] = createSignal<string | null>(null);
  const [ringNote, setRingNote] = createSignal("");
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  let live: KioskChannel | null = null;
  // The camera opens while the call rings, so the visitor sees the employee sooner after they accept.
  let prepared: { callId: string; media: Promise<MediaStream | null> } | null = null;
  const prepareMedia = (callId: string) => {
    if (prepared?.callId === callId) return;
    releaseMedia();
    prepared = { callId, media: getMedia({ audio: true, video: true }) };
  };
  const releaseMedia = () => {
    const p = prepared;
    prepared = null;
    void p?.media.then((s) => s?.getTracks().forEach((t) => t.stop()));
  };
  const takeMedia = (callId: string) => {
    if (prepared?.callId !== callId) return null;
    const media = prepared.media;
    prepared = null;
    return media;
  };
  let callListener: ((m: ServerMessage) => void) | null = null;

  function takeAgent(a: Agent | null) {
    setAgent(a);
    noteAgent(a !== null);
    if (!a) return;
    setWaiting(a.waiting as Partial<Record<KioskService, number>>);
    if (a.offer && !call()) ring(a.offer);
    else if (!a.offer) {
      releaseMedia();
      setOffer(null);
    }
  }

  function ring(o: Offer) {
    prepareMedia(o.callId);
    setOffer(o);
    setNote(null);
    setRingNote(kt("offer.announce", { service: tx(KIOSK_SERVICE_LABELS[o.service]), kiosk: tx(o.kiosk.name) }));
  }

  // The call being accepted: its `presence` message may come before accept's answer and must not open it twice.
  let accepting: string | null = null;

  async function openCall(callId: string) {
    if (accepting === callId || call()?.callId === callId) return;
    try {
      const view = await getCall(callId);
      if (call()?.callId !== callId) setCall(view);
    } catch (e) {
      setError(staffError(e));
    }
  }

  function onMessage(m: ServerMessage) {
    switch (m.type) {
      case "presence":
        setAgent((a) => (a ? { ...a, presence: m.presence, inCall: m.inCall } : a));
        if (m.inCall && !call()) void openCall(m.inCall);
        return;
      case "queue":
        setWaiting(m.waiting);
        return;
      case "offer":
        if (!call()) ring(m);
        return;
      case "offer_withdrawn":
        if (offer()?.callId === m.callId) {
          releaseMedia();
          setOffer(null);
          setRingNote("");
          setNote(kt(`withdrawn.${m.reason}` as KioskKey));
        }
        return;
      case "error":
        setNote(m.message);
        return;
      default:
        callListener?.(m);
    }
  }

  onMount(() => {
    void (async () => {
      let me: Agent | null;
      try {
        me = await getAgent();
      } catch (e) {
        setError(staffError(e));
        return;
      }
      takeAgent(me);
      if (!me) return;
      if (me.inCall) void openCall(me.inCall);
      live = openKioskChannel(staffToken, onMessage, (s) => {
        setChannel(s);
        if (s === "refused") void getAgent().catch((e: unknown) => staffError(e));
      });
    })();
  });
  onCleanup(() => {
    live?.close();
    releaseMedia();
  });

  async function changePresence(presence: AgentPresence) {
    setBusy(true);
    setError(null);
    try {
      takeAgent(await setPresence(presence));
    } catch (e) {
      setError(staffError(e));
    } finally {
      setBusy(false);
    }
  }

  async function accept(o: Offer) {
    setBusy(true);
    setError(null);
    accepting = o.callId;
    try {
      const accepted = await acceptCall(o.callId);
      setOffer(null);
      setRingNote("");
      setAgent((a) => (a ? { ...a, presence: "busy", inCall: accepted.callId, offer: null } : a));
      if (call()?.callId !== accepted.callId) setCall(accepted);
    } catch (e) {
      const appError = staffError(e);
      releaseMedia();
      setOffer(null);
      setRingNote("");
      setNote(appError.code === "FORBIDDEN" ? kt("err.forbidden") : appError.code === "CONFLICT" ? kt("err.offerGone") : null);
      if (appError.code !== "FORBIDDEN" && appError.code !== "CONFLICT") setError(appError);
    } finally {
      accepting = null;
      setBusy(false);
    }
  }

  async function decline(o: Offer) {
    setBusy(true);
    setError(null);
    releaseMedia();
    try {
      takeAgent(await declineCall(o.callId));
      setOffer(null);
      setRingNote("");
      setNote(kt("offer.declineNote"));
    } catch (e) {
      setOffer(null);
      setError(staffError(e));
    } finally {
      setBusy(false);
    }
  }

  const presence = () => agent()?.presence ?? "away";
  const inCall = () => Boolean(agent()?.inCall);

  return (
    <section class="panel wide kiosk-console" aria-labelledby="kiosk-console-heading">
      <h2 id="kiosk-console-heading">{kt("console.heading")}</h2>
      <p class="visually-hidden" role="alert" aria-live="assertive">
        {ringNote()}
      </p>
      <StaffErrorBox error={error()} />
      <Show when={agent() === null}>
        <p class="muted">{isAdministrator() ? kt("console.notAgentAdmin") : kt("console.notAgent")}</p>
        <Show when={isAdministrator()}>
          <p>
            <a href={`${staffPath({ name: "admin" })}#kiosks`} onClick={linkTo({ name: "admin" })}>
              {kt("console.toAdmin")}
            </a>
          </p>
        </Show>
      </Show>
      <Show when={agent() === undefined && !error()}>
        <p class="muted">{st("common.loading")}</p>
      </Show>
      <Show when={agent()}>
        {(a) => (
          <>
            <div class="console-bar">
              <fieldset class="presence" data-presence={presence()} disabled={busy() || inCall()}>
                <legend>{kt("presence.legend")}</legend>
                <For each={AGENT_PRESENCES}>
                  {(p) => (
                    <label class={`presence-option ${p}`} data-presence-option={p}>
                      <input
                        type="radio"
                        name="kiosk-presence"
                        value={p}
                        checked={presence() === p}
                        onChange={() => void changePresence(p)}
                      />
                      {tx(PRESENCE_LABELS[p])}
                    </label>
                  )}
                </For>
              </fieldset>
              <p class={`channel ${channel()}`} role="status">
                <Show when={inCall()}>
                  <span class="badge open">{kt("presence.inCall")}</span>{" "}
                </Show>
                {kt(`channel.${channel()}` as KioskKey)}
              </p>
            </div>
            <Show when={!call()}>
              <p class="muted">{kt("console.intro")}</p>
            </Show>
            <section class="skills" aria-labelledby="kiosk-skills-heading">
              <h3 id="kiosk-skills-heading">{kt("skills.heading")}</h3>
              <Show when={a().skills.length > 0} fallback={<p class="muted">{kt("skills.none")}</p>}>
                <ul class="skill-list" aria-live="polite">
                  <For each={a().skills}>
                    {(s) => (
                      <li data-skill={s} data-waiting={waiting()[s] ?? 0}>
                        <span>{tx(KIOSK_SERVICE_LABELS[s])}</span>
                        <span class={`badge ${(waiting()[s] ?? 0) > 0 ? "overdue" : ""}`}>
                          {kt("skills.waitingCount", { n: num(waiting()[s] ?? 0) })}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <Show when={note()}>
              <p class="note" role="status">
                {note()}
              </p>
            </Show>
            <Show when={!call() && offer()}>
              {(o) => (
                <OfferCard offer={o()} busy={busy()} onAccept={() => void accept(o())} onDecline={() => void decline(o())} />
              )}
            </Show>
            <Show when={call()} keyed>
              {(c) => (
                <StaffCallView
                  call={c}
                  channelOpen={channel() === "open"}
                  send={(data) => live?.send({ type: "signal", callId: c.callId, data }) ?? false}
                  listen={(handler) => {
                    callListener = handler;
                    return () => {
                      if (callListener === handler) callListener = null;
                    };
                  }}
                  takeMedia={() => takeMedia(c.callId)}
                  onLeave={(next) => {
                    setCall(null);
                    if (next) takeAgent(next);
                    else void getAgent().then(takeAgent, (e: unknown) => setError(staffError(e)));
                  }}
                />
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
