import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { Match, Switch } from "solid-js";

/** A line drawing per service (no icon font: the kiosk may have none). */
export function ServiceIcon(props: { service: KioskService }) {
  return (
    <svg
      class="service-icon"
      viewBox="0 0 48 48"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <Switch>
        <Match when={props.service === "complaint"}>
          <path d="M8 20v8h6l14 8V12l-14 8z" />
          <path d="M34 18a8 8 0 0 1 0 12M38 13a14 14 0 0 1 0 22" />
        </Match>
        <Match when={props.service === "certificate"}>
          <path d="M12 6h18l8 8v28H12z" />
          <path d="M30 6v8h8M18 22h14M18 28h14" />
          <circle cx="22" cy="36" r="3" />
        </Match>
        <Match when={props.service === "inquiry"}>
          <circle cx="24" cy="24" r="17" />
          <path d="M19 19a5 5 0 1 1 7 4.6c-1.3.6-2 1.6-2 3V29" />
          <path d="M24 34.5v.5" />
        </Match>
        <Match when={props.service === "other"}>
          <rect x="8" y="8" width="13" height="13" rx="2" />
          <rect x="27" y="8" width="13" height="13" rx="2" />
          <rect x="8" y="27" width="13" height="13" rx="2" />
          <rect x="27" y="27" width="13" height="13" rx="2" />
        </Match>
      </Switch>
    </svg>
  );
}
