import { createSignal, For, onMount, Show } from "solid-js";
import { kuwaitTime, tx } from "../../i18n";
import { caseDetails, day, findTask, refreshViolation, violationDetails } from "../day";
import { distanceText, fd, fnum, type FieldAppKey } from "../i18n-field";
import { distanceM, fix } from "../position";
import { keepPhoto, loosePhotos, recorded, violationNow, type RecordedViolation } from "../queue";
import type { Task } from "../queries";
import { fieldPath, linkTo } from "../router";
import { CaseActions } from "../components/case-actions";
import { PhotoStrip } from "../components/photo-strip";
import { QueuePanel } from "../components/queue-panel";
import { ViolationActions } from "../components/violation-actions";
import { ViolationForm } from "../components/violation-form";
import { VIOLATION_STATE_LABELS, VIOLATION_TYPES } from "../violation-types";
import { directionsUrl, taskStatus } from "./today-view";

type CaseTask = Task & { case: NonNullable<Task["case"]> };
type ViolationTask = Task & { violation: NonNullable<Task["violation"]> };

function CaseSection(props: { task: CaseTask }) {
  const c = () => props.task.case;
  const details = () => caseDetails().get(c().trackingNumber) ?? null;
  const subject = () => ({ case: c().trackingNumber });
  return (
    <>
      <dl class="facts">
        <dt>{fd("fact.number")}</dt>
        <dd dir="ltr" class="number">
          {c().trackingNumber}
        </dd>
        <dt>{fd("fact.service")}</dt>
        <dd>{tx(c().service)}</dd>
        <dt>{fd("fact.status")}</dt>
        <dd class="case-status">{taskStatus(props.task)}</dd>
        <Show when={details()?.addressString}>
          {(address) => (
            <>
              <dt>{fd("fact.address")}</dt>
              <dd>{address()}</dd>
            </>
          )}
        </Show>
        <dt>{fd("fact.description")}</dt>
        <dd class="prewrap">{c().description}</dd>
      </dl>
      <Show when={c().photos.length > 0}>
        <ul class="thumbs">
          <For each={c().photos}>
            {(photo) => (
              <li>
                <img
                  src={photo.thumbUrl}
                  alt={fd("photos.serverAlt")}
                  loading="lazy"
                  onError={(e) => (e.currentTarget.parentElement!.hidden = true)}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={details() && details()!.timeline.length > 0}>
        <section class="panel" aria-labelledby="timeline-heading">
          <h3 id="timeline-heading">{fd("timeline.heading")}</h3>
          <ol class="timeline">
            <For each={[...details()!.timeline].reverse()}>
              {(entry) => (
                <li>
                  <span>
                    {entry.text ? tx(entry.text) : ""}
                    <Show when={entry.internal}>
                      {" "}
                      <span class="badge">{fd("timeline.internal")}</span>
                    </Show>
                  </span>
                  <Show when={entry.note}>{(note) => <span class="prewrap">{note()}</span>}</Show>
                  <small class="muted">
                    {tx(entry.by)} · <time dateTime={entry.at}>{kuwaitTime(entry.at)}</time>
                  </small>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
      <section class="panel" aria-labelledby="photos-heading">
        <h3 id="photos-heading">{fd("photos.heading")}</h3>
        <PhotoStrip
          label={fd("photos.take")}
          photos={loosePhotos(`case:${c().trackingNumber}`)}
          onKeep={(photo) => keepPhoto({ taskId: props.task.id, subject: subject(), ...photo })}
        />
        <Show when={loosePhotos(`case:${c().trackingNumber}`).length > 0}>
          <p class="notice">{fd("photos.loose", { n: fnum(loosePhotos(`case:${c().trackingNumber}`).length) })}</p>
        </Show>
      </section>
      <CaseActions task={props.task} />
    </>
  );
}

function ViolationSection(props: { task: ViolationTask }) {
  const v = () => props.task.violation;
  const details = () => {
    const kept = violationDetails().get(v().number);
    return kept && kept.updatedAt >= v().updatedAt ? kept : null;
  };
  const state = () => details()?.state ?? v().state;
  const base = () => details()?.updatedAt ?? v().updatedAt;
  const serverActions = () => details()?.actions ?? v().actions;
  const info = () => VIOLATION_TYPES[v().type];
  onMount(() => {
    if (navigator.onLine) void refreshViolation(v().number);
  });
  return (
    <section class="panel violation-panel" aria-labelledby="violation-heading">
      <h3 id="violation-heading">
        {fd("vtask.heading", { number: "" })}
        <bdi dir="ltr">{v().number}</bdi>
      </h3>
      <dl class="facts">
        <dt>{fd("vtask.type")}</dt>
        <dd>{tx(info().name)}</dd>
        <dt>{fd("violation.legal")}</dt>
        <dd>{tx(info().legalReference)}</dd>
        <dt>{fd("vtask.state")}</dt>
        <dd>{taskStatus(props.task)}</dd>
        <Show when={details()?.deadline ?? v().deadline}>
          {(deadline) => (
            <>
              <dt>{fd("vtask.deadline")}</dt>
              <dd>{kuwaitTime(deadline())}</dd>
            </>
          )}
        </Show>
        <Show when={details()}>
          {(d) => (
            <>
              <dt>{fd("vtask.offender")}</dt>
              <dd>
                <bdi dir="ltr">{d().offender.ref}</bdi>
                {d().offender.name ? ` — ${d().offender.name}` : ""}
              </dd>
              <dt>{fd("vtask.description")}</dt>
              <dd class="prewrap">{d().description}</dd>
            </>
          )}
        </Show>
      </dl>
      <ViolationActions
        taskId={props.task.id}
        violation={v().number}
        photoSubject={{ violation: v().number }}
        type={v().type}
        now={violationNow(v().number, state(), serverActions())}
        base={base()}
      />
    </section>
  );
}

function RecordedCard(props: { violation: RecordedViolation }) {
  const v = () => props.violation;
  const now = () => violationNow(v().key, v().state, null);
  return (
    <li class="card recorded-violation" data-violation-key={v().key}>
      <h4>{tx(VIOLATION_TYPES[v().type].name)}</h4>
      <p>
        <Show
          when={v().number}
          fallback={<span class="muted">{v().received ? fd("recorded.received") : fd("recorded.noNumber")}</span>}
        >
          {(number) => (
            <>
              {fd("recorded.number", { number: "" })}
              <bdi dir="ltr">{number()}</bdi>
            </>
          )}
        </Show>
      </p>
      <p>
        {tx(VIOLATION_STATE_LABELS[now().state])}
        <Show when={now().waiting > 0}> {fd("status.notSent")}</Show>
      </p>
      <p class="prewrap muted">{v().description}</p>
      <ViolationActions
        taskId={v().taskId}
        violation={v().key}
        photoSubject={{ violationKey: v().key }}
        type={v().type}
        now={now()}
        base={null}
      />
    </li>
  );
}

/** One task: the case or violation as kept on the phone, evidence photos, and the steps to take on site. */
export function TaskView(props: { id: string }) {
  const [recording, setRecording] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const task = () => findTask(props.id);
  const gone = () => Boolean(day()) && !day()!.day.tasks.some((t) => t.id === props.id);
  const mine = () => recorded().filter((v) => v.taskId === props.id);
  const back = (
    <a class="back" href={fieldPath({ name: "today" })} onClick={linkTo({ name: "today" })}>
      {fd("nav.back")}
    </a>
  );
  return (
    <section aria-labelledby="task-heading">
      {back}
      <Show
        when={task()}
        fallback={
          <>
            <h2 id="task-heading">{fd("page.notKept")}</h2>
          </>
        }
      >
        {(t) => (
          <>
            <div class="card-head">
              <span class="badge">{fd(`kind.${t().kind}` as FieldAppKey)}</span>
              <Show when={t().overdue}>
                <span class="badge overdue">{fd("task.overdue")}</span>
              </Show>
            </div>
            <h2 id="task-heading">{tx(t().title)}</h2>
            <Show when={gone()}>
              <p class="notice">{fd("page.gone")}</p>
            </Show>
            <p class="task-meta">
              <span>{tx(t().areaName)}</span>
              <Show when={fix()}>
                {(here) => (
                  <strong class="distance">{fd("task.away", { d: distanceText(distanceM(here(), t().location)) })}</strong>
                )}
              </Show>
              <Show when={t().dueAt}>
                {(due) => <span classList={{ "overdue-text": t().overdue }}>{fd("task.due", { time: kuwaitTime(due()) })}</span>}
              </Show>
            </p>
            <a class="button secondary navigate" href={directionsUrl(t().location)} target="_blank" rel="noopener">
              {fd("task.navigate")}
              <span class="visually-hidden"> — {fd("task.navigateTo", { title: tx(t().title) })}</span>
            </a>
            <QueuePanel taskId={t().id} />
            <Show when={t().violation}>
              <ViolationSection task={t() as ViolationTask} />
            </Show>
            <Show when={t().case}>
              <CaseSection task={t() as CaseTask} />
            </Show>
            <section class="panel" aria-labelledby="recorded-heading">
              <h3 id="recorded-heading">{fd("recorded.heading")}</h3>
              <Show when={saved()}>
                <p class="success-text" role="status">
                  {fd("violation.saved")}
                </p>
              </Show>
              <Show when={mine().length > 0}>
                <ul class="cards">
                  <For each={mine()}>{(v) => <RecordedCard violation={v} />}</For>
                </ul>
              </Show>
              <Show
                when={recording()}
                fallback={
                  <button
                    type="button"
                    class="primary"
                    onClick={() => {
                      setSaved(false);
                      setRecording(true);
                    }}
                  >
                    {fd("violation.open")}
                  </button>
                }
              >
                <ViolationForm
                  task={t()}
                  onClose={(ok) => {
                    setRecording(false);
                    setSaved(ok);
                  }}
                />
              </Show>
            </section>
          </>
        )}
      </Show>
    </section>
  );
}
