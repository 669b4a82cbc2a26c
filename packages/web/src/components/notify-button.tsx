import { createSignal, onMount, Show } from "solid-js";
import type { Locale } from "@baladiya/shared/i18n";
import { locale } from "../i18n";
import { subscribePush, unsubscribePush } from "../queries";
import type { CaseRef } from "./case-actions";

const TEXT: Record<Locale, Record<"on" | "off" | "busy" | "enabled" | "disabled" | "blocked" | "failed", string>> = {
  ar: {
    on: "أبلغني بكل تحديث على هذا الجهاز",
    off: "أوقف إشعارات هذا البلاغ",
    busy: "لحظة…",
    enabled: "ستصلك الإشعارات بكل تحديث على هذا البلاغ.",
    disabled: "أوقفنا إشعارات هذا البلاغ على هذا الجهاز.",
    blocked: "الإشعارات محظورة في إعدادات المتصفح.",
    failed: "تعذر تفعيل الإشعارات الآن. حاول لاحقاً.",
  },
  en: {
    on: "Notify me of every update on this device",
    off: "Stop notifications for this report",
    busy: "One moment…",
    enabled: "You will be notified of every update to this report.",
    disabled: "Notifications for this report are off on this device.",
    blocked: "Notifications are blocked in the browser's settings.",
    failed: "Notifications could not be turned on now. Please try later.",
  },
};
const text = (key: keyof (typeof TEXT)["ar"]) => TEXT[locale()][key];
const storageKey = (n: string) => `baladiya.push.${n}`;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Web Push for one report: the browser subscribes with the server's VAPID key and the case's token. */
export function NotifyButton(props: { caseRef: CaseRef }) {
  const [supported, setSupported] = createSignal(false);
  const [on, setOn] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal("");

  onMount(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
    void navigator.serviceWorker.getRegistration().then((registration) => {
      setSupported(Boolean(registration));
      setOn(localStorage.getItem(storageKey(props.caseRef.trackingNumber)) !== null);
    });
  });

  async function turnOn() {
    if ((await Notification.requestPermission()) !== "granted") return setMessage(text("blocked"));
    const config = (await (await fetch("/app-config.json")).json()) as { vapidPublicKey?: string };
    const registration = await navigator.serviceWorker.ready;
    if (!config.vapidPublicKey) throw new Error("No VAPID key");
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(config.vapidPublicKey),
    });
    const json = subscription.toJSON();
    await subscribePush({
      subscription: { endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } },
      ...props.caseRef,
    });
    localStorage.setItem(storageKey(props.caseRef.trackingNumber), subscription.endpoint);
    setOn(true);
    setMessage(text("enabled"));
  }

  async function turnOff() {
    const endpoint = localStorage.getItem(storageKey(props.caseRef.trackingNumber));
    // The browser's subscription may serve other reports too: only this report's link is removed.
    if (endpoint) await unsubscribePush({ endpoint, ...props.caseRef });
    localStorage.removeItem(storageKey(props.caseRef.trackingNumber));
    setOn(false);
    setMessage(text("disabled"));
  }

  async function toggle() {
    setBusy(true);
    setMessage("");
    try {
      await (on() ? turnOff() : turnOn());
    } catch {
      setMessage(text("failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={supported()}>
      <div class="notify">
        <button type="button" class="secondary" disabled={busy()} aria-pressed={on()} onClick={() => void toggle()}>
          {busy() ? text("busy") : on() ? text("off") : text("on")}
        </button>
        <p class="muted" role="status">
          {message()}
        </p>
      </div>
    </Show>
  );
}
