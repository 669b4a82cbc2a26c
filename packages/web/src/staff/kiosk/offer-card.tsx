import { createSignal, onCleanup, onMount } from "solid-js";
import { KIOSK_SERVICE_LABELS, type KioskService } from "@baladiya/shared/kiosk-protocol";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { kuwaitTime, tx } from "../../i18n";
import { num } from "../i18n-staff";
import { kt } from "./i18n-kiosk";
import { startRinging } from "./media";

export interface Offer {
  callId: string;
  service: KioskService;
  kiosk: { name: LocalizedText; place: LocalizedText };
  expiresAt: string;
}

/** A ringing call: tone, pulse and a countdown to when it passes to the next employee. */
export function OfferCard(props: { offer: Offer; busy: boolean; onAccept: () => void; onDecline: () => void }) {
  const [now, setNow] = createSignal(Date.now());
  const left = () => Math.max(0, Math.ceil((Date.parse(props.offer.expiresAt) - now()) / 1000));
  let accept: HTMLButtonElement | undefined;
  onMount(() => {
    const stop = startRinging();
    const timer = setInterval(() => setNow(Date.now()), 250);
    accept?.focus();
    onCleanup(() => {
      stop();
      clearInterval(timer);
    });
  });
  return (
    <section class="kiosk-offer" aria-labelledby="kiosk-offer-heading" data-call-id={props.offer.callId}>
      <h3 id="kiosk-offer-heading">
        <span class="ring-dot" aria-hidden="true" />
        {kt("offer.heading")}: {tx(KIOSK_SERVICE_LABELS[props.offer.service])}
      </h3>
      <dl class="facts">
        <dt>{kt("offer.kiosk")}</dt>
        <dd>{tx(props.offer.kiosk.name)}</dd>
        <dt>{kt("offer.place")}</dt>
        <dd>{tx(props.offer.kiosk.place)}</dd>
        <dt>{kt("offer.remaining")}</dt>
        <dd>
          <time class="countdown" datetime={props.offer.expiresAt} title={kuwaitTime(props.offer.expiresAt)}>
            {kt("offer.seconds", { n: num(left()) })}
          </time>
        </dd>
      </dl>
      <div class="offer-actions">
        <button type="button" ref={accept} class="accept" disabled={props.busy} onClick={() => props.onAccept()}>
          {props.busy ? kt("offer.accepting") : kt("offer.accept")}
        </button>
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onDecline()}>
          {kt("offer.decline")}
        </button>
      </div>
    </section>
  );
}
