import { For, Match, Show, Switch } from "solid-js";
import { kuwaitTime, t, tx } from "../i18n";
import { drainOutbox, outboxItems, outboxSendingId, removeFromOutbox, sendAnyway, type OutboxItem } from "./outbox";
import { allMessages, reportProblems } from "./report-errors";
import "./outbox.css";

/** Reports kept on this phone: waiting for the network, sent (with their number), or needing a fix. */
export function OutboxList(props: {
  onEdit: (item: OutboxItem) => void;
  onTrack: (trackingNumber: string) => void;
  hide?: string | null;
}) {
  const visible = () => outboxItems().filter((i) => i.id !== props.hide);
  return (
    <Show when={visible().length > 0}>
      <section class="panel outbox" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">{t("outbox.heading")}</h2>
        <ul class="cards" aria-live="polite">
          <For each={visible()}>
            {(item) => (
              <li class="card" classList={{ [`outbox-${item.state}`]: true }} data-outbox-state={item.state}>
                <div class="card-head">
                  <strong>{item.serviceName ? tx(item.serviceName) : item.input.serviceCode}</strong>
                  <small class="muted">{t("outbox.savedAt", { time: kuwaitTime(item.createdAt) })}</small>
                </div>
                <Show when={item.input.description}>
                  <p class="clamp" dir="auto">
                    {item.input.description}
                  </p>
                </Show>
                <Switch>
                  <Match when={item.state === "waiting"}>
                    <p class="outbox-status">{outboxSendingId() === item.id ? t("outbox.sending") : t("outbox.waiting")}</p>
                    <button
                      type="button"
                      class="secondary"
                      disabled={outboxSendingId() !== null}
                      onClick={() => void drainOutbox(true)}
                    >
                      {t("outbox.sendNow")}
                    </button>
                  </Match>
                  <Match when={item.state === "sent" && item.result}>
                    {(result) => (
                      <>
                        <p class="located">
                          {t("outbox.sent")}{" "}
                          <bdi class="outbox-number" dir="ltr">
                            {result().trackingNumber}
                          </bdi>
                        </p>
                        <div class="row">
                          <button type="button" onClick={() => props.onTrack(result().trackingNumber)}>
                            {t("outbox.track")}
                          </button>
                          <button type="button" class="link" onClick={() => void removeFromOutbox(item.id)}>
                            {t("outbox.dismiss")}
                          </button>
                        </div>
                      </>
                    )}
                  </Match>
                  <Match when={item.state === "failed"}>
                    <div class="error-box" role="alert">
                      <strong>{t("outbox.failed")}</strong>
                      <ul>
                        <For each={allMessages(reportProblems(item.error))}>{(message) => <li>{message}</li>}</For>
                      </ul>
                    </div>
                    <div class="row">
                      <button type="button" onClick={() => props.onEdit(item)}>
                        {t("outbox.fix")}
                      </button>
                      <button type="button" class="link" onClick={() => void removeFromOutbox(item.id)}>
                        {t("outbox.remove")}
                      </button>
                    </div>
                  </Match>
                  <Match when={item.state === "duplicates"}>
                    <p class="warning">{t("outbox.duplicates")}</p>
                    <div class="row">
                      <button type="button" onClick={() => void sendAnyway(item.id)}>
                        {t("outbox.sendAnyway")}
                      </button>
                      <button type="button" class="link" onClick={() => void removeFromOutbox(item.id)}>
                        {t("outbox.remove")}
                      </button>
                    </div>
                  </Match>
                </Switch>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
