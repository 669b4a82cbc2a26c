import { createMemo, For, Match, on, Show, Switch, untrack } from "solid-js";
import { kuwaitTime, statusLabel, tx } from "../../i18n";
import { MapView, type MapMarker } from "../../map/map-view";
import { day, dayError, loadingDay, refreshDay } from "../day";
import { distanceText, fd, fnum, type FieldAppKey } from "../i18n-field";
import { distanceM, fix, positionState } from "../position";
import { caseNow, myQueue, violationNow } from "../queue";
import type { Task } from "../queries";
import { fieldPath, go, linkTo } from "../router";
import { QueuePanel } from "../components/queue-panel";
import { staffErrorLabel } from "../../staff/i18n-staff";
import { VIOLATION_STATE_LABELS } from "../violation-types";

export const directionsUrl = (p: { lat: number; lng: number }) =>
  `https://www.google.com/maps/dir/?api=1&destination=${p.lat.toFixed(6)},${p.lng.toFixed(6)}`;

/** The status a task shows: its case's or its violation's, with the inspector's unsent changes laid over. */
export function taskStatus(task: Task): string {
  if (task.violation) {
    const now = violationNow(task.violation.number, task.violation.state, task.violation.actions);
    return now.state === task.violation.state
      ? tx(task.violation.stateLabel)
      : `${tx(VIOLATION_STATE_LABELS[now.state])} ${fd("status.notSent")}`;
  }
  if (task.case) {
    const now = caseNow(task.case);
    return now.status === task.case.status ? tx(task.case.statusLabel) : `${statusLabel(now.status)} ${fd("status.notSent")}`;
  }
  return "";
}

function TaskCard(props: { task: Task; distance: number | null }) {
  const waiting = () => myQueue().filter((i) => i.taskId === props.task.id && i.state === "pending").length;
  const conflict = () => myQueue().some((i) => i.taskId === props.task.id && i.state === "conflict");
  const refused = () => myQueue().some((i) => i.taskId === props.task.id && i.state === "refused");
  const title = () => tx(props.task.title);
  return (
    <li class="card task-card" data-task-id={props.task.id}>
      <div class="card-head">
        <span class="badge">{fd(`kind.${props.task.kind}` as FieldAppKey)}</span>
        <Show when={props.task.overdue}>
          <span class="badge overdue">{fd("task.overdue")}</span>
        </Show>
        <Show when={conflict()}>
          <span class="badge conflict">{fd("task.conflict")}</span>
        </Show>
        <Show when={refused()}>
          <span class="badge conflict">{fd("task.refused")}</span>
        </Show>
      </div>
      <h3>
        <a href={fieldPath({ name: "task", id: props.task.id })} onClick={linkTo({ name: "task", id: props.task.id })}>
          {title()}
        </a>
      </h3>
      <p class="task-meta">
        <span>{tx(props.task.areaName)}</span>
        <Show when={props.task.case}>{(c) => <span dir="ltr">{c().trackingNumber}</span>}</Show>
        <Show when={props.task.violation}>{(v) => <span dir="ltr">{v().number}</span>}</Show>
      </p>
      <p class="task-meta">
        <Show when={props.distance !== null}>
          <strong class="distance">{fd("task.away", { d: distanceText(props.distance!) })}</strong>
        </Show>
        <span>{taskStatus(props.task)}</span>
        <Show when={props.task.dueAt}>
          {(due) => <span classList={{ "overdue-text": props.task.overdue }}>{fd("task.due", { time: kuwaitTime(due()) })}</span>}
        </Show>
      </p>
      <Show when={waiting() > 0}>
        <p class="muted">{fd("task.waiting", { n: fnum(waiting()) })}</p>
      </Show>
      <a class="button secondary navigate" href={directionsUrl(props.task.location)} target="_blank" rel="noopener">
        {fd("task.navigate")}
        <span class="visually-hidden"> — {fd("task.navigateTo", { title: title() })}</span>
      </a>
    </li>
  );
}

/** Today's tasks, nearest first (as the crow flies from where the inspector stands), as a map and a list. */
export function TodayView() {
  const here = () => fix();
  const distanceTo = (task: Task): number | null => {
    const p = here();
    return p ? distanceM(p, task.location) : null;
  };
  // The kept Task objects themselves, reordered: cards stay in place while the position updates.
  const sorted = createMemo(() => {
    const tasks = day()?.day.tasks ?? [];
    return here() ? [...tasks].sort((a, b) => (distanceTo(a) ?? 0) - (distanceTo(b) ?? 0)) : tasks;
  });
  const markers = (): MapMarker[] =>
    sorted().map((task) => {
      const distance = distanceTo(task);
      return {
        id: task.id,
        lat: task.location.lat,
        lng: task.location.lng,
        label: distance !== null ? `${tx(task.title)} — ${fd("task.away", { d: distanceText(distance) })}` : tx(task.title),
        tone: task.overdue ? "overdue" : "open",
      };
    });
  // The map centres once on where the inspector stands (or the first task), not at every new reading.
  const anchor = createMemo(() => (here() ? "here" : (sorted()[0]?.id ?? null)));
  const focus = createMemo(
    on(anchor, () =>
      untrack(() => {
        const p = here() ?? sorted()[0]?.location;
        return p ? { lat: p.lat, lng: p.lng, zoom: 12 } : null;
      }),
    ),
  );

  return (
    <section aria-labelledby="today-heading">
      <div class="today-head">
        <h2 id="today-heading">{fd("today.heading")}</h2>
        <button type="button" class="secondary" disabled={loadingDay()} onClick={() => void refreshDay()}>
          {fd("today.refresh")}
        </button>
      </div>
      <Show when={dayError()}>
        {(e) => (
          <p class="error-box" role="alert">
            {staffErrorLabel(e().code)}
          </p>
        )}
      </Show>
      <Show when={day()} fallback={<p class="muted">{loadingDay() ? fd("today.loading") : fd("today.none")}</p>}>
        {(kept) => (
          <>
            <p class="muted">
              {fd("today.count", { n: fnum(kept().day.tasks.length) })} ·{" "}
              {fd("today.kept", { time: kuwaitTime(kept().fetchedAt) })}
            </p>
            <p class="position-note" role="status">
              <Switch>
                <Match when={here()}>{(p) => <>{fd("today.byDistance", { m: fnum(Math.round(p().accuracyM)) })}</>}</Match>
                <Match when={positionState() === "waiting"}>{fd("today.locating")}</Match>
                <Match when={positionState() === "denied"}>{fd("today.denied")}</Match>
                <Match when={true}>{fd("today.noPosition")}</Match>
              </Switch>
            </p>
            <Show when={kept().day.tasks.length > 0} fallback={<p class="panel">{fd("today.none")}</p>}>
              <MapView
                class="field-map"
                label={fd("today.map")}
                markers={markers()}
                pin={here() ? { lat: here()!.lat, lng: here()!.lng } : null}
                pinLabel={here() ? fd("today.you") : null}
                focus={focus()}
                onSelect={(id) => go({ name: "task", id })}
              />
              <p class="muted">{fd("today.mapHint")}</p>
              <h3 class="visually-hidden">{fd("today.list")}</h3>
              <ul class="cards tasks">
                <For each={sorted()}>{(task) => <TaskCard task={task} distance={distanceTo(task)} />}</For>
              </ul>
            </Show>
          </>
        )}
      </Show>
      <QueuePanel />
    </section>
  );
}
