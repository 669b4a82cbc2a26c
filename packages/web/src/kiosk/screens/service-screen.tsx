import { KIOSK_SERVICE_LABELS, KIOSK_SERVICES } from "@baladiya/shared/kiosk-protocol";
import { For, Show } from "solid-js";
import { ServiceIcon } from "../components/service-icon";
import { k, kx } from "../i18n-kiosk";
import { chooseService, finish, visit } from "../session";

/** The four things a visitor may come for; each is routed to employees with that skill. */
export function ServiceScreen() {
  return (
    <section class="screen" data-screen="service" aria-labelledby="service-heading">
      <h1 id="service-heading" tabIndex={-1}>
        {k("service.heading")}
      </h1>
      <Show when={visit()?.name}>{(name) => <p class="lead">{k("service.hello", { name: name() })}</p>}</Show>
      <p class="lead">{k("service.intro")}</p>
      <ul class="services">
        <For each={KIOSK_SERVICES}>
          {(service) => (
            <li>
              <button type="button" class="service" data-service={service} onClick={() => chooseService(service)}>
                <ServiceIcon service={service} />
                <span>{kx(KIOSK_SERVICE_LABELS[service])}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
      <button type="button" class="link" onClick={() => void finish("cancelled")}>
        {k("common.cancel")}
      </button>
    </section>
  );
}
