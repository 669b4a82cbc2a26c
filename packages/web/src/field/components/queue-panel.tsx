import { createUniqueId, For, Show } from "solid-js";
import { kuwaitTime, tx } from "../../i18n";
import { actionLabel, refusalText } from "../../staff/field/labels";
import { fd } from "../i18n-field";
import { applyMineAnyway, discard, myQueue, recorded, type QueuedItem } from "../queue";
import { syncNow } from "../sync";
import { VIOLATION_TYPES } from "../violation-types";
import { caseActionLabel } from "./case-actions";

/** The record an item is about, as the inspector knows it. */
function subjectText(subject: string | null): string {
  const [kind, ref = ""] = (subject ?? "").split(/:(.*)/s);
  if (kind === "violation" && !ref.startsWith("VL-")) {
    const kept = recorded().find((v) => v.key === ref);
    return kept?.number ?? (kept ? fd("item.violation", { type: tx(VIOLATION_TYPES[kept.type].name) }) : fd("item.newViolation"));
  }
  return ref;
}

export function describeItem(i: QueuedItem): string {
  switch (i.item.kind) {
    case "photo":
      return `${fd("item.photo")} — ${subjectText(i.subject)}`;
    case "case_action":
      return `${caseActionLabel(i.item.action)} — ${i.item.trackingNumber}`;
    case "violation":
      return fd("item.violation", { type: tx(VIOLATION_TYPES[i.item.type].name) });
    case "violation_action":
      return `${actionLabel(i.item.action)} — ${subjectText(i.subject)}`;
  }
}

const noteOf = (i: QueuedItem): string | null =>
  i.item.kind === "case_action" || i.item.kind === "violation_action" ? (i.item.note ?? null) : null;

/** What changed on the server beside the inspector's own change, and their two choices. */
function ConflictCard(props: { item: QueuedItem }) {
  const id = createUniqueId();
  const server = () => props.item.outcome?.server ?? null;
  const last = () => server()?.lastChange ?? null;
  const action = () =>
    props.item.item.kind === "case_action"
      ? caseActionLabel(props.item.item.action)
      : props.item.item.kind === "violation_action"
        ? actionLabel(props.item.item.action)
        : "";
  return (
    <li class="card conflict-card" data-queue-state="conflict" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{fd("conflict.heading")}</h4>
      <p>{fd("conflict.intro", { action: action(), subject: subjectText(props.item.subject) })}</p>
      <dl class="facts">
        <Show when={server()}>
          {(s) => (
            <>
              <dt>{fd("conflict.status")}</dt>
              <dd>
                <strong>{tx(s().statusLabel)}</strong>
              </dd>
            </>
          )}
        </Show>
        <Show when={last()}>
          {(l) => (
            <>
              <dt>{fd("conflict.last")}</dt>
              <dd class="prewrap">{[l().text ? tx(l().text!) : null, l().note].filter(Boolean).join(" — ")}</dd>
              <dt>{fd("conflict.by")}</dt>
              <dd>{tx(l().by)}</dd>
              <dt>{fd("conflict.at")}</dt>
              <dd>{kuwaitTime(l().at)}</dd>
            </>
          )}
        </Show>
        <Show when={noteOf(props.item)}>
          {(note) => (
            <>
              <dt>{fd("conflict.note")}</dt>
              <dd class="prewrap">{note()}</dd>
            </>
          )}
        </Show>
      </dl>
      <div class="buttons">
        <button type="button" onClick={() => void applyMineAnyway(props.item.key).then(() => syncNow(true))}>
          {fd("conflict.apply")}
        </button>
        <button type="button" class="secondary" onClick={() => void discard(props.item.key)}>
          {fd("conflict.discard")}
        </button>
      </div>
    </li>
  );
}

function RefusedCard(props: { item: QueuedItem }) {
  const code = () => props.item.outcome?.code ?? "";
  return (
    <li class="card refused-card" data-queue-state="refused">
      <p>
        <strong>{describeItem(props.item)}</strong>
      </p>
      <p>
        {fd("refused.reason")}: {refusalText(code())}
      </p>
      <Show when={props.item.outcome?.reason}>
        {(reason) => (
          <details>
            <summary>{fd("refused.server")}</summary>
            <p lang="en" dir="ltr">
              {reason()}
            </p>
          </details>
        )}
      </Show>
      <button type="button" class="secondary" onClick={() => void discard(props.item.key)}>
        {fd("refused.delete")}
      </button>
    </li>
  );
}

/** Conflicts to decide, refusals to read, and what waits to be sent — for one task or the whole day. */
export function QueuePanel(props: { taskId?: string; showEmpty?: boolean }) {
  const id = createUniqueId();
  const items = () => myQueue().filter((i) => props.taskId === undefined || i.taskId === props.taskId);
  const conflicts = () => items().filter((i) => i.state === "conflict");
  const refused = () => items().filter((i) => i.state === "refused");
  const pending = () => items().filter((i) => i.state === "pending");
  return (
    <section class="panel queue" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{fd("queue.heading")}</h3>
      <Show when={conflicts().length > 0}>
        <ul class="cards">
          <For each={conflicts()}>{(item) => <ConflictCard item={item} />}</For>
        </ul>
      </Show>
      <Show when={refused().length > 0}>
        <h4>{fd("refused.heading")}</h4>
        <ul class="cards">
          <For each={refused()}>{(item) => <RefusedCard item={item} />}</For>
        </ul>
      </Show>
      <Show when={pending().length > 0} fallback={<p class="muted">{fd("queue.empty")}</p>}>
        <ul class="queue-list">
          <For each={pending()}>
            {(item) => (
              <li data-queue-state="pending">
                <span>{describeItem(item)}</span>
                <Show when={noteOf(item)}>{(note) => <span class="muted prewrap">{note()}</span>}</Show>
                <small class="muted">
                  {item.after ? fd("queue.after") : fd("queue.pending")} ·{" "}
                  {fd("queue.recordedAt", { time: kuwaitTime(item.createdAt) })}
                </small>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
