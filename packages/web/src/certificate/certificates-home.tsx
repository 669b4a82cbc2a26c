import { createResource, For, Show } from "solid-js";
import { kuwaitTime, tx } from "../i18n";
import { linkHandler } from "../router";
import { session } from "../session";
import { ct } from "./i18n-certificate";
import { myApplications } from "./queries";

/** The certificate section's front page: apply, look one up, and — signed in — the resident's own applications. */
export function CertificatesHome() {
  const [mine] = createResource(
    () => (session() ? true : null),
    () => myApplications(),
  );
  return (
    <section class="certificate">
      <h2>{ct("home.title")}</h2>
      <p>{ct("home.lead")}</p>
      <p class="actions">
        <a class="primary" href="/certificates/apply" onClick={linkHandler({ name: "certificate-apply" })}>
          {ct("home.apply")}
        </a>
        <a href="/certificates/track" onClick={linkHandler({ name: "certificate-track", number: null, token: null })}>
          {ct("home.track")}
        </a>
      </p>
      <Show when={session()}>
        <h3>{ct("home.mine")}</h3>
        <Show when={(mine() ?? []).length > 0} fallback={<p>{ct("home.none")}</p>}>
          <ul class="my-applications">
            <For each={mine()}>
              {(m) => (
                <li>
                  <a
                    href={`/certificates/track/${m.number}`}
                    onClick={linkHandler({ name: "certificate-track", number: m.number, token: null })}
                  >
                    <bdi dir="ltr">{m.number}</bdi>
                  </a>{" "}
                  {tx(m.property.areaName)} · {tx(m.stateLabel)} · {kuwaitTime(m.createdAt)}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
